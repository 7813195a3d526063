/**
 * Starting and running a task execution: pause-before and wait-before policies, with-items expansion, action and
 * subworkflow resolution, input evaluation, and the commands that run each item/attempt.
 */
import { pyRepr } from '../expressions/pyrepr';
import { planAction, type ActionPlan } from './actions';
import { checkInput, shortName, specClass } from './input-check';
import { dataContext } from './context';
import { EvalFailure, evalValue, lazyData } from './evaluation';
import { PolicyTypeError, policyBool, policyInt } from './policies';
import type { ItemsState, Runtime, TaskEx } from './state';
import { isPlainObject, stepNow, taskSpec, touch } from './state';
import { actionSummary, workflowSummary } from './summary';
import { completeTask, forceFailTask, onRunFinished, pauseWorkflow } from './complete';
import { startDeadline } from './timeout';

/** Creates a task execution (id `<executionId>-t<N>`) and makes it the latest of its name. Returns its index. */
export function newTask(
  rt: Runtime,
  name: string,
  inCtx: Record<string, unknown>,
  by: Array<{ task: string; event: string }> | null,
  state: TaskEx['state'] = 'RUNNING',
): number {
  const s = rt.s;
  const spec = taskSpec(rt, name);
  const now = stepNow(rt);
  s.seq += 1;
  const t: TaskEx = {
    id: `${s.id}-t${s.seq}`,
    name,
    type: spec.workflow ? 'WORKFLOW' : 'ACTION',
    state,
    info: null,
    inCtx,
    pub: {},
    run: 0,
    retryNo: null,
    execs: 0,
    failed: [],
    processed: false,
    next: null,
    handled: false,
    by,
    created: now,
    updated: now,
  };
  s.tasks.push(t);
  s.latest[name] = s.tasks.length - 1;
  touch(rt);
  return s.tasks.length - 1;
}

/** The data context of a task (inbound branch context, optional item variables), built when first needed. */
export function taskData(rt: Runtime, t: TaskEx, itemVars?: Record<string, unknown>): () => Record<string, unknown> {
  return lazyData(() => dataContext(rt, { task: t, branch: t.inCtx, itemVars }));
}

/** `Failed to run task [error=..., wf=..., task=...]`: Mistral's structural-error wrapper at task start. */
export function runFailure(rt: Runtime, t: TaskEx, msg: string): string {
  return `Failed to run task [error=${msg}, wf=${rt.s.workflow}, task=${t.name}]`;
}

/**
 * Starts (or restarts) task execution `i`: honours pause-before (the workflow pauses, the task waits IDLE) and
 * wait-before (a timer, the task DELAYED), then schedules its actions.
 */
export function startTask(rt: Runtime, i: number, keepItems = false): void {
  const t = rt.s.tasks[i];
  const spec = taskSpec(rt, t.name);
  try {
    const data = taskData(rt, t);
    if (!t.pausedOnce) {
      t.pausedOnce = true;
      if (policyBool(rt, t, spec.policies.pauseBefore, data)) {
        t.state = 'IDLE';
        touch(rt, t);
        pauseWorkflow(rt, null);
        return;
      }
    }
    if (!t.deadlineKey) {
      const timeout = policyInt(rt, t, spec.policies.timeout, 'TimeoutPolicy', data);
      if (timeout > 0) startDeadline(rt, i, timeout);
    }
    const wait = policyInt(rt, t, spec.policies.waitBefore, 'WaitBeforePolicy', data);
    if (wait > 0) {
      t.state = 'DELAYED';
      t.info = `Delayed by 'wait-before' policy [delay=${wait}]`;
      touch(rt, t);
      startTimer(rt, i, 'wait-before', wait, keepItems);
      return;
    }
  } catch (err) {
    if (err instanceof EvalFailure || err instanceof PolicyTypeError) return forceFailTask(rt, i, runFailure(rt, t, err.message));
    throw err;
  }
  scheduleRun(rt, i, keepItems);
}

/** Starts a policy timer for the task's current run. */
export function startTimer(rt: Runtime, i: number, reason: 'wait-before' | 'wait-after' | 'retry' | 'timeout', seconds: number, keepItems = false): void {
  const t = rt.s.tasks[i];
  const key = `${t.id}/${reason}/${t.run}`;
  rt.s.keys[key] = { t: i, kind: 'timer', item: keepItems ? 1 : null, run: t.run, reason };
  if (reason === 'timeout') t.timeoutKey = key;
  else t.timer = key;
  rt.cmds.push({ kind: 'start_timer', key, taskExecutionId: t.id, seconds, reason, summary: `${t.name} ${reason} ${seconds}s` });
}

