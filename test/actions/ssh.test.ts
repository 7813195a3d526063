import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshHosts, type SshHosts } from '../hosts/ssh-hosts';
import { createSshActions } from '../../activities/ssh/index';
import { ActionError, type ActionImpl } from '../../activities/types';
import { errorOf, testContext } from './context';

// Real OpenSSH sshd hosts in network namespaces: a gateway reachable from here, targets reachable only through it.
let hosts: SshHosts;
let ssh: ActionImpl;
let proxied: ActionImpl;

beforeAll(async () => {
  hosts = await startSshHosts({ targets: 2, passwordUser: true });
  [ssh, proxied] = createSshActions({ useDefaultKeys: false, knownHostsFile: null, connectTimeoutMs: 5000, heartbeatMs: 100 });
});

afterAll(async () => {
  await hosts?.stop();
});

const keyInput = () => ({ username: hosts.username, private_key_filename: hosts.keyFile });

describe('std.ssh against a real sshd', () => {
  it('returns stdout of the command, trailing newline included', async () => {
    const out = await ssh.run({ cmd: 'echo hello; echo to-stderr >&2', host: hosts.gateway.host, ...keyInput() }, testContext().ctx);
    expect(out).toBe('hello\n');
    expect(hosts.commandsRan('gateway').map((c) => c.cmd)).toContain('echo hello; echo to-stderr >&2');
  });

  it('runs the command on each host of a list, in turn, and returns a list', async () => {
    const out = await ssh.run(
      { cmd: 'echo "$SSH_CONNECTION" | cut -d" " -f3', host: [hosts.gateway.host, hosts.gateway.host], ...keyInput() },
      testContext().ctx,
    );
    expect(out).toEqual([`${hosts.gateway.host}\n`, `${hosts.gateway.host}\n`]);
  });

  it('a one-element host list gives a single value, as in Mistral', async () => {
    expect(await ssh.run({ cmd: 'echo one', host: [hosts.gateway.host], ...keyInput() }, testContext().ctx)).toBe('one\n');
  });

  it('a non-zero exit fails with the command, host, exit code and stderr tail', async () => {
    const e = await errorOf(
      ssh.run({ cmd: 'echo partial; echo "disk full" >&2; exit 3', host: hosts.gateway.host, ...keyInput() }, testContext().ctx),
    );
    expect(e).toBeInstanceOf(ActionError);
    expect(e.message).toBe(
      `Failed to execute ssh cmd 'echo partial; echo "disk full" >&2; exit 3' on ${hosts.gateway.host} (exit code 3): disk full`,
    );
    expect(e.retryable).toBe(false);
  });

  it('return_result_on_error gives {stdout, stderr, exit_code} and succeeds', async () => {
    const out = await ssh.run(
      { cmd: 'echo out; echo err >&2; exit 5', host: hosts.gateway.host, return_result_on_error: true, ...keyInput() },
      testContext().ctx,
    );
    expect(out).toEqual({ stdout: 'out\n', stderr: 'err\n', exit_code: 5 });
  });

  it('authenticates with a password', async () => {
    const login = hosts.passwordLogin!;
    const out = await ssh.run({ cmd: 'id -un', host: hosts.gateway.host, username: login.username, password: login.password }, testContext().ctx);
    expect(out).toBe(`${login.username}\n`);
  });

  it('authenticates with an inline private_key', async () => {
    const out = await ssh.run(
      { cmd: 'echo inline', host: hosts.gateway.host, username: 'root', private_key: readFileSync(hosts.keyFile, 'utf8') },
      testContext().ctx,
    );
    expect(out).toBe('inline\n');
  });

  it('unlocks an encrypted key with password', async () => {
    const out = await ssh.run(
      { cmd: 'echo unlocked', host: hosts.gateway.host, username: 'root', private_key_filename: hosts.encryptedKeyFile, password: hosts.keyPassphrase },
      testContext().ctx,
    );
    expect(out).toBe('unlocked\n');
  });

  it('resolves a relative private_key_filename in the key directory, and refuses ".."', async () => {
    const [local] = createSshActions({ useDefaultKeys: false, keyDir: hosts.dir });
    expect(await local!.run({ cmd: 'echo rel', host: hosts.gateway.host, username: 'root', private_key_filename: 'id_ed25519' }, testContext().ctx)).toBe(
      'rel\n',
    );
    const e = await errorOf(
      local!.run({ cmd: 'ls', host: hosts.gateway.host, username: 'root', private_key_filename: '../etc/key' }, testContext().ctx),
    );
    expect(e.message).toBe(
      `Failed to execute ssh cmd 'ls' on ${hosts.gateway.host}: Private key filename must not contain '..'. Actual: ../etc/key`,
    );
  });

  it('a wrong key is an authentication error', async () => {
    const e = await errorOf(
      ssh.run({ cmd: 'ls', host: hosts.gateway.host, username: 'root', private_key_filename: hosts.wrongKeyFile }, testContext().ctx),
    );
    expect(e.message).toBe(
      `Failed to execute ssh cmd 'ls' on ${hosts.gateway.host}: authentication failed for user 'root' on ${hosts.gateway.host}:22`,
    );
    expect(e.retryable).toBe(false);
  });

  it('a closed port is a clear, retryable connection error', async () => {
    const e = await errorOf(ssh.run({ cmd: 'ls', host: `${hosts.gateway.host}:2`, ...keyInput() }, testContext().ctx));
    expect(e.message).toBe(`Failed to execute ssh cmd 'ls' on ${hosts.gateway.host}:2: connection refused by ${hosts.gateway.host}:2`);
    expect(e.retryable).toBe(true);
  });

  it('a missing key file is named in the error', async () => {
    const e = await errorOf(ssh.run({ cmd: 'ls', host: hosts.gateway.host, username: 'root', private_key_filename: '/nonexistent/key' }, testContext().ctx));
    expect(e.message).toBe(`Failed to execute ssh cmd 'ls' on ${hosts.gateway.host}: cannot read private key file /nonexistent/key: no such file`);
  });

  // OpenSSH delivers channel signals only to non-root sessions (for root it drops privilege separation), so this
  // runs as the temporary non-root user, logging in with the key.
  it('cancellation signals the remote command and closes the channel at once', async () => {
    const marker = join(tmpdir(), `tram-cancel-${process.pid}-${Date.now()}`);
    const { ctx, abort, heartbeats } = testContext();
    const cmd = `echo started > ${marker}; trap 'echo terminated > ${marker}; exit 143' TERM; sleep 30 & wait`;
    const user = hosts.passwordLogin!.username;
    const p = ssh.run({ cmd, host: hosts.gateway.host, username: user, private_key_filename: hosts.keyFile }, ctx);
    await waitFor(() => readOr(marker) === 'started\n');
    await new Promise((r) => setTimeout(r, 250));
    const t0 = performance.now();
    abort(new Error('activity cancelled'));
    const e = await errorOf(p);
    expect(e.message).toBe('activity cancelled');
    expect(performance.now() - t0).toBeLessThan(500);
    await waitFor(() => readOr(marker) === 'terminated\n');
    rmSync(marker, { force: true });
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
  });
});

