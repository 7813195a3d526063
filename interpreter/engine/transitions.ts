/**
 * Direct-workflow transitions after a task completes: on-error / on-success then on-complete (guards evaluated
 * against the outbound context + `task()`), engine commands (`fail`, `succeed`, `pause`, `noop` with `msg`) with
 * Mistral's dispatch order, forks, joins (`all` / N with merged branch contexts), and reverse-workflow scheduling.
 *
 * Creation order of tasks fired together follows Mistral 15 (checked against the oracle): non-join tasks of one
 * batch are created in reverse list order, join tasks last. Join context merge rule (documented tie rule): the
 * outbound contexts of the triggering inbound executions are deep-merged in creation order, the later-created
 * execution winning on conflicting leaves.
 */
import { isTruthy } from '../expressions/truthiness';
import { pyRepr, pyStr } from '../expressions/pyrepr';
import { dataContext } from './context';
import { EvalFailure, evalValue, lazyData } from './evaluation';
import { completeTask, completionFailure, forceFailTask, outbound, pauseWorkflow } from './complete';
import { failWorkflow, succeedWorkflow } from './finish';
import { newTask, startTask } from './run';
import { EVENT_NAME, clauseTransitions, inboundOf, requiredClosure, requirements, type ClauseName } from './spec-view';
import type { BacklogEntry, Runtime, TaskEx } from './state';
import { isTaskDone, mergeDicts, touch } from './state';

interface Fired {
  target: string;
  command?: 'fail' | 'succeed' | 'pause' | 'noop';
  msg?: unknown;
  event: string;
}

/** Computes and dispatches the transitions of completed task `i`; marks it processed. */
export function processTransitions(rt: Runtime, i: number): void {
  const s = rt.s;
  const t = s.tasks[i];
  if (rt.wf.type === 'reverse') {
    t.processed = true;
    t.next = [];
    if (t.state === 'SUCCESS') scheduleReverse(rt);
    return;
  }
  const ctx = outbound(t);
  const clauses: ClauseName[] = t.state === 'SUCCESS' ? ['onSuccess', 'onComplete'] : t.state === 'ERROR' ? ['onError', 'onComplete'] : [];
  const fired: Fired[] = [];
  try {
    const data = lazyData(() => dataContext(rt, { task: t, branch: ctx }));
    for (const which of clauses) {
      for (const tr of clauseTransitions(rt.wf, t.name, which)) {
        if (tr.condition !== undefined && !isTruthy(evalValue(rt, tr.condition, data, t))) continue;
        const command = tr.command;
        const msg = command ? (evalValue(rt, tr.params, data, t) as Record<string, unknown>)?.msg : undefined;
        fired.push({ target: tr.target, command, msg, event: EVENT_NAME[which] });
      }
    }
  } catch (err) {
    if (err instanceof EvalFailure) return forceFailTask(rt, i, completionFailure(rt, t, err.message));
    throw err;
  }
  t.next = fired.filter((f) => !f.command).map((f) => f.target);
  if (t.state === 'ERROR') t.handled = fired.some((f) => f.event === 'on-error');
  t.processed = true;
  touch(rt, t);
  dispatch(rt, i, fired, false);
}

/** Mistral's `_rearrange_commands`: non-join tasks in reverse order, join tasks last (by name). */
function arrange(rt: Runtime, list: Fired[]): Fired[] {
  const joins = list.filter((f) => !f.command && rt.wf.tasks[f.target]?.join !== undefined);
  const plain = list.filter((f) => !joins.includes(f));
  return [...plain.reverse(), ...joins.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0))];
}

/** Runs fired transitions in Mistral's order; after a `pause` the rest goes to the backlog. */
export function dispatch(rt: Runtime, i: number, fired: Fired[], fromBacklog: boolean): void {
  const s = rt.s;
  let cmds = fired.filter((f) => f.command !== 'noop');
  if (fromBacklog) cmds = cmds.filter((f) => f.command !== 'pause');
  const k = cmds.findIndex((f) => f.command === 'fail' || f.command === 'succeed' || f.command === 'pause');
  let ordered: Fired[];
  if (k < 0) ordered = arrange(rt, cmds);
  else if (k === 0 && cmds[0].command !== 'pause') ordered = [cmds[0]];
  else ordered = [...arrange(rt, cmds.slice(0, k)), cmds[k], ...(cmds[k].command === 'pause' ? cmds.slice(k + 1) : [])];
  const ctx = outbound(s.tasks[i]);
  for (const f of ordered) {
    if (s.done) break;
    if (s.state === 'PAUSED') {
      s.backlog.push({ t: i, target: f.target, command: f.command, msg: f.msg, event: f.event });
      continue;
    }
    const msg = f.msg === undefined || f.msg === null ? null : pyStr(f.msg);
    if (f.command === 'fail') failWorkflow(rt, msg);
    else if (f.command === 'succeed') succeedWorkflow(rt, msg);
    else if (f.command === 'pause') pauseWorkflow(rt, msg);
    else runTaskCommand(rt, f.target, ctx, { task: s.tasks[i].name, event: f.event });
  }
}

