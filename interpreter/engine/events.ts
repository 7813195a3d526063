/**
 * Applying one event to the state: action and subworkflow outcomes, timers (wait-before, wait-after, retry delay,
 * timeout), and operator requests (pause, resume, cancel, rerun of an ERROR task).
 */
import { pyStr } from '../expressions/pyrepr';
import { afterWait, completeTask, onRunFinished } from './complete';
import { actionLimitReached, deadlineReached } from './timeout';
import { cancelWorkflow } from './finish';
import { fillItems, scheduleRun, startTask } from './run';
import type { Runtime } from './state';
import { isPlainObject, mergeDicts, reopen, touch } from './state';
import { processTransitions, runBacklog, refreshJoins, scheduleReverse } from './transitions';
import type { EngineEvent } from './types';

/** Thrown for an operator request that cannot be applied (the glue reports it; the state is unchanged). */
export class EngineRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineRequestError';
  }
}

/** Applies `event`; unknown or stale keys are ignored (a late result of a cancelled or superseded run). */
export function applyEvent(rt: Runtime, event: EngineEvent): void {
  const s = rt.s;
  switch (event.kind) {
    case 'action_result':
    case 'workflow_result': {
      const ref = s.keys[event.key];
      if (!ref) return;
      delete s.keys[event.key];
      const t = s.tasks[ref.t];
      if (s.done || ref.run !== t.run || t.state !== 'RUNNING') return;
      if (event.kind === 'action_result') {
        onRunFinished(rt, ref.t, ref.item, event.ok, event.ok ? event.result : event.error, event.key, ref.x);
      } else if (event.state === 'CANCELLED') {
        if (t.items && ref.item !== null) {
          t.items.st[ref.item] = 'C';
          t.items.res[ref.item] = event.output ?? null;
          t.items.running--;
          t.items.done++;
          if (t.items.done >= t.items.todo.length) completeTask(rt, ref.t, 'CANCELLED', null);
          else fillItems(rt, ref.t);
        } else {
          t.result = event.output ?? null;
          completeTask(rt, ref.t, 'CANCELLED', event.stateInfo);
        }
      } else {
        const ok = event.state === 'SUCCESS';
        const out = event.output;
        const childMsg = isPlainObject(out) && 'result' in out ? pyStr(out.result) : (event.stateInfo ?? '');
        if (ok || t.items) {
          onRunFinished(rt, ref.t, ref.item, ok, out, event.key, ref.x, 'workflow', ok ? undefined : childMsg);
        } else {
          t.failed.push({ id: event.key, kind: 'workflow', idx: ref.x ?? 0, msg: childMsg });
          t.result = out;
          completeTask(rt, ref.t, 'ERROR', event.stateInfo ?? childMsg);
        }
      }
      return;
    }
    case 'timer_fired': {
      const ref = s.keys[event.key];
      if (!ref) return;
      delete s.keys[event.key];
      const t = s.tasks[ref.t];
      if (s.done) return;
      if (ref.deadline) {
        if (t.deadlineKey === event.key) deadlineReached(rt, ref.t);
        return;
      }
      if (ref.run !== t.run) return;
      if (ref.reason === 'timeout') {
        actionLimitReached(rt, ref.t);
        return;
      }
      t.timer = undefined;
      if (s.state === 'PAUSED') {
        s.deferred.push(event.key);
        s.keys[event.key] = ref;
        return;
      }
      fireTimer(rt, ref.t, ref.reason, ref.item === 1);
      return;
    }
    case 'pause':
      if (s.state === 'RUNNING' && !s.done) {
        s.state = 'PAUSED';
        s.info = null;
        touch(rt);
        rt.cmds.push({ kind: 'workflow_paused', stateInfo: null });
      }
      return;
    case 'resume':
      resume(rt, event.env);
      return;
    case 'cancel':
      cancelWorkflow(rt, event.stateInfo ?? null);
      return;
    case 'rerun_task':
      rerun(rt, event.taskExecutionId, event.reset, event.env);
      return;
  }
}

function fireTimer(rt: Runtime, i: number, reason: string | undefined, keepItems: boolean): void {
  const t = rt.s.tasks[i];
  if (reason === 'wait-after') {
    t.state = t.afterState?.state ?? 'SUCCESS';
    t.info = t.afterState?.info ?? null;
    t.afterState = undefined;
    touch(rt, t);
    afterWait(rt, i);
  } else {
    scheduleRun(rt, i, keepItems);
  }
}

/** Resume: merge env, replay deferred timers, run unprocessed completions, IDLE tasks, items and the backlog. */
function resume(rt: Runtime, env?: Record<string, unknown>): void {
  const s = rt.s;
  if (s.done || s.state !== 'PAUSED') return;
  if (env) {
    s.env = mergeDicts(s.env, env);
    s.params.env = s.env;
  }
  s.state = 'RUNNING';
  s.info = null;
  touch(rt);
  const deferred = s.deferred;
  s.deferred = [];
  for (const d of deferred) {
    if (s.state !== 'RUNNING') {
      s.deferred.push(d);
      continue;
    }
    if (d.startsWith('retry:')) {
      scheduleRun(rt, Number(d.slice(6)));
      continue;
    }
    const ref = s.keys[d];
    if (!ref) continue;
    delete s.keys[d];
    fireTimer(rt, ref.t, ref.reason, ref.item === 1);
  }
  runBacklog(rt);
  for (let i = 0; i < s.tasks.length && s.state === 'RUNNING' && !s.done; i++) {
    const t = s.tasks[i];
    if ((t.state === 'SUCCESS' || t.state === 'ERROR' || t.state === 'CANCELLED') && !t.processed) processTransitions(rt, i);
    else if (t.state === 'IDLE') startTask(rt, i);
    else if (t.state === 'RUNNING' && t.items) fillItems(rt, i);
  }
  if (rt.wf.type === 'reverse') scheduleReverse(rt);
  refreshJoins(rt);
}

/** Operator rerun of an ERROR task (`reset: false` only for with-items: failed and unstarted items run again). */
function rerun(rt: Runtime, id: string, reset: boolean, env?: Record<string, unknown>): void {
  const s = rt.s;
  const i = s.tasks.findIndex((t) => t.id === id);
  if (i < 0) throw new EngineRequestError(`Task execution not found [id=${id}]`);
  const t = s.tasks[i];
  if (t.state !== 'ERROR') throw new EngineRequestError(`Only ERROR tasks can be rerun [task=${t.name}, state=${t.state}]`);
  if (s.state === 'PAUSED') throw new EngineRequestError('The workflow is paused: resume it before rerunning a task');
  if (!reset && !t.items) throw new EngineRequestError(`Only with-items tasks can be rerun with reset=false [task=${t.name}]`);
  if (env) {
    s.env = mergeDicts(s.env, env);
    s.params.env = s.env;
  }
  s.done = false;
  s.state = 'RUNNING';
  s.info = null;
  s.output = null;
  t.state = 'RUNNING';
  t.info = null;
  t.processed = false;
  reopen(rt, i);
  t.next = null;
  t.handled = false;
  t.pausedOnce = false;
  t.waitedAfter = false;
  t.failed = [];
  t.run += 1;
  t.retryNo = null;
  t.result = undefined;
  t.wiped = false;
  touch(rt, t);
  if (!reset && t.items) {
    const it = t.items;
    it.todo = [];
    for (let k = 0; k < it.n; k++) if (it.st[k] !== 'S') it.todo.push(k);
    it.next = 0;
    it.done = 0;
    it.running = 0;
    startTask(rt, i, true);
  } else {
    t.items = undefined;
    startTask(rt, i);
  }
}
