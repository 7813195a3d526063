/**
 * Shared benchmark harness: a fresh in-memory Temporal dev server, a Tramontane worker and, when asked, a worker for
 * hand-written baseline workflows — all in this process, so both sides run on the same machine in the same run.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createActivities } from '../activities/registry';
import { createWorker } from '../workers/create-worker';
import { modernTarget } from '../workers/bundle';
import { startDevServer, type DevServer } from '../workers/temporal-cli';
import { dataConverter } from '../workers/data-converter';
import { historyStats } from '../test/support/history-stats';
import type { ExecutionView } from '../interpreter/engine/types';
import { loadDefinition, type Definition } from '../interpreter/spec';

export interface Bench {
  server: DevServer;
  client: Client;
  /**
   * Runs a Mistral definition to its end; returns wall seconds and the final view. Text is parsed and validated
   * here first, outside the timing — as Mistral parses a definition once, at upload, not per execution. Each run
   * starts on an idle machine (`waitIdle`), as do baseline runs.
   */
  runMistral(definition: string | Definition, opts?: { workflow?: string; input?: Record<string, unknown>; id?: string }): Promise<{ seconds: number; view: ExecutionView; workflowId: string }>;
  /** Runs a baseline workflow (bench/baseline-workflows.ts) by type name; returns wall seconds. */
  runBaseline(type: string, args: unknown[]): Promise<number>;
  /** History length of a workflow and of every child/continued run under it: [largest, total, runs]. */
  historyStats(workflowId: string): Promise<{ largest: number; total: number; runs: number }>;
  close(): Promise<void>;
}

let counter = 0;

/** Other processes running a Temporal dev server (a crashed run's, another benchmark's): they skew the figures. */
function otherDevServers(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc', { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^\d+$/.test(entry.name)) continue;
    try {
      const argv = readFileSync(`/proc/${entry.name}/cmdline`, 'utf8').split('\0');
      if (argv.includes('server') && argv.includes('start-dev')) pids.push(Number(entry.name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** CPU time of the whole machine so far, from /proc/stat: [busy, total] in ticks. */
function cpuTicks(): [number, number] {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return [total - fields[3] - (fields[4] ?? 0), total]; // idle and iowait are not busy
}

/** Busy share of all CPUs over `ms` milliseconds (0 off Linux). */
async function busyShare(ms: number): Promise<number> {
  if (process.platform !== 'linux') return 0;
  const [busy0, total0] = cpuTicks();
  await new Promise((r) => setTimeout(r, ms));
  const [busy1, total1] = cpuTicks();
  return (busy1 - busy0) / Math.max(1, total1 - total0);
}

/**
 * Waits (up to 3 s) until the machine is idle — under 15% of its CPUs busy over 200 ms — as mistral-bench's bench.py
 * waits for Mistral to be idle before each run: what the previous run left (server persistence, GC) is not counted.
 * Returns the last busy share measured.
 */
export async function waitIdle(): Promise<number> {
  const deadline = Date.now() + 3000;
  let share: number;
  while ((share = await busyShare(200)) > 0.15 && Date.now() < deadline);
  return share;
}

/** Says on stderr when the machine is not quiet: the ratios are only as good as the machine is idle. */
async function warnIfBusy(): Promise<void> {
  if (process.platform !== 'linux') return;
  const servers = otherDevServers();
  if (servers.length) {
    console.error(`warning: ${servers.length} other Temporal dev server(s) running (pids ${servers.join(', ')}); stop them for fair figures`);
  }
  const share = await waitIdle();
  if (share > 0.15) console.error(`warning: the machine stayed ${(share * 100).toFixed(0)}% busy before the benchmark started; figures will be noisy`);
}

/** Starts everything a benchmark needs. */
export async function startBench(opts: { baseline?: boolean } = {}): Promise<Bench> {
  await warnIfBusy();
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const server = await startDevServer({
    dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 20000 },
  });
  const { worker, connection: native } = await createWorker({ address: server.address, taskQueue: 'bench' });
  const running: Promise<void>[] = [worker.run()];
  const workers: Worker[] = [worker];
  if (opts.baseline) {
    const { code } = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url)),
      logger: new DefaultLogger('ERROR'),
      webpackConfigHook: modernTarget, // compiled as the Tramontane bundle is
    });
    const base = await Worker.create({
      connection: native,
      taskQueue: 'bench-baseline',
      workflowBundle: { code },
      activities: createActivities(),
      dataConverter: dataConverter(),
    });
    workers.push(base);
    running.push(base.run());
  }
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: dataConverter() });
  return {
    server,
    client,
    async runMistral(definition, o = {}) {
      const workflowId = o.id ?? `bench-${Date.now()}-${counter++}`;
      const parsed = typeof definition === 'string' ? loadDefinition(definition) : definition;
      await waitIdle();
      const t0 = performance.now();
      const handle = await client.workflow.start('MistralWorkflow', {
        taskQueue: 'bench',
        workflowId,
        args: [{ definition: parsed, workflow: o.workflow, input: o.input ?? {} }],
      });
      await handle.result().catch(() => undefined);
      const seconds = (performance.now() - t0) / 1000;
      const view = await handle.query<ExecutionView>('execution');
      return { seconds, view, workflowId };
    },
    async runBaseline(type, args) {
      await waitIdle();
      const t0 = performance.now();
      await client.workflow.execute(type, { taskQueue: 'bench-baseline', workflowId: `base-${Date.now()}-${counter++}`, args });
      return (performance.now() - t0) / 1000;
    },
    historyStats: (workflowId) => historyStats(client, workflowId),
    async close() {
      for (const w of workers) w.shutdown();
      await Promise.all(running);
      await native.close();
      await connection.close();
      await server.stop();
    },
  };
}

/** Median of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Prints a markdown table. */
export function printTable(headers: string[], rows: (string | number)[][]): void {
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}
