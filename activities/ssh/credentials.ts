/**
 * Private keys and authentication methods for the SSH actions, following Mistral's ssh_utils: an inline
 * `private_key` wins over `private_key_filename`; a relative file name is looked up in ~/.ssh/ and must not contain
 * '..'; `password` also unlocks an encrypted key. Like paramiko (allow_agent/look_for_keys), the worker's ssh-agent
 * and ~/.ssh/id_* keys are tried after the given key. Any key type ssh2 reads works (Mistral only reads RSA keys).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import ssh2, { type AnyAuthMethod, type ParsedKey } from 'ssh2';
import { SshFailure } from './errors';

const { utils } = ssh2; // ssh2 is CommonJS: named value imports do not work under ESM
import type { SshOptions } from './options';

export interface KeySource {
  private_key?: unknown;
  private_key_filename?: unknown;
  /** Passphrase of an encrypted key (Mistral passes `password` here). */
  passphrase?: string | null;
}

/** Loads and parses the key given by `private_key` or `private_key_filename`; null when neither is given. */
export async function loadPrivateKey(src: KeySource, opts: Pick<SshOptions, 'keyDir'>): Promise<ParsedKey | null> {
  if (typeof src.private_key === 'string' && src.private_key.trim()) {
    return parse(src.private_key, src.passphrase, 'the private_key parameter');
  }
  if (typeof src.private_key_filename === 'string' && src.private_key_filename) {
    const name = src.private_key_filename;
    if (name.includes('../') || name.includes('..\\')) {
      throw new SshFailure(`Private key filename must not contain '..'. Actual: ${name}`);
    }
    const path = isAbsolute(name) ? name : join(opts.keyDir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new SshFailure(`cannot read private key file ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    return parse(text, src.passphrase, `private key file ${path}`);
  }
  return null;
}

function parse(text: string, passphrase: string | null | undefined, what: string): ParsedKey {
  const parsed = utils.parseKey(text, passphrase || undefined);
  if (parsed instanceof Error) throw new SshFailure(`cannot load ${what}: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) throw new SshFailure(`cannot load ${what}: no key found`);
  return key;
}

/**
 * The authentication methods to try, in order: the given key, the ssh-agent and default keys (when enabled), then
 * the password (std.ssh only: std.ssh_proxied uses its password only as a key passphrase, as in Mistral).
 */
export async function authMethods(
  username: string,
  key: ParsedKey | null,
  password: string | null,
  opts: Pick<SshOptions, 'keyDir' | 'useDefaultKeys'>,
): Promise<AnyAuthMethod[]> {
  const methods: AnyAuthMethod[] = [];
  if (key) methods.push({ type: 'publickey', username, key });
  if (opts.useDefaultKeys) {
    if (process.env.SSH_AUTH_SOCK) methods.push({ type: 'agent', username, agent: process.env.SSH_AUTH_SOCK });
    for (const f of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
      try {
        const text = await readFile(join(opts.keyDir, f), 'utf8');
        const k = utils.parseKey(text, password || undefined);
        const one = Array.isArray(k) ? k[0] : k;
        if (one && !(one instanceof Error)) methods.push({ type: 'publickey', username, key: one });
      } catch {
        // absent or unreadable default key: skip, as paramiko does
      }
    }
  }
  if (password) methods.push({ type: 'password', username, password });
  return methods;
}
