/**
 * `std.ssh(cmd, host, username, password='', private_key_filename=null, private_key=null,
 * return_result_on_error=false)`: runs `cmd` on each host in turn (one connection per host, as Mistral). Result: the
 * stdout string, or a list of them when `host` is a list of several hosts (a one-element list gives a single value,
 * as in Mistral). A non-zero exit stops at that host with "Failed to execute ssh cmd '<cmd>' on <host> (exit code N):
 * <stderr tail>"; with `return_result_on_error: true` every host gives `{stdout, stderr, exit_code}` instead and the
 * action succeeds.
 */
import { ActionError, type ActionContext, type ActionImpl } from '../types';
import { pyStr, pyTruthy } from '../std/python';
import { parseSshAddress } from './address';
import { connectSsh } from './connect';
import { authMethods, loadPrivateKey } from './credentials';
import { connectionError, nonZeroExitError } from './errors';
import { execOnHost } from './exec';
import type { SshOptions } from './options';
import { sshSignature } from './signatures';

/** Creates the std.ssh implementation with the given worker settings. */
export function createSshAction(opts: SshOptions): ActionImpl {
  return {
    signature: sshSignature,
    run: (input, ctx) => runSsh(input, ctx, opts),
  };
}

/** Normalizes Mistral's `host` parameter (a string or a list) to a list of host strings. */
export function hostList(host: unknown): string[] {
  const list = Array.isArray(host) ? host : [host];
  if (list.length === 0) throw new ActionError('Failed to execute ssh: the host list is empty');
  return list.map((h) => pyStr(h));
}

async function runSsh(input: Record<string, unknown>, ctx: ActionContext, opts: SshOptions): Promise<unknown> {
  const cmd = pyStr(input.cmd);
  const hosts = hostList(input.host);
  const username = pyStr(input.username);
  const password = typeof input.password === 'string' ? input.password : input.password == null ? '' : pyStr(input.password);
  const returnOnError = pyTruthy(input.return_result_on_error);

  let key;
  try {
    key = await loadPrivateKey({ ...input, passphrase: password }, opts);
  } catch (e) {
    throw connectionError(cmd, hosts[0]!, e);
  }
  const methods = await authMethods(username, key, password, opts);

  const results: unknown[] = [];
  for (const host of hosts) {
    const address = parseSshAddress(host);
    let client;
    try {
      client = await connectSsh({ address, username, methods, opts, signal: ctx.signal });
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw connectionError(cmd, host, e);
    }
    let outcome;
    try {
      outcome = await execOnHost(client, cmd, address, ctx, opts);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw connectionError(cmd, host, e);
    } finally {
      client.end();
    }
    if (returnOnError) {
      results.push({ stdout: outcome.stdout, stderr: outcome.stderr, exit_code: outcome.exitCode });
    } else if (outcome.exitCode !== 0) {
      throw nonZeroExitError(cmd, host, outcome.exitCode, outcome.signal, outcome.stderr);
    } else {
      results.push(outcome.stdout);
    }
  }
  return results.length > 1 ? results : results[0];
}
