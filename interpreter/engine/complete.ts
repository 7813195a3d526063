/**
 * Task completion: recording action/subworkflow outcomes (per item), publish / publish-on-error (`publish.ts`),
 * keep-result, then the after-completion policies in Mistral 15's order — wait-after, fail-on, retry (break-on /
 * continue-on) — before the transitions run.
 */
import { pyStr } from '../expressions/pyrepr';
import { applyTransforms } from './actions';
import { dataContext, taskResult } from './context';
import { EvalFailure, lazyData } from './evaluation';
import { PolicyTypeError, policyBool, policyInt } from './policies';
import { fillItems, scheduleRun, startTimer } from './run';
import type { Runtime, TaskEx } from './state';
import { reopen, taskSpec, touch } from './state';
import { processTransitions } from './transitions';
import { publishVariables } from './publish';
import { cancelDeadline } from './timeout';
import { cancelKeys, failWorkflow } from './finish';
import type { TaskState } from './types';

/** Puts the workflow in PAUSED (running actions go on; their results are recorded). */
export function pauseWorkflow(rt: Runtime, info: string | null): void {
  if (rt.s.state !== 'RUNNING') return;
  rt.s.state = 'PAUSED';
  rt.s.info = info;
  touch(rt);
  rt.cmds.push({ kind: 'workflow_paused', stateInfo: info });
}

/** Structural error: the task and the whole workflow fail at once, bypassing on-error (§2.10, §11). */
export function forceFailTask(rt: Runtime, i: number, msg: string): void {
  const t = rt.s.tasks[i];
  t.state = 'ERROR';
  t.info = msg;
  t.processed = true;
  t.next = [];
  touch(rt, t);
  failWorkflow(rt, msg);
}

/**
 * Records the outcome of one action/subworkflow run of task `i` (item `item`). `x` is the run's index among the
 * task's executions (for failure messages), null when nothing was started.
 */
export function onRunFinished(rt: Runtime, i: number, item: number | null, ok: boolean, value: unknown, key: string | null, x?: number, kind: 'action' | 'workflow' = 'action', msg?: string): void {
  const t = rt.s.tasks[i];
  if (ok && t.transforms) {
    try {
      value = applyTransforms(rt, t.transforms, value);
    } catch (err) {
      ok = false;
      value = (err as Error).message;
    }
  }
  if (!ok && x !== undefined) t.failed.push({ id: key ?? `${t.id}/${item ?? 0}/${t.run}`, kind, idx: x, msg: msg ?? pyStr(value) });
  touch(rt, t);
  const it = t.items;
  if (it && item !== null) {
    it.st[item] = ok ? 'S' : 'E';
    it.res[item] = value;
    it.running--;
    it.done++;
    if (it.done >= it.todo.length) {
      const anyFailed = it.st.some((c) => c === 'E');
      completeTask(rt, i, anyFailed ? 'ERROR' : 'SUCCESS', anyFailed ? 'One or more actions had failed.' : null);
    } else if (rt.s.state === 'RUNNING') {
      fillItems(rt, i);
    }
    return;
  }
  t.result = value;
  completeTask(rt, i, ok ? 'SUCCESS' : 'ERROR', ok ? null : msg ?? pyStr(value));
}

/** The task's outbound context: inbound context plus its published branch variables. */
export function outbound(t: TaskEx): Record<string, unknown> {
  return t.pub ? { ...t.inCtx, ...t.pub } : { ...t.inCtx };
}

/** `Failed to handle action completion [...]`: the wrapper Mistral puts around structural errors at completion. */
export function completionFailure(rt: Runtime, t: TaskEx, msg: string): string {
  const what = t.type === 'WORKFLOW' ? '' : `, action=${t.runName ?? taskSpec(rt, t.name).action ?? 'std.noop'}`;
  return `Failed to handle action completion [error=${msg}, wf=${rt.s.workflow}, task=${t.name}${what}]`;
}

/**
 * Completes task `i` with `state`: publish and keep-result, then the after-completion policies in Mistral 15's
 * order (checked against the oracle's task events): wait-after first (once per task execution: a retry iteration
 * does not wait again), then fail-on, then retry, and finally the transitions (unless a policy delayed the task or
 * the workflow is paused).
 */
