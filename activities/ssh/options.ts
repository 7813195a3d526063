/**
 * Worker-side settings of the SSH actions, from the environment or given explicitly to `createSshActions`.
 *
 * Host-key policy. Mistral (paramiko `AutoAddPolicy`) accepts any host key, and Tramontane keeps that as the
 * default: the main use of std.ssh/std.ssh_proxied is reaching machines a workflow has just created (nova servers),
 * whose keys nobody can know in advance, so a strict default would break those workflows. The price is that a
 * man-in-the-middle is not detected. Operators who know their hosts set `TRAMONTANE_SSH_KNOWN_HOSTS=/path/known_hosts`
 * (or `knownHostsFile`): then every host (gateway and target) must present a key listed there (OpenSSH format, hashed
 * entries and `[host]:port` included), and an unknown or different key fails the task before any authentication.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface SshOptions {
  /** known_hosts file to verify host keys against; null = accept any host key (Mistral's behaviour). */
  knownHostsFile: string | null;
  /** Directory that relative `private_key_filename`s are resolved against (Mistral: `~/.ssh/`). */
  keyDir: string;
  /** TCP connect + SSH handshake timeout. */
  connectTimeoutMs: number;
  /** How often a running command heartbeats. */
  heartbeatMs: number;
  /** Whether std.ssh_proxied's `proxy_command` (runs a local command on the worker) is allowed. */
  allowProxyCommand: boolean;
  /** Also try the worker's ssh-agent and ~/.ssh/id_* keys, as paramiko does (allow_agent/look_for_keys). */
  useDefaultKeys: boolean;
}

/** Reads the SSH options from the environment (`TRAMONTANE_SSH_*`), with the documented defaults. */
export function sshOptionsFromEnv(env: Record<string, string | undefined> = process.env): SshOptions {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    knownHostsFile: env.TRAMONTANE_SSH_KNOWN_HOSTS ? env.TRAMONTANE_SSH_KNOWN_HOSTS : null,
    keyDir: env.TRAMONTANE_SSH_KEY_DIR || join(homedir(), '.ssh'),
    connectTimeoutMs: num(env.TRAMONTANE_SSH_CONNECT_TIMEOUT, 20) * 1000,
    heartbeatMs: 2000,
    allowProxyCommand: env.TRAMONTANE_SSH_ALLOW_PROXY_COMMAND === '1',
    useDefaultKeys: env.TRAMONTANE_SSH_NO_DEFAULT_KEYS !== '1',
  };
}
