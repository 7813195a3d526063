/**
 * Messages of the SSH actions. Mistral says only "Failed to execute ssh cmd '<cmd>' on ['<host>']" (the details go to
 * its log); Tramontane keeps that opening, names the one host that failed (not the Python list), and adds the reason
 * users need: exit code and stderr tail, or why the connection failed.
 */
import { ActionError } from '../types';

/** A failure before or while talking to a host, with a user-facing reason ("connection refused (h:22)"). */
export class SshFailure extends Error {
  readonly retryable: boolean;
  constructor(reason: string, retryable = false) {
    super(reason);
    this.name = 'SshFailure';
    this.retryable = retryable;
  }
}

/** Mistral's opening: `Failed to execute ssh cmd '<cmd>' on <host>`. */
export function failedCmdPrefix(cmd: string, host: string): string {
  return `Failed to execute ssh cmd '${cmd}' on ${host}`;
}

const STDERR_TAIL = 1000;

/** The error for a command that exited non-zero (or was killed by a signal). */
export function nonZeroExitError(cmd: string, host: string, exitCode: number | null, signal: string | null, stderr: string): ActionError {
  const how = exitCode === null && signal ? `killed by signal ${signal}` : `exit code ${exitCode ?? 'unknown'}`;
  let tail = stderr.trim();
  if (tail.length > STDERR_TAIL) tail = '…' + tail.slice(-STDERR_TAIL);
  return new ActionError(`${failedCmdPrefix(cmd, host)} (${how})${tail ? ': ' + tail : ''}`);
}

/** The error for a connection, authentication or setup failure on `host`. */
export function connectionError(cmd: string, host: string, e: unknown): ActionError {
  if (e instanceof SshFailure) return new ActionError(`${failedCmdPrefix(cmd, host)}: ${e.message}`, { retryable: e.retryable });
  const msg = e instanceof Error ? e.message : String(e);
  return new ActionError(`${failedCmdPrefix(cmd, host)}: ${msg}`);
}
