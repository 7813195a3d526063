/**
 * One crash run, end to end: real sshd hosts behind a gateway, a Temporal dev server persisted in SQLite, a worker
 * as a separate process, the kernel-upgrade execution, and the seeded chaos schedule (worker SIGKILLs, server
 * restarts) played while the execution runs. Then the execution's task list is read back with the `execution` query
 * and judged against what the hosts recorded (see crash-verdict.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { connectClient } from '../../workers/connect';
import { readConfig } from '../../workers/config';
import { buildWorkflowBundle } from '../../workers/bundle';
import type { ExecutionView } from '../../interpreter/engine/types';
import type { MistralWorkflowInput } from '../../interpreter/workflow';
import { startSshHosts, type SshHosts } from '../hosts/ssh-hosts';
import { chaosSchedule, type ChaosEvent, type ChaosPlan } from './chaos-schedule';
import { judgeCrashRun, type CrashVerdict } from './crash-verdict';
import { readHostLedgers, type HostLedger } from './host-ledger';
import { playChaos, type Disruption } from './play-chaos';
import { startRestartableServer, type RestartableServer } from './restartable-server';
import { seededRandom } from './seeded-random';
import { upgradeWorkflowYaml, type UpgradeHost } from './upgrade-workflow';
import { workerProcess, type WorkerProcess } from './worker-process';

export interface CrashRunConfig {
  seed: number;
  /** Target hosts behind the gateway (at most 60). */
  hosts: number;
  /** with-items concurrency of the upgrade and of the check. */
  upgradeConcurrency: number;
  checkConcurrency: number;
  plan: ChaosPlan;
  /** Range of the upgrade command's duration per host, in seconds. */
  upgradeSeconds: [number, number];
  /** Range of the check command's duration per host, in seconds. */
  checkSeconds: [number, number];
  /** `options.heartbeatTimeoutSec` of the execution: how fast a killed worker's actions count as lost. */
  heartbeatTimeoutSec: number;
  /** How long the execution may still take after the last disruption before it counts as stuck. */
  settleTimeoutMs: number;
  /** Sabotage: mark the upgrade `safe-rerun: true`, so that crashes repeat it (the verdict must then fail). */
  sabotageUpgradeSafeRerun?: boolean;
  /** A pre-built workflow bundle; bundled here when omitted. */
  bundlePath?: string;
  /** Keep the run directory (worker log, SQLite file) even when the run is correct. */
  keepDir?: boolean;
  /** Progress lines (timeline of disruptions). */
  log?: (line: string) => void;
}