describe('std.ssh_proxied through the gateway', () => {
  it('targets are not reachable directly', async () => {
    const e = await errorOf(ssh.run({ cmd: 'ls', host: hosts.targets[0]!.ip, ...keyInput() }, testContext().ctx));
    expect(e.message).toMatch(new RegExp(`^Failed to execute ssh cmd 'ls' on ${hosts.targets[0]!.ip.replace(/\./g, '\\.')}: `));
  });

  it('runs the command on every target, in order, through the gateway', async () => {
    const out = await proxied.run(
      {
        cmd: 'hostname -I',
        host: hosts.targets.map((t) => t.ip),
        username: 'root',
        private_key_filename: hosts.keyFile,
        gateway_host: hosts.gateway.host,
      },
      testContext().ctx,
    );
    expect(out).toEqual(hosts.targets.map((t) => `${t.ip} \n`));
    const [r1] = hosts.commandsRan(hosts.targets[0]!.name).filter((c) => c.cmd === 'hostname -I');
    const [r2] = hosts.commandsRan(hosts.targets[1]!.name).filter((c) => c.cmd === 'hostname -I');
    expect(r1 && r2 && r1.at <= r2.at).toBe(true);
    // The gateway only tunnels: it ran no command.
    expect(hosts.commandsRan('gateway').map((c) => c.cmd)).not.toContain('hostname -I');
  });

  it('gateway_username defaults to username; a target failure names the target', async () => {
    const t = hosts.targets[1]!;
    const e = await errorOf(
      proxied.run(
        { cmd: 'exit 7', host: t.ip, username: 'root', private_key_filename: hosts.keyFile, gateway_host: hosts.gateway.host },
        testContext().ctx,
      ),
    );
    expect(e.message).toBe(`Failed to execute ssh cmd 'exit 7' on ${t.ip} (exit code 7)`);
  });

  it('an unreachable target is a clear error naming the gateway', async () => {
    const ghost = hosts.gateway.host.replace(/\.\d+$/, '.250');
    const e = await errorOf(
      proxied.run(
        { cmd: 'ls', host: ghost, username: 'root', private_key_filename: hosts.keyFile, gateway_host: hosts.gateway.host },
        testContext().ctx,
      ),
    );
    expect(e.message).toMatch(
      new RegExp(
        `^Failed to execute ssh cmd 'ls' on ${esc(ghost)}: cannot reach ${esc(ghost)}:22 through gateway ${esc(hosts.gateway.host)}:22: the gateway could not connect to it`,
      ),
    );
    expect(e.retryable).toBe(true);
  });

  it('a wrong gateway user is an authentication error on the gateway', async () => {
    const e = await errorOf(
      proxied.run(
        {
          cmd: 'ls',
          host: hosts.targets[0]!.ip,
          username: 'root',
          gateway_username: 'nobody-here',
          private_key_filename: hosts.keyFile,
          gateway_host: hosts.gateway.host,
        },
        testContext().ctx,
      ),
    );
    expect(e.message).toBe(
      `Failed to execute ssh cmd 'ls' on ${hosts.targets[0]!.ip}: authentication failed for user 'nobody-here' on gateway ${hosts.gateway.host}:22`,
    );
  });

  it('proxy_command is refused unless the operator allows it', async () => {
    const e = await errorOf(
      proxied.run(
        {
          cmd: 'ls',
          host: hosts.targets[0]!.ip,
          username: 'root',
          private_key_filename: hosts.keyFile,
          gateway_host: hosts.gateway.host,
          proxy_command: 'nc x 22',
        },
        testContext().ctx,
      ),
    );
    expect(e.message).toMatch(/proxy_command is disabled on this worker/);
  });
});

