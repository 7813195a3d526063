/**
 * Real SSH test hosts: Debian's OpenSSH `sshd` (apt package openssh-server) running in network namespaces.
 *
 * Layout (needs root, `ip netns`): a gateway namespace joined to the test process by a veth pair
 * (10.251.R.1 here ↔ 10.251.R.2 gateway), and one namespace per target, each joined only to the gateway by its own
 * veth pair (10.251.R.4i+1 gateway side ↔ 10.251.R.4i+2 target). The targets have no route to the test process and
 * the gateway does not forward packets, so a target is reachable only through an SSH tunnel from the gateway.
 *
 * Every host records each command it runs (bash `BASH_ENV` hook set by sshd's `SetEnv`, so no ForceCommand is
 * needed and signals still reach the command) with a timestamp, readable through `commandsRan(name)`.
 * With `stubCommands`, SSH sessions find recording stubs of those commands first in PATH (the namespaces share this
 * machine's filesystem, so a test must never run `apt-get install` or `reboot` for real); `stubCalls(name)` lists them.
 * Key pairs are generated per run in a temp dir. `stop()` kills the sshd processes and deletes the namespaces;
 * leftovers of a crashed run (owner process gone) are cleaned up at the next start.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SshHostsOptions {
  /** Number of target hosts behind the gateway (default 2). */
  targets?: number;
  /** Also create a temporary local user with a password, allowed to log in with it (default false). */
  passwordUser?: boolean;
  /**
   * Commands replaced, in SSH sessions on every host, by stubs that record their arguments (`stubCalls`) and exit 0
   * (e.g. `['sudo', 'apt-get', 'lsb_release', 'reboot']`). The `sudo` stub then runs its arguments, still with the
   * stubs first in PATH. Stubs are /bin/sh scripts in a directory put first in PATH by the sessions' BASH_ENV hook.
   */
  stubCommands?: string[];
  /** What a stub prints on stdout, by command name (e.g. `{ lsb_release: 'jammy\n' }`); default nothing. */
  stubOutput?: Record<string, string>;
}

/** One call of a stubbed command: its name and arguments. */
export type StubCall = string[];

export interface SshTarget {
  name: string;
  ip: string;
}

export interface CommandRecord {
  /** Epoch milliseconds when the command started. */
  at: number;
  cmd: string;
}

export interface SshHosts {
  /** The jump host, reachable from the test process. */
  gateway: { host: string; port: number };
  /** Hosts reachable only through the gateway. */
  targets: SshTarget[];
  /** Private key (ed25519, OpenSSH format, no passphrase) authorized on every host. */
  keyFile: string;
  /** The same key, encrypted with `keyPassphrase`. */
  encryptedKeyFile: string;
  keyPassphrase: string;
  /** A key that no host accepts. */
  wrongKeyFile: string;
  /** User to log in as with the key (root). */
  username: string;
  /** Set with `passwordUser: true`: a user that logs in with this password (and also accepts the key). */
  passwordLogin?: { username: string; password: string };
  /** OpenSSH known_hosts text listing every host's key under its address. */
  knownHosts: string;
  /** Temp dir of this run. */
  dir: string;
  /** Commands run so far on a host ('gateway' or a target name), oldest first. */
  commandsRan(name: string): CommandRecord[];
  /** Calls of stubbed commands (see `stubCommands`) on a host, oldest first, each as `[command, ...args]`. */
  stubCalls(name: string): StubCall[];
  /** Kills sshd, deletes the namespaces and the temp user. */
  stop(): Promise<void>;
}

const STATE_DIR = join(tmpdir(), 'tramontane-test-hosts');
let runCounter = 0;

interface RunState {
  ownerPid: number;
  namespaces: string[];
  sshdPids: number[];
  user: string | null;
  dir: string;
}