export interface CrashRunResult {
  config: CrashRunConfig;
  schedule: ChaosEvent[];
  disruptions: Disruption[];
  worker: { starts: number; kills: number; unexpectedExits: number };
  /** Whether the execution reached a final state. */
  finished: boolean;
  /** Execution wall time (start to final state, or to giving up). */
  executionMs: number;
  /** Whole run, set-up and tear-down included. */
  totalMs: number;
  workflowId: string;
  view: ExecutionView | null;
  ledgers: HostLedger[];
  verdict: CrashVerdict;
  /** Run directory when kept (on request or because something went wrong). */
  keptDir: string | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;

export type { Disruption } from './play-chaos';

/** Runs the crash test described by `cfg` and returns what happened (it does not throw on violations). */
export async function runCrashRun(cfg: CrashRunConfig): Promise<CrashRunResult> {
  const t0 = Date.now();
  const log = cfg.log ?? (() => {});
  const rng = seededRandom(cfg.seed);
  const schedule = chaosSchedule(rng, cfg.plan);
  const dir = mkdtempSync(join(tmpdir(), 'tram-crash-'));
  const markDir = join(dir, 'marks');
  mkdirSync(markDir);

  let hosts: SshHosts | undefined;
  let server: RestartableServer | undefined;
  let worker: WorkerProcess | undefined;
  let closeClient: (() => Promise<void>) | undefined;
  let keep = cfg.keepDir ?? false;
  try {
    hosts = await startSshHosts({ targets: cfg.hosts });
    const hostInput: UpgradeHost[] = hosts.targets.map((t) => ({
      ip: t.ip,
      upgrade_s: round1(rng.between(cfg.upgradeSeconds[0], cfg.upgradeSeconds[1])),
      check_s: round1(rng.between(cfg.checkSeconds[0], cfg.checkSeconds[1])),
    }));
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, hosts.knownHosts);
    let bundlePath = cfg.bundlePath;
    if (!bundlePath) {
      bundlePath = join(dir, 'workflow-bundle.js');
      writeFileSync(bundlePath, await buildWorkflowBundle());
    }
    server = await startRestartableServer(join(dir, 'temporal.db'));
    const taskQueue = `crash-${cfg.seed}-${process.pid}`;
    worker = workerProcess({
      env: {
        TEMPORAL_ADDRESS: server.address,
        TRAMONTANE_TASK_QUEUE: taskQueue,
        TRAMONTANE_WORKFLOW_BUNDLE: bundlePath,
        TRAMONTANE_SSH_KNOWN_HOSTS: knownHosts,
        TRAMONTANE_SSH_NO_DEFAULT_KEYS: '1',
        TRAMONTANE_SSH_CONNECT_TIMEOUT: '10',
      },
      logFile: join(dir, 'worker.log'),
    });
    worker.start();
    await withTimeout(worker.ready(), 90_000, `the first worker did not start within 90 s (see ${join(dir, 'worker.log')})`);
    log(`set-up done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${cfg.hosts} hosts, server ${server.address}, dir ${dir}`);

    const { client, close } = await connectClient(readConfig({ ...process.env, TEMPORAL_ADDRESS: server.address }));
    closeClient = close;
    const workflowId = `crash-upgrade-${cfg.seed}-${Date.now()}`;
    const args: MistralWorkflowInput = {
      definition: upgradeWorkflowYaml(cfg.upgradeConcurrency, cfg.checkConcurrency, cfg.sabotageUpgradeSafeRerun ?? false),
      input: { hosts: hostInput, gateway_host: hosts.gateway.host, private_key_filename: hosts.keyFile, mark_dir: markDir },
      options: { heartbeatTimeoutSec: cfg.heartbeatTimeoutSec },
    };
    const handle = await client.workflow.start('MistralWorkflow', { taskQueue, workflowId, args: [args] });
    const started = Date.now();
    const since = () => Date.now() - started;

    // Watch for the final state, through server restarts (errors mean "ask again").
    let finishedAt: number | null = null;
    let watching = true;
    const watcher = (async () => {
      while (watching && finishedAt === null) {
        try {
          const d = await handle.describe();
          if (d.status.name !== 'RUNNING') finishedAt = Date.now();
        } catch {
          // server down or restarting
        }
        if (finishedAt === null) await sleep(500);
      }
    })();
    const untilFinished = async (ms: number) => {
      const end = Date.now() + ms;
      while (finishedAt === null && Date.now() < end) await sleep(Math.min(100, end - Date.now()));
    };

    const { disruptions } = await playChaos({
      schedule,
      worker,
      server,
      hosts,
      finished: () => finishedAt !== null,
      since,
      stallMs: cfg.settleTimeoutMs,
      log,
    });
    log(`+${(since() / 1000).toFixed(1)} s  chaos over (${disruptions.length}/${schedule.length} disruptions), waiting for the execution`);
    await untilFinished(cfg.settleTimeoutMs);
    watching = false;
    await watcher;
    const finished = finishedAt !== null;
    const executionMs = (finishedAt ?? Date.now()) - started;
    log(`+${(executionMs / 1000).toFixed(1)} s  execution ${finished ? 'reached a final state' : 'still running: giving up'}`);

    const view = await queryView(handle, worker);
    const ledgers = readHostLedgers(hosts, markDir);
    const verdict = view
      ? judgeCrashRun(view, ledgers)
      : judgeCrashRun({ state: 'UNKNOWN', tasks: [] } as unknown as ExecutionView, ledgers);
    if (!view) verdict.violations.unshift('the execution query did not answer within 60 s');
    if (!finished) {
      verdict.violations.unshift(
        `the execution is stuck: not finished ${cfg.settleTimeoutMs / 1000} s after the last disruption (${await pendingActivities(handle)})`,
      );
    }
    if (disruptions.length < schedule.length) {
      verdict.violations.push(
        `the execution finished after ${disruptions.length} of ${schedule.length} planned disruptions: the workload is too short for this chaos plan`,
      );
    }
    if (verdict.violations.length) keep = true;
    return {
      config: cfg,
      schedule,
      disruptions,
      worker: { ...worker.counts },
      finished,
      executionMs,
      totalMs: Date.now() - t0,
      workflowId,
      view,
      ledgers,
      verdict,
      keptDir: keep ? dir : null,
    };
  } catch (err) {
    keep = true;
    throw err;
  } finally {
    await worker?.stop();
    await closeClient?.();
    await server?.stop();
    await hosts?.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** The execution view, asked until a worker answers (queries on a closed execution replay it on a worker). */
async function queryView(handle: WorkflowHandle, worker: WorkerProcess): Promise<ExecutionView | null> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      await withTimeout(worker.ready(), 30_000, 'no worker');
      return await handle.query<ExecutionView>('execution');
    } catch {
      await sleep(500);
    }
  }
  return null;
}

async function pendingActivities(handle: WorkflowHandle): Promise<string> {
  try {
    const d = await handle.describe();
    const pending = d.raw.pendingActivities ?? [];
    return `${pending.length} pending activities${pending.length ? ': ' + pending.slice(0, 5).map((p) => `${p.activityId} ${p.state}`).join(', ') : ''}`;
  } catch (e) {
    return `describe failed: ${(e as Error).message}`;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
