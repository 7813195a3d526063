/**
 * Worker-side implementations of std.ssh and std.ssh_proxied. `actions` reads its settings from the environment
 * (see options.ts for `TRAMONTANE_SSH_KNOWN_HOSTS` and the host-key policy); `createSshActions` takes them explicitly.
 */
import type { ActionImpl } from '../types';
import { sshOptionsFromEnv, type SshOptions } from './options';
import { createSshAction } from './ssh-action';
import { createSshProxiedAction } from './ssh-proxied-action';

export type { SshOptions } from './options';
export { sshOptionsFromEnv } from './options';

/** Builds std.ssh and std.ssh_proxied with the environment's settings overridden by `overrides`. */
export function createSshActions(overrides: Partial<SshOptions> = {}): ActionImpl[] {
  const opts = { ...sshOptionsFromEnv(), ...overrides };
  return [createSshAction(opts), createSshProxiedAction(opts)];
}

export const actions: ActionImpl[] = createSshActions();