/** Starts a gateway and `targets` sshd hosts in fresh network namespaces (see module comment). */
export async function startSshHosts(options: SshHostsOptions = {}): Promise<SshHosts> {
  const nTargets = options.targets ?? 2;
  if (nTargets < 0 || nTargets > 60) throw new Error('startSshHosts: targets must be between 0 and 60');
  cleanupStaleRuns();
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const runId = `${process.pid.toString(36)}${(runCounter++).toString(36)}${Math.random().toString(36).slice(2, 4)}`;
  const dir = mkdtempSync(join(tmpdir(), 'tram-ssh-'));
  chmodSync(dir, 0o755);
  const state: RunState = { ownerPid: process.pid, namespaces: [], sshdPids: [], user: null, dir };
  const stateFile = join(STATE_DIR, `${runId}.json`);
  mkdirSync(STATE_DIR, { recursive: true });
  const save = () => writeFileSync(stateFile, JSON.stringify(state));
  const children: ChildProcess[] = [];
  const exitHook = () => teardown(state, children, stateFile);
  process.on('exit', exitHook);

  try {
    // Keys of this run.
    keygen(join(dir, 'id_ed25519'));
    keygen(join(dir, 'id_ed25519_enc'), 'test passphrase');
    keygen(join(dir, 'id_wrong'));
    const authorized = readFileSync(join(dir, 'id_ed25519.pub'), 'utf8') + readFileSync(join(dir, 'id_ed25519_enc.pub'), 'utf8');
    writeFileSync(join(dir, 'authorized_keys'), authorized);
    chmodSync(join(dir, 'authorized_keys'), 0o644);
    writeFileSync(
      join(dir, 'log-command.sh'),
      `printf '%s\\t%s\\0' "$EPOCHREALTIME" "$BASH_EXECUTION_STRING" >> "$TRAM_CMD_LOG"\n` +
        `if [ -n "$TRAM_STUB_BIN" ]; then PATH="$TRAM_STUB_BIN:$PATH"; fi\n`,
    );
    chmodSync(join(dir, 'log-command.sh'), 0o644);
    const stubBin = join(dir, 'stub-bin');
    if (options.stubCommands?.length) writeStubs(stubBin, options.stubCommands, options.stubOutput ?? {});

    let passwordLogin: SshHosts['passwordLogin'];
    if (options.passwordUser) {
      const user = `tram${runId}`.slice(0, 30);
      const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
      execFileSync('useradd', ['-M', '-d', '/tmp', '-s', '/bin/bash', user]);
      state.user = user;
      save();
      execFileSync('chpasswd', [], { input: `${user}:${password}\n` });
      passwordLogin = { username: user, password };
    }

    // Network: pick a free 10.251.R.0/24.
    const used = execFileSync('ip', ['-4', '-o', 'addr'], { encoding: 'utf8' });
    let r = -1;
    for (let tries = 0; tries < 50; tries++) {
      const c = Math.floor(Math.random() * 256);
      if (!used.includes(`10.251.${c}.`)) {
        r = c;
        break;
      }
    }
    if (r < 0) throw new Error('startSshHosts: no free 10.251.x.0/24 subnet');
    const net = (n: number) => `10.251.${r}.${n}`;
    const gwNs = `tram-${runId}-gw`;
    const rootIf = `trg${runId}`.slice(0, 15);
    ip('netns', 'add', gwNs);
    state.namespaces.push(gwNs);
    save();
    ip('link', 'add', rootIf, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', gwNs);
    ip('addr', 'add', `${net(1)}/30`, 'dev', rootIf);
    ip('link', 'set', rootIf, 'up');
    ip('-n', gwNs, 'addr', 'add', `${net(2)}/30`, 'dev', 'eth0');
    ip('-n', gwNs, 'link', 'set', 'eth0', 'up');
    ip('-n', gwNs, 'link', 'set', 'lo', 'up');

    const hosts: { name: string; ns: string; ip: string }[] = [{ name: 'gateway', ns: gwNs, ip: net(2) }];
    for (let i = 1; i <= nTargets; i++) {
      const ns = `tram-${runId}-t${i}`;
      ip('netns', 'add', ns);
      state.namespaces.push(ns);
      save();
      ip('-n', gwNs, 'link', 'add', `t${i}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      ip('-n', gwNs, 'addr', 'add', `${net(4 * i + 1)}/30`, 'dev', `t${i}`);
      ip('-n', gwNs, 'link', 'set', `t${i}`, 'up');
      ip('-n', ns, 'addr', 'add', `${net(4 * i + 2)}/30`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      hosts.push({ name: `target${i}`, ns, ip: net(4 * i + 2) });
    }

    // One sshd per host.
    const knownHostsLines: string[] = [];
    await Promise.all(
      hosts.map(async (h) => {
        const hostKey = join(dir, `host_${h.name}`);
        keygen(hostKey);
        knownHostsLines.push(`${h.ip} ${readFileSync(hostKey + '.pub', 'utf8').trim().split(/\s+/).slice(0, 2).join(' ')}`);
        const log = join(dir, `${h.name}.commands`);
        writeFileSync(log, '');
        chmodSync(log, 0o666);
        const stubLog = join(dir, `${h.name}.stubs`);
        writeFileSync(stubLog, '');
        chmodSync(stubLog, 0o666);
        const stubEnv = options.stubCommands?.length ? ` TRAM_STUB_BIN=${stubBin} TRAM_STUB_LOG=${stubLog}` : '';
        const cfg = join(dir, `sshd_${h.name}.conf`);
        writeFileSync(
          cfg,
          [
            'Port 22',
            `ListenAddress ${h.ip}`,
            `HostKey ${hostKey}`,
            `PidFile ${join(dir, `sshd_${h.name}.pid`)}`,
            `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
            'StrictModes no',
            'UsePAM no',
            'PermitRootLogin prohibit-password',
            `PasswordAuthentication ${options.passwordUser ? 'yes' : 'no'}`,
            'KbdInteractiveAuthentication no',
            'AllowTcpForwarding yes',
            'MaxStartups 100:30:200',
            'LogLevel VERBOSE',
            `SetEnv BASH_ENV=${join(dir, 'log-command.sh')} TRAM_CMD_LOG=${log} SHLVL=5${stubEnv}`,
            '',
          ].join('\n'),
        );
        const child = spawn('ip', ['netns', 'exec', h.ns, '/usr/sbin/sshd', '-D', '-e', '-f', cfg], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        children.push(child);
        await waitForListening(child, h.name);
        if (child.pid) state.sshdPids.push(child.pid);
        save();
      }),
    );

    const gateway = { host: net(2), port: 22 };
    return {
      gateway,
      targets: hosts.slice(1).map((h) => ({ name: h.name, ip: h.ip })),
      keyFile: join(dir, 'id_ed25519'),
      encryptedKeyFile: join(dir, 'id_ed25519_enc'),
      keyPassphrase: 'test passphrase',
      wrongKeyFile: join(dir, 'id_wrong'),
      username: 'root',
      passwordLogin,
      knownHosts: knownHostsLines.join('\n') + '\n',
      dir,
      commandsRan(name: string): CommandRecord[] {
        const file = join(dir, `${name}.commands`);
        if (!existsSync(file)) throw new Error(`commandsRan: no host named '${name}'`);
        return readFileSync(file, 'utf8')
          .split('\0')
          .filter((rec) => rec.length > 0)
          .map((rec) => {
            const tab = rec.indexOf('\t');
            return { at: Math.round(Number(rec.slice(0, tab)) * 1000), cmd: rec.slice(tab + 1) };
          });
      },
      stubCalls(name: string): StubCall[] {
        const file = join(dir, `${name}.stubs`);
        if (!existsSync(file)) throw new Error(`stubCalls: no host named '${name}'`);
        return readFileSync(file, 'utf8')
          .split('\x1e')
          .filter((rec) => rec.length > 0)
          .map((rec) => rec.split('\x1f'));
      },
      async stop() {
        process.removeListener('exit', exitHook);
        await Promise.all(children.map((c) => stopChild(c)));
        teardown(state, children, stateFile);
      },
    };
  } catch (e) {
    process.removeListener('exit', exitHook);
    teardown(state, children, stateFile);
    throw e;
  }
}

