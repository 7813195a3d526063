/**
 * Opens an authenticated SSH connection with ssh2 and turns every failure into a user-facing reason (refused,
 * unreachable, timed out, authentication failed, host key rejected). Honours cancellation while connecting.
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ssh2, { type AnyAuthMethod, type Client } from 'ssh2';
import { abortReason } from '../std/cancellable-sleep';
import { formatSshAddress, type SshAddress } from './address';
import { SshFailure } from './errors';
import { parseKnownHosts, verifyHostKey, type HostKeyVerdict } from './known-hosts';
import type { SshOptions } from './options';

const { Client: SshClient } = ssh2; // ssh2 is CommonJS: named value imports do not work under ESM

export interface ConnectParams {
  address: SshAddress;
  /** How the host is named in messages, e.g. "10.0.0.5:22" or "gateway 10.0.0.1:22". */
  label?: string;
  username: string;
  methods: AnyAuthMethod[];
  /** An already open stream to the host (a gateway tunnel or a proxy command) instead of a TCP connection. */
  sock?: Readable;
  opts: SshOptions;
  signal: AbortSignal;
}

/** Connects and authenticates; resolves with the ready client or rejects with an `SshFailure` (or the abort reason). */
export async function connectSsh(p: ConnectParams): Promise<Client> {
  if (p.signal.aborted) throw abortReason(p.signal);
  const where = p.label ?? formatSshAddress(p.address);
  let verdict: HostKeyVerdict | null = null;
  let hostVerifier: ((key: Buffer) => boolean) | undefined;
  if (p.opts.knownHostsFile) {
    let text: string;
    try {
      text = await readFile(p.opts.knownHostsFile, 'utf8');
    } catch (e) {
      throw new SshFailure(`cannot read known_hosts file ${p.opts.knownHostsFile}: ${(e as Error).message}`);
    }
    const entries = parseKnownHosts(text);
    hostVerifier = (key: Buffer) => {
      verdict = verifyHostKey(entries, p.address.host, p.address.port, key);
      return verdict === 'match';
    };
  }
  if (p.methods.length === 0) {
    throw new SshFailure(`authentication failed for user '${p.username}' on ${where}: no private key or password given`);
  }

  return new Promise<Client>((resolve, reject) => {
    const client = new SshClient();
    let settled = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      p.signal.removeEventListener('abort', onAbort);
      if (err) {
        client.end();
        reject(err);
      } else resolve(client);
    };
    const onAbort = () => finish(abortReason(p.signal));
    p.signal.addEventListener('abort', onAbort, { once: true });
    client.on('ready', () => finish(null));
    client.on('error', (e: Error & { level?: string; code?: string }) => finish(explain(e, where, p.username, verdict, p.opts)));
    client.on('close', () => finish(new SshFailure(`connection to ${where} closed before authentication`, true)));
    try {
      client.connect({
        host: p.sock ? undefined : p.address.host,
        port: p.sock ? undefined : p.address.port,
        sock: p.sock,
        username: p.username,
        authHandler: p.methods,
        hostVerifier,
        readyTimeout: p.opts.connectTimeoutMs,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 4,
      });
    } catch (e) {
      finish(new SshFailure(`cannot connect to ${where}: ${(e as Error).message}`));
    }
  });
}

function explain(
  e: Error & { level?: string; code?: string },
  where: string,
  username: string,
  verdict: HostKeyVerdict | null,
  opts: SshOptions,
): SshFailure {
  if (verdict && verdict !== 'match') {
    const why =
      verdict === 'unknown'
        ? 'is not listed in'
        : verdict === 'revoked'
          ? 'is marked @revoked in'
          : 'does not match the key recorded in (possible man-in-the-middle attack)';
    return new SshFailure(`host key verification failed: the host key of ${where} ${why} ${opts.knownHostsFile}`);
  }
  if (e.level === 'client-authentication') return new SshFailure(`authentication failed for user '${username}' on ${where}`);
  if (e.level === 'client-timeout') {
    return new SshFailure(`connection to ${where} timed out after ${opts.connectTimeoutMs / 1000} s`, true);
  }
  switch (e.code) {
    case 'ECONNREFUSED':
      return new SshFailure(`connection refused by ${where}`, true);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new SshFailure(`host unreachable: ${where}`, true);
    case 'ETIMEDOUT':
      return new SshFailure(`connection to ${where} timed out`, true);
    case 'ECONNRESET':
      return new SshFailure(`connection reset by ${where}`, true);
    case 'ENOTFOUND':
      return new SshFailure(`unknown host: ${where}`);
    case 'EAI_AGAIN':
      return new SshFailure(`cannot resolve host ${where} (temporary DNS failure)`, true);
  }
  if (/before handshake/i.test(e.message)) {
    return new SshFailure(`connection to ${where} closed before the SSH handshake (is an SSH server listening there?)`, true);
  }
  return new SshFailure(`cannot connect to ${where}: ${e.message}`);
}