/** Evaluates the with-items collections: lists (dicts give their keys, strings their characters). */
function evalItems(rt: Runtime, t: TaskEx): ItemsState | string {
  const spec = taskSpec(rt, t.name);
  const data = taskData(rt, t);
  const lists: Record<string, unknown[]> = {};
  for (const wi of spec.withItems ?? []) {
    const v = evalValue(rt, wi.collection, data, t);
    if (Array.isArray(v)) lists[wi.var] = v;
    else if (isPlainObject(v)) lists[wi.var] = Object.keys(v);
    else if (typeof v === 'string') lists[wi.var] = [...v];
    else return 'Wrong input format for: {}. Iterable type is expected for each value.';
  }
  const lens = new Set(Object.values(lists).map((l) => l.length));
  if (lens.size > 1) return `Wrong input format for: ${pyRepr(lists)}. All arrays must have the same length.`;
  const n = lens.size ? [...lens][0] : 0;
  const concurrency = policyInt(rt, t, spec.policies.concurrency, 'ConcurrencyPolicy', data);
  return {
    n,
    lists,
    st: new Array<string>(n).fill('I'),
    res: new Array<unknown>(n).fill(null),
    att: new Array<number>(n).fill(0),
    done: 0,
    todo: Array.from({ length: n }, (_, k) => k),
    next: 0,
    running: 0,
    capacity: concurrency,
  };
}

/** Schedules the task's current run: with-items expansion, a retry iteration's action time limit, then the first action(s). */
export function scheduleRun(rt: Runtime, i: number, keepItems = false): void {
  const t = rt.s.tasks[i];
  const spec = taskSpec(rt, t.name);
  t.state = 'RUNNING';
  t.info = null;
  t.timer = undefined;
  t.runName = undefined;
  touch(rt, t);
  try {
    if (spec.withItems && !(keepItems && t.items)) {
      const items = evalItems(rt, t);
      if (typeof items === 'string') return forceFailTask(rt, i, runFailure(rt, t, items));
      t.items = items;
    }
    const timeout = policyInt(rt, t, spec.policies.timeout, 'TimeoutPolicy', taskData(rt, t));
    if (t.items && t.items.n === 0) {
      t.items.done = 0;
      return completeTask(rt, i, 'SUCCESS', null);
    }
    // The first run is limited by the task deadline; a retry iteration's actions get their own limit.
    if (timeout > 0 && (t.retryNo ?? 0) > 0 && t.type === 'ACTION') {
      t.timeoutSec = timeout;
      startTimer(rt, i, 'timeout', timeout);
    }
  } catch (err) {
    if (err instanceof EvalFailure || err instanceof PolicyTypeError) return forceFailTask(rt, i, runFailure(rt, t, err.message));
    throw err;
  }
  if (t.items) fillItems(rt, i);
  else runOne(rt, i, null);
}

/** Starts with-items items until the concurrency capacity is used (a no-op while the workflow is paused). */
export function fillItems(rt: Runtime, i: number): void {
  const t = rt.s.tasks[i];
  const it = t.items!;
  while (it.next < it.todo.length && (it.capacity === 0 || it.running < it.capacity)) {
    if (rt.s.done || rt.s.state === 'PAUSED' || t.state !== 'RUNNING') return;
    const item = it.todo[it.next++];
    it.st[item] = 'R';
    it.running++;
    if (!runOne(rt, i, item)) return;
  }
}