function ip(...args: string[]): void {
  try {
    execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    throw new Error(`ip ${args.join(' ')} failed: ${err.stderr?.toString().trim() ?? String(e)}`);
  }
}

/**
 * Writes one /bin/sh stub per command (sh, not bash, so the BASH_ENV hook does not log the stubs themselves): it
 * appends `name\x1farg1\x1farg2...\x1e` to `$TRAM_STUB_LOG`, prints its configured output, and exits 0; `sudo`
 * runs its arguments instead.
 */
function writeStubs(binDir: string, names: string[], output: Record<string, string>): void {
  mkdirSync(binDir, { recursive: true, mode: 0o755 });
  for (const name of names) {
    if (!/^[A-Za-z0-9._+-]+$/.test(name)) throw new Error(`startSshHosts: bad stub command name '${name}'`);
    const out = join(binDir, `${name}.out`);
    writeFileSync(out, output[name] ?? '');
    chmodSync(out, 0o644);
    const file = join(binDir, name);
    writeFileSync(
      file,
      [
        '#!/bin/sh',
        `# Recording stub of '${name}' (tramontane test hosts).`,
        `{ printf '%s' '${name}'; for a in "$@"; do printf '\\037%s' "$a"; done; printf '\\036'; } >> "$TRAM_STUB_LOG"`,
        name === 'sudo' ? 'exec "$@"' : `cat '${out}'`,
        '',
      ].join('\n'),
    );
    chmodSync(file, 0o755);
  }
}

function keygen(file: string, passphrase = ''): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'tramontane-test', '-f', file]);
}

function waitForListening(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`sshd for ${name} did not start: ${text}`)), 10_000);
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('Server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd for ${name} exited with code ${code}: ${text}`));
    });
  });
}

function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      c.kill('SIGKILL');
      resolve();
    }, 2000);
    c.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    c.kill('SIGTERM');
  });
}

/** Synchronous teardown (also used from the process 'exit' hook). */
function teardown(state: RunState, children: ChildProcess[], stateFile: string): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  for (const ns of [...state.namespaces].reverse()) {
    try {
      execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
  if (state.user) {
    try {
      execFileSync('userdel', [state.user], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
  rmSync(state.dir, { recursive: true, force: true });
  rmSync(stateFile, { force: true });
}

/** Removes what runs of crashed test processes left behind (their owner pid no longer exists). */
function cleanupStaleRuns(): void {
  if (!existsSync(STATE_DIR)) return;
  for (const f of readdirSync(STATE_DIR)) {
    const file = join(STATE_DIR, f);
    let st: RunState;
    try {
      st = JSON.parse(readFileSync(file, 'utf8')) as RunState;
    } catch {
      continue;
    }
    if (existsSync(`/proc/${st.ownerPid}`)) continue;
    for (const pid of st.sshdPids) {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmdline.includes('sshd') && cmdline.includes(st.dir)) process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    teardown(st, [], file);
  }
}
