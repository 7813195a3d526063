/**
 * A Tramontane worker as a separate OS process (`tsx workers/worker.ts`, configured by environment variables), that
 * the crash test can SIGKILL and start again. The worker runs in its own process group, so a kill takes down tsx and
 * the node process it launches at once, like a machine losing power. A worker that dies on its own (for instance
 * because the Temporal server was down when it started) is started again after a second and counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The project's tsx (what `npx tsx` runs, without npm's start-up cost on every restart). */
const tsxBin = join(repoRoot, 'node_modules', '.bin', 'tsx');

/** What the worker prints on stdout once connected, right before it starts polling (workers/worker.ts). */
const READY_LINE = 'tramontane worker: ';

export interface WorkerProcessOptions {
  /** Environment of the worker (TEMPORAL_ADDRESS, TRAMONTANE_TASK_QUEUE, ...), added to this process's. */
  env: Record<string, string>;
  /** Where the worker's stdout/stderr go (appended). */
  logFile: string;
  /** Delay before starting again a worker that exited on its own. */
  restartDelayMs?: number;
}

/** A supervised worker process. */
export interface WorkerProcess {
  /** Starts the worker (if none is running); `ready()` resolves when it polls. */
  start(): void;
  /** Resolves when the current worker process is connected and polling (waits across automatic restarts). */
  ready(): Promise<void>;
  /** Whether a worker process is connected and polling now. */
  isReady(): boolean;
  /** SIGKILLs the whole worker process group and waits until it is gone. Does not start a new one. */
  kill(): Promise<void>;
  /** Kills the worker for good (no automatic restart). */
  stop(): Promise<void>;
  /** Processes started, SIGKILLs sent by `kill()`, and exits nobody asked for. */
  readonly counts: { starts: number; kills: number; unexpectedExits: number };
}

/** Creates the supervisor; nothing runs before `start()`. */
export function workerProcess(opts: WorkerProcessOptions): WorkerProcess {
  const counts = { starts: 0, kills: 0, unexpectedExits: 0 };
  let child: ChildProcess | null = null;
  let readyNow = false;
  let stopped = false;
  let waiters: (() => void)[] = [];
  const log = (text: string) => appendFileSync(opts.logFile, text);

  const start = (): void => {
    if (child || stopped) return;
    counts.starts++;
    readyNow = false;
    const proc = spawn(tsxBin, ['workers/worker.ts'], {
      cwd: repoRoot,
      detached: true,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    log(`--- worker start #${counts.starts} pid ${proc.pid} at ${new Date().toISOString()}\n`);
    proc.stdout!.on('data', (d: Buffer) => {
      const text = d.toString();
      log(text);
      if (child === proc && !readyNow && text.includes(READY_LINE)) {
        readyNow = true;
        const w = waiters;
        waiters = [];
        for (const resolveWaiter of w) resolveWaiter();
      }
    });
    proc.stderr!.on('data', (d: Buffer) => log(d.toString()));
    proc.once('exit', (code, signal) => {
      log(`--- worker pid ${proc.pid} exited (code ${code}, signal ${signal}) at ${new Date().toISOString()}\n`);
      if (child !== proc) return; // killed on purpose: kill() already forgot it
      child = null;
      readyNow = false;
      if (stopped) return;
      counts.unexpectedExits++;
      setTimeout(start, opts.restartDelayMs ?? 1000);
    });
  };

  const killGroup = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.pid === undefined) return;
    child = null;
    readyNow = false;
    const gone = new Promise<void>((res) => (proc.exitCode !== null || proc.signalCode !== null ? res() : proc.once('exit', () => res())));
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await gone;
  };

  return {
    start,
    ready: () => (readyNow ? Promise.resolve() : new Promise<void>((res) => waiters.push(res))),
    isReady: () => readyNow,
    async kill() {
      if (!child) return;
      counts.kills++;
      await killGroup();
    },
    async stop() {
      stopped = true;
      await killGroup();
    },
    counts,
  };
}