/** Resolves the name to run (`action:` or `workflow:`, possibly an expression); errors are ordinary task errors. */
function runName(rt: Runtime, t: TaskEx): { name: string } | { error: string } {
  const spec = taskSpec(rt, t.name);
  const raw = spec.workflow ?? spec.action ?? 'std.noop';
  try {
    const v = evalValue(rt, raw, taskData(rt, t), t);
    return { name: typeof v === 'string' ? v : pyRepr(v) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Evaluates the task input for one item: `input:` dict (or expression → dict) with inline params merged over it. */
function evalInput(rt: Runtime, t: TaskEx, data: () => Record<string, unknown>): Record<string, unknown> {
  const spec = taskSpec(rt, t.name);
  let input: Record<string, unknown>;
  if (typeof spec.input === 'string') {
    const v = evalValue(rt, spec.input, data, t);
    if (!isPlainObject(v)) {
      const pyType = Array.isArray(v) ? 'list' : v === null ? 'NoneType' : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : Number.isInteger(v) ? 'int' : 'float';
      throw new EvalFailure(
        `Wrong dynamic input for task: ${t.name}. Dict type is expected. Actual type: <class '${pyType}'>. Actual value: ${pyRepr(v)}`,
      );
    }
    input = v;
  } else {
    input = evalValue(rt, spec.input, data, t) as Record<string, unknown>;
  }
  const inline = evalValue(rt, spec.inlineParams, data, t) as Record<string, unknown>;
  return { ...input, ...inline };
}

/**
 * Runs one action/subworkflow for the task (item `item`, or null). Returns false when the task was failed
 * structurally (the caller must stop scheduling).
 */
export function runOne(rt: Runtime, i: number, item: number | null): boolean {
  const s = rt.s;
  const t = s.tasks[i];
  const spec = taskSpec(rt, t.name);
  const itemVars: Record<string, unknown> | undefined = t.items ? {} : undefined;
  if (t.items && item !== null) for (const [k, list] of Object.entries(t.items.lists)) itemVars![k] = list[item];
  const resolved = t.runName !== undefined && t.items ? { name: t.runName } : runName(rt, t);
  if ('error' in resolved) {
    onRunFinished(rt, i, item, false, resolved.error, null);
    return s.tasks[i].state === 'RUNNING';
  }
  t.runName = resolved.name;
  const data = taskData(rt, t, itemVars);
  let input: Record<string, unknown>;
  let target: string | undefined;
  let timeoutSec: number | undefined;
  try {
    input = evalInput(rt, t, data);
    if (spec.target !== undefined) {
      const v = evalValue(rt, spec.target, () => ({ ...data(), ...input }), t);
      if (v !== null && v !== undefined && v !== '') target = String(v);
    }
    const to = policyInt(rt, t, spec.policies.timeout, 'TimeoutPolicy', data);
    timeoutSec = to > 0 ? to : undefined;
  } catch (err) {
    if (err instanceof EvalFailure || err instanceof PolicyTypeError) {
      forceFailTask(rt, i, runFailure(rt, t, err.message));
      return false;
    }
    throw err;
  }
  const key = `${t.id}/${item ?? 0}/${t.run}`;
  const count = (): number => {
    if (t.items && item !== null) t.items.att[item]++;
    return t.execs++;
  };
  if (spec.workflow) {
    const wb = rt.wf.workbook;
    const full = wb && s.def.workflows[`${wb}.${resolved.name}`] ? `${wb}.${resolved.name}` : resolved.name;
    const child = s.def.workflows[full];
    if (!child) {
      onRunFinished(rt, i, item, false, `Failed to find workflow [name=${resolved.name}] [namespace=]`, null);
      return s.tasks[i].state === 'RUNNING';
    }
    const declared = new Set(child.input.map((p) => p.name));
    const childInput: Record<string, unknown> = {};
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) (declared.has(k) ? childInput : params)[k] = v;
    // Mistral checks the subworkflow's input when the task starts: a missing one is structural (checked: oracle).
    const missing = checkInput(shortName(child), specClass(child), child.input, childInput);
    if (missing) {
      forceFailTask(rt, i, runFailure(rt, t, missing));
      return false;
    }
    s.keys[key] = { t: i, kind: 'workflow', item, run: t.run, x: count() };
    rt.cmds.push({
      kind: 'start_workflow',
      key,
      taskExecutionId: t.id,
      taskName: t.name,
      itemIndex: item,
      attempt: t.run,
      workflow: full,
      input: childInput,
      params,
      timeoutSec,
      target,
      summary: workflowSummary(t.name, item, full, childInput),
    });
    return true;
  }
  const plan = planAction(rt, resolved.name, input, data);
  if (!('action' in plan)) {
    if (plan.structural) {
      forceFailTask(rt, i, runFailure(rt, t, plan.message));
      return false;
    }
    onRunFinished(rt, i, item, false, plan.message, null, count());
    return s.tasks[i].state === 'RUNNING';
  }
  emitAction(rt, i, item, key, count(), plan, target, timeoutSec);
  return true;
}

function emitAction(rt: Runtime, i: number, item: number | null, key: string, x: number, plan: ActionPlan, target?: string, timeoutSec?: number): void {
  const t = rt.s.tasks[i];
  const spec = taskSpec(rt, t.name);
  t.transforms = plan.transforms.length ? plan.transforms : undefined;
  t.actionClass = plan.signature.className;
  rt.s.keys[key] = { t: i, kind: 'action', item, run: t.run, x };
  rt.cmds.push({
    kind: 'run_action',
    key,
    taskExecutionId: t.id,
    taskName: t.name,
    itemIndex: item,
    attempt: t.run,
    action: plan.action,
    input: plan.input,
    target,
    timeoutSec,
    safeRerun: Boolean(spec.safeRerun),
    summary: actionSummary(t.name, item, plan.action, plan.input, plan.signature.secretParams ?? []),
  });
}
