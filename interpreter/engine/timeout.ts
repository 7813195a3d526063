/**
 * The `timeout:` policy as Mistral 15 really runs it (read from its engine code, checked against the oracle):
 * - a task deadline: `timeout` seconds after the task first starts (before any wait-before), if the task is still
 *   running or delayed (wait-before, retry delay) it completes in ERROR with `Task timed out [timeout(s)=N].`; the
 *   actions it was running are killed. The after-completion policies then run as usual, so `retry` may run it again;
 * - an action limit: Mistral's executor kills every action after `timeout` seconds with eventlet's Timeout, an
 *   ordinary action error (`msg='1 second'`). For the first run the deadline comes first; for retry iterations the
 *   engine starts one timer per iteration that kills the actions still running (items started later in the same
 *   iteration are not limited: a known simplification).
 */
import { completeTask, onRunFinished } from './complete';
import { cancelKeys } from './finish';
import type { Runtime } from './state';
import { touch } from './state';

/**
 * The result of an action killed by `timeout:`: Mistral's executor raises eventlet's Timeout inside the action, so
 * the result is the usual exception text (`msg='1 second'`). There is no Python object here: the address is 0x0.
 */
export function timedOutActionResult(actionClass: string, actionExId: string, seconds: number): string {
  const msg = `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `The action raised an exception [action=<${actionClass} object at 0x0>, action_ex_id=${actionExId}, msg='${msg}']`;
}

/** Starts the task deadline of task `i` (once per task execution, and again on an operator rerun). */
export function startDeadline(rt: Runtime, i: number, seconds: number): void {
  const t = rt.s.tasks[i];
  const key = `${t.id}/deadline/${t.run}`;
  t.timeoutSec = seconds;
  t.deadlineKey = key;
  rt.s.keys[key] = { t: i, kind: 'timer', item: null, run: t.run, reason: 'timeout', deadline: true };
  rt.cmds.push({ kind: 'start_timer', key, taskExecutionId: t.id, seconds, reason: 'timeout', summary: `${t.name} timeout ${seconds}s` });
}

/** Cancels the task deadline (the task's completion is final). */
export function cancelDeadline(rt: Runtime, i: number): void {
  const t = rt.s.tasks[i];
  const key = t.deadlineKey;
  if (!key) return;
  t.deadlineKey = undefined;
  if (rt.s.keys[key]) {
    delete rt.s.keys[key];
    rt.cmds.push({ kind: 'cancel_timer', key });
  }
}

/** Kills the running actions of task `i`: each gets the timed-out result, via `onRunFinished` when `asErrors`. */
function killRunning(rt: Runtime, i: number, asErrors: boolean): void {
  const s = rt.s;
  const t = s.tasks[i];
  const sec = t.timeoutSec ?? 0;
  const slots = t.items ? t.items.n : 1;
  for (let k = 0; k < slots; k++) {
    if (t.items && t.items.st[k] !== 'R') continue;
    const key = `${t.id}/${k}/${t.run}`;
    const ref = s.keys[key];
    if (!ref) continue;
    delete s.keys[key];
    rt.cmds.push({ kind: ref.kind === 'workflow' ? 'cancel_workflow' : 'cancel_action', key });
    const killed = ref.kind === 'action' && t.actionClass ? timedOutActionResult(t.actionClass, key, sec) : null;
    const item = t.items ? k : null;
    if (asErrors) {
      onRunFinished(rt, i, item, false, killed, key, ref.x);
      if (t.state !== 'RUNNING') return;
    } else if (t.items) {
      t.items.st[k] = 'E';
      t.items.res[k] = killed;
      t.items.running--;
    } else {
      t.result = killed ?? undefined;
    }
  }
}

/** The task deadline fired: a running or delayed task completes in ERROR (`Task timed out`), policies then apply. */
export function deadlineReached(rt: Runtime, i: number): void {
  const t = rt.s.tasks[i];
  t.deadlineKey = undefined;
  if (t.state !== 'RUNNING' && t.state !== 'DELAYED') return;
  if (t.state === 'RUNNING') killRunning(rt, i, false);
  // Whatever else the task was waiting for (a wait-before, retry or wait-after timer) is over.
  cancelKeys(rt, (ref) => ref.t === i);
  rt.s.deferred = rt.s.deferred.filter((d) => d !== `retry:${i}`);
  t.timer = undefined;
  t.timeoutKey = undefined;
  if (t.afterState) t.afterState = undefined;
  touch(rt, t);
  completeTask(rt, i, 'ERROR', `Task timed out [timeout(s)=${t.timeoutSec ?? ''}].`);
}

/** A retry iteration's action limit fired: its running actions fail with the timed-out result (ordinary errors). */
export function actionLimitReached(rt: Runtime, i: number): void {
  const t = rt.s.tasks[i];
  t.timeoutKey = undefined;
  if (t.state !== 'RUNNING') return;
  killRunning(rt, i, true);
}
