/**
 * Signatures of `std.ssh` and `std.ssh_proxied`, parameter names and order as Mistral's `SSHAction` and
 * `SSHProxiedAction` constructors (class names and the `missing=[...]` order checked against the Mistral 15.0.0
 * oracle). `return_result_on_error` comes from later Mistral releases. Pure data: imported inside the workflow sandbox.
 */
import type { ActionSignature } from '../types';

export const sshSignature: ActionSignature = {
  name: 'std.ssh',
  className: 'mistral.actions.std_actions.SSHAction',
  params: [
    { name: 'cmd', required: true },
    { name: 'host', required: true },
    { name: 'username', required: true },
    { name: 'password', required: false, default: '' },
    { name: 'private_key_filename', required: false, default: null },
    { name: 'private_key', required: false, default: null },
    { name: 'return_result_on_error', required: false, default: false },
  ],
  secretParams: ['password', 'private_key'],
  description: 'Runs `cmd` over SSH on `host` (a string or a list of hosts, run one after another).',
};

export const sshProxiedSignature: ActionSignature = {
  name: 'std.ssh_proxied',
  className: 'mistral.actions.std_actions.SSHProxiedAction',
  params: [
    { name: 'cmd', required: true },
    { name: 'host', required: true },
    { name: 'username', required: true },
    { name: 'private_key_filename', required: true },
    { name: 'gateway_host', required: true },
    { name: 'gateway_username', required: false, default: null },
    { name: 'password', required: false, default: null },
    { name: 'proxy_command', required: false, default: null },
    { name: 'private_key', required: false, default: null },
  ],
  secretParams: ['password', 'private_key'],
  description: 'Runs `cmd` over SSH on `host`, reached through the jump host `gateway_host`.',
};

export const signatures: ActionSignature[] = [sshSignature, sshProxiedSignature];
