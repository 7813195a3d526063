/**
 * `std.ssh_proxied(cmd, host, username, private_key_filename, gateway_host, gateway_username=null, password=null,
 * proxy_command=null, private_key=null)`: runs `cmd` on each host through the jump host `gateway_host`.
 *
 * Tunnel: Mistral opens a session on the gateway running `nc <host> 22` and speaks SSH over its stdio. Tramontane
 * opens a `direct-tcpip` channel instead (ssh2 `forwardOut`, what `ssh -J` does): the same end-to-end SSH session to
 * the target, with no dependency on `nc` being installed on the gateway; it needs `AllowTcpForwarding` on the
 * gateway's sshd (OpenSSH's default). One gateway connection is shared by all hosts of the call.
 *
 * As in Mistral, the same key authenticates on the gateway (as `gateway_username`, default `username`) and on the
 * target, `password` only unlocks an encrypted key, and there is no `return_result_on_error`.
 */
import type { Client, ClientChannel } from 'ssh2';
import { ActionError, type ActionContext, type ActionImpl } from '../types';
import { pyStr } from '../std/python';
import { formatSshAddress, parseSshAddress, type SshAddress } from './address';
import { connectSsh } from './connect';
import { authMethods, loadPrivateKey } from './credentials';
import { connectionError, nonZeroExitError, SshFailure } from './errors';
import { execOnHost } from './exec';
import type { SshOptions } from './options';
import { openProxyCommand } from './proxy-command';
import { hostList } from './ssh-action';
import { sshProxiedSignature } from './signatures';

/** Creates the std.ssh_proxied implementation with the given worker settings. */
export function createSshProxiedAction(opts: SshOptions): ActionImpl {
  return {
    signature: sshProxiedSignature,
    run: (input, ctx) => runProxied(input, ctx, opts),
  };
}

async function runProxied(input: Record<string, unknown>, ctx: ActionContext, opts: SshOptions): Promise<unknown> {
  const cmd = pyStr(input.cmd);
  const hosts = hostList(input.host);
  const username = pyStr(input.username);
  const gatewayUser = input.gateway_username ? pyStr(input.gateway_username) : username;
  const password = typeof input.password === 'string' && input.password ? input.password : null;
  if (input.gateway_host == null || input.gateway_host === '') {
    throw new ActionError(`Failed to execute ssh cmd '${cmd}' on ${hosts[0]}: gateway_host is empty`);
  }
  const gwAddress = parseSshAddress(pyStr(input.gateway_host));
  const gwLabel = `gateway ${formatSshAddress(gwAddress)}`;

  let proxy: ReturnType<typeof openProxyCommand> | null = null;
  let gateway: Client | null = null;
  try {
    let key;
    let gwMethods;
    try {
      key = await loadPrivateKey({ ...input, passphrase: password }, opts);
      gwMethods = await authMethods(gatewayUser, key, null, opts);
      if (typeof input.proxy_command === 'string' && input.proxy_command) {
        proxy = openProxyCommand(input.proxy_command, opts.allowProxyCommand);
      }
      gateway = await connectSsh({
        address: gwAddress,
        label: gwLabel,
        username: gatewayUser,
        methods: gwMethods,
        sock: proxy?.sock,
        opts,
        signal: ctx.signal,
      });
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw connectionError(cmd, hosts[0]!, e);
    }
    const methods = await authMethods(username, key, null, opts);

    const results: string[] = [];
    for (const host of hosts) {
      const address = parseSshAddress(host);
      let target: Client | null = null;
      let outcome;
      try {
        const tunnel = await forwardOut(gateway, address, gwLabel);
        target = await connectSsh({ address, username, methods, sock: tunnel, opts, signal: ctx.signal });
        outcome = await execOnHost(target, cmd, address, ctx, opts);
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        throw connectionError(cmd, host, e);
      } finally {
        target?.end();
      }
      if (outcome.exitCode !== 0) throw nonZeroExitError(cmd, host, outcome.exitCode, outcome.signal, outcome.stderr);
      results.push(outcome.stdout);
    }
    return results.length > 1 ? results : results[0];
  } finally {
    gateway?.end();
    proxy?.close();
  }
}

function forwardOut(gateway: Client, to: SshAddress, gwLabel: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    gateway.forwardOut('127.0.0.1', 0, to.host, to.port, (err, channel) => {
      if (err) {
        const code = (err as Error & { reason?: number }).reason;
        const detail = err.message.replace(/^\(SSH\) Channel open failure: /, '');
        const why =
          code === 1
            ? `the gateway does not allow TCP forwarding (${detail})`
            : code === 2
              ? `the gateway could not connect to it (${detail})`
              : detail;
        reject(new SshFailure(`cannot reach ${formatSshAddress(to)} through ${gwLabel}: ${why}`, code !== 1));
      } else resolve(channel);
    });
  });
}
