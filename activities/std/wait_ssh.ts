/**
 * `std.wait_ssh`: in Mistral an ad-hoc action shipped with the engine (`resources/actions/wait_ssh.yaml`), not a
 * Python class. It runs `ls -l` over SSH, so with a `retry` policy it waits until a freshly booted host accepts SSH.
 * Exported as YAML text (pure data, sandbox-safe) so the engine can register it like any ad-hoc action.
 */
export const WAIT_SSH_ACTION_YAML = `---
version: '2.0'

std.wait_ssh:
  description: Simple SSH command.
  base: std.ssh
  base-input:
    host: <% $.host %>
    username: <% $.username %>
    password: <% $.password %>
    cmd: 'ls -l'
  input:
    - host
    - username
    - password
`;

/** The name under which the engine should register the ad-hoc action above. */
export const WAIT_SSH_ACTION_NAME = 'std.wait_ssh';