/** Runs the backlog saved by a `pause` command (on resume). */
export function runBacklog(rt: Runtime): void {
  const backlog: BacklogEntry[] = rt.s.backlog;
  rt.s.backlog = [];
  const byTask = new Map<number, Fired[]>();
  for (const b of backlog) {
    if (!byTask.has(b.t)) byTask.set(b.t, []);
    byTask.get(b.t)!.push(b);
  }
  for (const [i, list] of byTask) dispatch(rt, i, list, true);
}

/** A transition to `name`: a new execution (non-join), or an arrival at the unique join execution. */
function runTaskCommand(rt: Runtime, name: string, ctx: Record<string, unknown>, by: { task: string; event: string }): void {
  const s = rt.s;
  const spec = rt.wf.tasks[name];
  if (spec.join !== undefined) {
    if (s.joins[name] === undefined) s.joins[name] = newTask(rt, name, {}, null, 'WAITING');
    return;
  }
  startTask(rt, newTask(rt, name, ctx, [by]));
}

type Induced = 'WAITING' | 'RUNNING' | 'ERROR';

/** What inbound task `from` means for join `join` right now (Mistral's induced join state). */
function induced(rt: Runtime, from: string, join: string): Induced {
  const i = rt.s.latest[from];
  if (i === undefined) return possibleRoute(rt, from, new Set()) ? 'WAITING' : 'ERROR';
  const t = rt.s.tasks[i];
  if (!isTaskDone(t.state) || !t.processed) return 'WAITING';
  return t.next?.includes(join) ? 'RUNNING' : 'ERROR';
}

/** Can task `name` (not yet run) still be reached by some route? */
function possibleRoute(rt: Runtime, name: string, seen: Set<string>): boolean {
  if (seen.has(name)) return false;
  seen.add(name);
  const inb = inbound(rt, name);
  if (inb.length === 0) return true;
  for (const p of inb) {
    const i = rt.s.latest[p];
    if (i === undefined) {
      if (possibleRoute(rt, p, seen)) return true;
    } else {
      const t = rt.s.tasks[i];
      if (!isTaskDone(t.state) || !t.processed || t.next?.includes(name)) return true;
    }
  }
  return false;
}

function inbound(rt: Runtime, name: string): string[] {
  return inboundOf(rt.wf, name);
}

/** Re-checks every WAITING join: starts it (merged context), fails it ("Failed by tasks: [...]"), or keeps waiting. */
export function refreshJoins(rt: Runtime): void {
  const s = rt.s;
  let changed = true;
  while (changed && !s.done && s.state === 'RUNNING') {
    changed = false;
    for (const [name, idx] of Object.entries(s.joins)) {
      const t: TaskEx = s.tasks[idx];
      if (t.state !== 'WAITING') continue;
      const join = rt.wf.tasks[name].join!;
      const inb = inbound(rt, name);
      const states = inb.map((n) => induced(rt, n, name));
      const errors = inb.filter((_, k) => states[k] === 'ERROR');
      const running = inb.filter((_, k) => states[k] === 'RUNNING');
      const card = join === 'all' ? inb.length : join;
      if (errors.length > inb.length - card) {
        changed = true;
        completeTask(rt, idx, 'ERROR', `Failed by tasks: ${pyRepr(errors)}`);
      } else if (running.length >= card) {
        changed = true;
        const ups = running.map((n) => s.latest[n]).sort((a, b) => a - b);
        t.inCtx = ups.reduce<Record<string, unknown>>((acc, u) => mergeDicts(acc, outbound(s.tasks[u])), {});
        t.by = ups.map((u) => ({ task: s.tasks[u].name, event: eventOf(rt, s.tasks[u], name) }));
        t.state = 'RUNNING';
        t.info = null;
        startTask(rt, idx);
      } else {
        const waiting = inb.filter((_, k) => states[k] === 'WAITING');
        t.info = `Blocked by tasks: ${pyRepr(waiting)}`;
      }
    }
  }
}

function eventOf(rt: Runtime, t: TaskEx, target: string): string {
  const order: ClauseName[] = t.state === 'SUCCESS' ? ['onSuccess', 'onComplete'] : ['onError', 'onComplete'];
  for (const w of order) if (clauseTransitions(rt.wf, t.name, w).some((tr) => tr.target === target)) return EVENT_NAME[w];
  return 'on-complete';
}

/**
 * Reverse workflows: starts every needed task whose requirements all SUCCEEDED and that has not run yet. A batch of
 * ready tasks is created in reverse spec order, as Mistral 15 does (checked against the oracle).
 */
export function scheduleReverse(rt: Runtime): void {
  const s = rt.s;
  const target = String(s.params.task_name);
  const ready: string[] = [];
  for (const name of requiredClosure(rt.wf, target)) {
    if (s.latest[name] !== undefined) continue;
    const reqs = requirements(rt.wf, name);
    if (reqs.every((r) => s.latest[r] !== undefined && s.tasks[s.latest[r]].state === 'SUCCESS' && s.tasks[s.latest[r]].processed)) ready.push(name);
  }
  for (const name of ready.reverse()) {
    if (s.done || s.state !== 'RUNNING') return;
    const reqs = requirements(rt.wf, name);
    const ctx = reqs.reduce<Record<string, unknown>>((acc, r) => mergeDicts(acc, outbound(s.tasks[s.latest[r]])), {});
    startTask(rt, newTask(rt, name, ctx, reqs.length ? reqs.map((r) => ({ task: r, event: 'on-success' })) : null));
  }
}
