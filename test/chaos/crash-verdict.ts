/**
 * The verdict of a crash run: compares what the execution reports (per-item states of the task list, from the
 * `execution` query) with what the hosts recorded, and lists every broken promise in plain words.
 *
 * Promises checked: the execution reached a final state; the `safe-rerun: false` upgrade ran at most once on every
 * host, exactly once (and to its end) where its item is SUCCESS, and an item in ERROR says it was interrupted and not
 * run again; the `safe-rerun: true` check ran at least once on every host and every check item is SUCCESS; the
 * execution is ERROR exactly when some item is ERROR.
 */
import type { ExecutionView, TaskView } from '../../interpreter/engine/types';
import type { HostLedger } from './host-ledger';
import { CHECK_TASK, UPGRADE_TASK } from './upgrade-workflow';

/** The task error of an action lost with its worker when the task is not safe-rerun (interpreter/run-action.ts). */
export const INTERRUPTED_MESSAGE =
  'Action std.ssh_proxied was interrupted (Temporal lost contact with the worker running it: worker crash, network or server outage; its outcome is unknown) and the task is not safe-rerun, so it was not run again';

/** Number of hosts by how many times a command ran there (e.g. `{ 1: 47, 2: 3 }`). */
export type Histogram = Record<number, number>;

export interface CrashVerdict {
  /** Broken promises, one sentence each; empty when the run is correct. */
  violations: string[];
  executionState: string;
  upgrade: {
    success: number;
    interrupted: number;
    /** Interrupted items whose command had nevertheless run to its end on the host (it was not repeated). */
    interruptedButCompleted: number;
    /** Interrupted items whose command never started on the host. */
    interruptedNeverStarted: number;
    runsPerHost: Histogram;
  };
  check: { success: number; runsPerHost: Histogram; totalRuns: number };
}

function histogram(values: number[]): Histogram {
  const h: Histogram = {};
  for (const v of values) h[v] = (h[v] ?? 0) + 1;
  return h;
}

function itemMessage(task: TaskView, k: number): string {
  const r = Array.isArray(task.result) ? task.result[k] : undefined;
  return typeof r === 'string' ? r : JSON.stringify(r ?? null);
}

/** Judges a finished crash run. `ledgers[k]` is the host of item `k` of both with-items tasks. */
export function judgeCrashRun(view: ExecutionView, ledgers: HostLedger[]): CrashVerdict {
  const violations: string[] = [];
  const verdict: CrashVerdict = {
    violations,
    executionState: view.state,
    upgrade: { success: 0, interrupted: 0, interruptedButCompleted: 0, interruptedNeverStarted: 0, runsPerHost: histogram(ledgers.map((l) => l.upgradeStarts.length)) },
    check: {
      success: 0,
      runsPerHost: histogram(ledgers.map((l) => l.checkStarts.length)),
      totalRuns: ledgers.reduce((n, l) => n + l.checkStarts.length, 0),
    },
  };
  if (view.state !== 'SUCCESS' && view.state !== 'ERROR') {
    violations.push(`the execution did not reach a final state: it is ${view.state}`);
  }
  const upgrade = view.tasks.find((t) => t.name === UPGRADE_TASK);
  const check = view.tasks.find((t) => t.name === CHECK_TASK);
  const who = (k: number) => `${ledgers[k].name} (${ledgers[k].ip})`;

  if (!upgrade?.items || upgrade.items.length !== ledgers.length) {
    violations.push(`task ${UPGRADE_TASK} should list ${ledgers.length} items, it lists ${upgrade?.items?.length ?? 'none'}`);
  } else {
    upgrade.items.forEach((item, k) => {
      const runs = ledgers[k].upgradeStarts.length;
      const completed = ledgers[k].upgradeCompleted;
      if (runs > 1) violations.push(`${who(k)}: the upgrade (safe-rerun: false) ran ${runs} times`);
      if (item.attempts !== 1) violations.push(`${who(k)}: upgrade item ${k} counts ${item.attempts} action runs, expected 1`);
      if (item.state === 'SUCCESS') {
        verdict.upgrade.success++;
        if (runs !== 1) violations.push(`${who(k)}: upgrade item ${k} is SUCCESS but the host ran the upgrade ${runs} times`);
        else if (completed !== 1) violations.push(`${who(k)}: upgrade item ${k} is SUCCESS but the upgrade completed ${completed} times on the host`);
      } else if (item.state === 'ERROR') {
        const msg = itemMessage(upgrade, k);
        if (msg !== INTERRUPTED_MESSAGE) {
          violations.push(`${who(k)}: upgrade item ${k} is ERROR with an unexpected message: ${msg}`);
        } else {
          verdict.upgrade.interrupted++;
          if (runs === 0) verdict.upgrade.interruptedNeverStarted++;
          if (completed > 0) verdict.upgrade.interruptedButCompleted++;
        }
      } else {
        violations.push(`${who(k)}: upgrade item ${k} was left ${item.state}`);
      }
    });
  }

  if (!check?.items || check.items.length !== ledgers.length) {
    violations.push(`task ${CHECK_TASK} should list ${ledgers.length} items, it lists ${check?.items?.length ?? 'none'}`);
  } else {
    check.items.forEach((item, k) => {
      const runs = ledgers[k].checkStarts.length;
      if (runs < 1) violations.push(`${who(k)}: the check (safe-rerun: true) never ran on the host`);
      // As in Mistral, re-running a safe-rerun action after its worker died is the same action execution.
      if (item.attempts !== 1) violations.push(`${who(k)}: check item ${k} counts ${item.attempts} action runs, expected 1`);
      if (item.state === 'SUCCESS') {
        verdict.check.success++;
        if (ledgers[k].checkCompleted < 1) violations.push(`${who(k)}: check item ${k} is SUCCESS but no check completed on the host`);
      } else {
        violations.push(`${who(k)}: check item ${k} is ${item.state}${item.state === 'ERROR' ? `: ${itemMessage(check, k)}` : ''}`);
      }
    });
  }

  const failedItems = [upgrade, check].reduce((n, t) => n + (t?.items?.filter((it) => it.state === 'ERROR').length ?? 0), 0);
  if (view.state === 'SUCCESS' && failedItems > 0) {
    violations.push(`the execution is SUCCESS although ${failedItems} item${failedItems === 1 ? ' is' : 's are'} ERROR`);
  }
  if (view.state === 'ERROR' && failedItems === 0) {
    violations.push(`the execution is ERROR although no item failed: ${view.state_info}`);
  }
  // Every failure visible: the execution's error lists each interrupted action once.
  const listed = (view.state_info ?? '').split(INTERRUPTED_MESSAGE).length - 1;
  if (listed !== verdict.upgrade.interrupted) {
    violations.push(`the execution's state_info lists ${listed} interrupted actions, the task list ${verdict.upgrade.interrupted}`);
  }
  return verdict;
}
