/**
 * Runs one command on a connected SSH client (an `exec` channel, no pty, as paramiko does), collecting stdout,
 * stderr and the exit status. Long commands heartbeat; cancellation sends SIGTERM to the remote command and closes
 * the channel and the connection at once. Limit: OpenSSH's sshd refuses channel signals for root logins (it drops
 * privilege separation for them), so a root command keeps running remotely until it ends or writes to the closed
 * channel; without a pty there is no other way to stop it.
 */
import type { Client, ClientChannel } from 'ssh2';
import { abortReason } from '../std/cancellable-sleep';
import { SshFailure } from './errors';
import type { ActionContext } from '../types';
import { formatSshAddress, type SshAddress } from './address';
import type { SshOptions } from './options';

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  /** null when the command was killed by a signal or the server sent no status. */
  exitCode: number | null;
  signal: string | null;
}

export interface ExecParams {
  client: Client;
  cmd: string;
  signal: AbortSignal;
  heartbeat: (details?: unknown) => void;
  heartbeatMs: number;
  /** Extra heartbeat details (e.g. the host). */
  label: string;
}

/** Executes `cmd` and resolves when the channel closes; rejects with the abort reason on cancellation. */
export function execCommand(p: ExecParams): Promise<ExecOutcome> {
  if (p.signal.aborted) return Promise.reject(abortReason(p.signal));
  return new Promise<ExecOutcome>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let channel: ClientChannel | null = null;
    let settled = false;
    const started = Date.now();
    const beat = setInterval(
      () => p.heartbeat({ host: p.label, running_s: Math.round((Date.now() - started) / 1000) }),
      p.heartbeatMs,
    );
    const finish = (e: Error | null) => {
      if (settled) return;
      settled = true;
      clearInterval(beat);
      p.signal.removeEventListener('abort', onAbort);
      p.client.removeListener('error', onClientError);
      p.client.removeListener('close', onClientClose);
      if (e) reject(e);
      else
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          exitCode,
          signal: exitSignal,
        });
    };
    const onAbort = () => {
      if (channel) {
        try {
          channel.signal('TERM');
        } catch {
          // the channel may already be closing
        }
        channel.close();
      }
      p.client.end();
      finish(abortReason(p.signal));
    };
    const onClientError = (e: Error) => finish(new SshFailure(`connection lost while running the command: ${e.message}`));
    const onClientClose = () => finish(new SshFailure('connection closed before the command finished'));
    p.signal.addEventListener('abort', onAbort, { once: true });
    p.client.on('error', onClientError);
    p.client.on('close', onClientClose);
    p.heartbeat({ host: p.label, running_s: 0 });
    p.client.exec(p.cmd, (e, ch) => {
      if (e) return finish(new SshFailure(`cannot start the command: ${e.message}`));
      if (settled) {
        ch.close();
        return;
      }
      channel = ch;
      ch.on('data', (d: Buffer) => out.push(d));
      ch.stderr.on('data', (d: Buffer) => err.push(d));
      ch.on('exit', (code: number | null, sig?: string) => {
        exitCode = typeof code === 'number' ? code : null;
        exitSignal = sig ?? null;
      });
      ch.on('close', () => finish(null));
    });
  });
}

/** `execCommand` as both SSH actions run it: the action's cancellation and heartbeats, the host as the label. */
export function execOnHost(
  client: Client,
  cmd: string,
  address: SshAddress,
  ctx: Pick<ActionContext, 'signal' | 'heartbeat'>,
  opts: Pick<SshOptions, 'heartbeatMs'>,
): Promise<ExecOutcome> {
  return execCommand({ client, cmd, signal: ctx.signal, heartbeat: ctx.heartbeat, heartbeatMs: opts.heartbeatMs, label: formatSshAddress(address) });
}