export function completeTask(rt: Runtime, i: number, state: TaskState, info: string | null): void {
  const s = rt.s;
  const t = s.tasks[i];
  const spec = taskSpec(rt, t.name);
  if (t.timeoutKey) {
    if (s.keys[t.timeoutKey]) {
      delete s.keys[t.timeoutKey];
      rt.cmds.push({ kind: 'cancel_timer', key: t.timeoutKey });
    }
    t.timeoutKey = undefined;
  }
  t.state = state;
  t.info = info;
  t.pub = {};
  touch(rt, t);
  try {
    publishVariables(rt, t);
    if (!Boolean(spec.keepResult ?? true)) t.wiped = true;
    if (!t.waitedAfter) {
      const wait = policyInt(rt, t, spec.policies.waitAfter, 'WaitAfterPolicy', () => dataContext(rt, { task: t, branch: outbound(t) }));
      if (wait > 0) {
        t.waitedAfter = true;
        t.afterState = { state: t.state, info: t.info };
        t.state = 'DELAYED';
        t.info = `Delayed by 'wait-after' policy [delay=${wait}]`;
        startTimer(rt, i, 'wait-after', wait);
        return;
      }
    }
  } catch (err) {
    if (err instanceof EvalFailure || err instanceof PolicyTypeError) return forceFailTask(rt, i, completionFailure(rt, t, err.message));
    throw err;
  }
  afterWait(rt, i);
}

/**
 * The policies that follow wait-after (fail-on, then retry with break-on / continue-on), then the transitions.
 * Called at completion, or when the wait-after timer fires (the task is back in its completion state).
 */
export function afterWait(rt: Runtime, i: number): void {
  const s = rt.s;
  const t = s.tasks[i];
  const spec = taskSpec(rt, t.name);
  try {
    const data = lazyData(() => dataContext(rt, { task: t, branch: outbound(t) }));
    if (t.state === 'SUCCESS' && policyBool(rt, t, spec.policies.failOn, data)) {
      t.state = 'ERROR';
      t.info = "Failed by 'fail-on' policy";
    }
    const retry = spec.policies.retry;
    if (retry && (t.state === 'SUCCESS' || t.state === 'ERROR')) {
      const count = policyInt(rt, t, retry.count, 'RetryPolicy', data);
      const delay = policyInt(rt, t, retry.delay, 'RetryPolicy', data);
      const hasContinue = retry.continueOn !== undefined && retry.continueOn !== null;
      const continueOn = hasContinue && policyBool(rt, t, retry.continueOn, data);
      const breakOn = policyBool(rt, t, retry.breakOn, data);
      const done = t.retryNo ?? 0;
      const stop =
        done >= count || (t.state === 'ERROR' && breakOn) || (t.state === 'SUCCESS' && !hasContinue) || (hasContinue && !continueOn);
      if (!stop) {
        t.retryNo = done + 1;
        t.run += 1;
        t.result = undefined;
        t.wiped = false;
        if (delay > 0) {
          t.state = 'DELAYED';
          t.info = `Delayed by 'retry' policy [delay=${delay}]`;
          startTimer(rt, i, 'retry', delay);
        } else if (s.state === 'PAUSED') {
          t.state = 'DELAYED';
          s.deferred.push(`retry:${i}`);
        } else {
          scheduleRun(rt, i);
        }
        return;
      }
    }
  } catch (err) {
    if (err instanceof EvalFailure || err instanceof PolicyTypeError) return forceFailTask(rt, i, completionFailure(rt, t, err.message));
    throw err;
  }
  finishTask(rt, i);
}

/** The task's completion is final: run its transitions now, or later when the workflow is resumed. */
export function finishTask(rt: Runtime, i: number): void {
  const t = rt.s.tasks[i];
  t.processed = false;
  reopen(rt, i);
  cancelDeadline(rt, i);
  if (rt.s.done || rt.s.state !== 'RUNNING') return;
  processTransitions(rt, i);
}

/** Operator/engine cancellation of every outstanding key of task `i` (actions, subworkflows, timers). */
export function cancelTaskKeys(rt: Runtime, i: number): void {
  cancelKeys(rt, (ref) => ref.t === i);
}

export { taskResult };
