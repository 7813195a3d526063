/**
 * std.ssh_proxied's `proxy_command` (paramiko `ProxyCommand`): a local command whose stdin/stdout carry the SSH
 * connection to the gateway (e.g. `ssh -W gw:22 bastion`). It runs on the worker, so it is refused unless the
 * operator allows it (`TRAMONTANE_SSH_ALLOW_PROXY_COMMAND=1`). Run through `/bin/sh -c` (paramiko splits it with
 * shlex and runs it without a shell).
 */
import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import { SshFailure } from './errors';

/** Starts the command and returns a duplex stream over its stdio; `close()` kills it. */
export function openProxyCommand(command: string, allowed: boolean): { sock: Duplex; close(): void } {
  if (!allowed) {
    throw new SshFailure(
      'proxy_command is disabled on this worker (it would run a local command); set TRAMONTANE_SSH_ALLOW_PROXY_COMMAND=1 to allow it',
    );
  }
  const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-500);
  });
  const sock = new Duplex({
    read() {},
    write(chunk, _enc, cb) {
      if (!child.stdin.writable) return cb();
      child.stdin.write(chunk, (e) => cb(e ?? null));
    },
    final(cb) {
      child.stdin.end();
      cb();
    },
  });
  child.stdout.on('data', (d: Buffer) => sock.push(d));
  child.stdout.on('end', () => sock.push(null));
  child.on('error', (e) => sock.destroy(new SshFailure(`proxy_command failed to start: ${e.message}`)));
  child.on('exit', (code) => {
    if (code) sock.destroy(new SshFailure(`proxy_command exited with code ${code}${stderr.trim() ? ': ' + stderr.trim() : ''}`));
  });
  child.stdin.on('error', () => {});
  return {
    sock,
    close() {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