describe('host-key verification against a known_hosts file', () => {
  it('accepts hosts listed with their key, through the gateway too', async () => {
    const file = join(hosts.dir, 'known_hosts_ok');
    writeFileSync(file, hosts.knownHosts);
    const [strictSsh, strictProxied] = createSshActions({ useDefaultKeys: false, knownHostsFile: file });
    expect(await strictSsh!.run({ cmd: 'echo ok', host: hosts.gateway.host, ...keyInput() }, testContext().ctx)).toBe('ok\n');
    expect(
      await strictProxied!.run(
        { cmd: 'echo ok', host: hosts.targets[0]!.ip, username: 'root', private_key_filename: hosts.keyFile, gateway_host: hosts.gateway.host },
        testContext().ctx,
      ),
    ).toBe('ok\n');
  });

  it('refuses an unknown host and a changed key before authenticating', async () => {
    const empty = join(hosts.dir, 'known_hosts_empty');
    writeFileSync(empty, '# nothing\n');
    const [s1] = createSshActions({ useDefaultKeys: false, knownHostsFile: empty });
    const e1 = await errorOf(s1!.run({ cmd: 'ls', host: hosts.gateway.host, ...keyInput() }, testContext().ctx));
    expect(e1.message).toBe(
      `Failed to execute ssh cmd 'ls' on ${hosts.gateway.host}: host key verification failed: the host key of ${hosts.gateway.host}:22 is not listed in ${empty}`,
    );

    const swapped = join(hosts.dir, 'known_hosts_swapped');
    const other = readFileSync(hosts.wrongKeyFile + '.pub', 'utf8').split(/\s+/).slice(0, 2).join(' ');
    writeFileSync(swapped, `${hosts.gateway.host} ${other}\n`);
    const [s2] = createSshActions({ useDefaultKeys: false, knownHostsFile: swapped });
    const e2 = await errorOf(s2!.run({ cmd: 'ls', host: hosts.gateway.host, ...keyInput() }, testContext().ctx));
    expect(e2.message).toMatch(/host key verification failed: .* does not match the key recorded in \(possible man-in-the-middle attack\)/);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
