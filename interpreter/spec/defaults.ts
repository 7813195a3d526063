/**
 * task-defaults applied the way Mistral applies them, and the task graph questions the engine and the validator ask
 * (start tasks, inbound tasks). Quirks reproduced on purpose:
 * - a policy comes from the task unless the task's value is unset or falsy (`0`, `false`), then from task-defaults:
 *   a task cannot switch off a default with `timeout: 0` or `pause-before: false`;
 * - a default on-* clause is used only when the task's own clause has no transitions (`next` empty); the task's own
 *   advanced `publish` is kept; a default transition that points at the task itself is dropped;
 * - `requires` (reverse) is the union of the task's and the defaults', minus the task itself;
 * - `safe-rerun`: the task's value, else the defaults', else false.
 * Transitions to engine commands (`fail`, `succeed`, `pause`, `noop`) never count as inbound transitions: the
 * command wins over a task of the same name.
 */
import type { Clause, Policies, TaskSpec, WorkflowSpec } from './model';

type ClauseField = 'onSuccess' | 'onError' | 'onComplete';
const CLAUSES: ClauseField[] = ['onSuccess', 'onError', 'onComplete'];

function getTask(wf: WorkflowSpec, taskName: string): TaskSpec {
  const task = wf.tasks[taskName];
  if (!task) throw new Error(`Task '${taskName}' not found.`);
  return task;
}

/** True when a policy value counts as set on a task (Mistral ignores `0` and `false` there). */
export function isPolicySet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== 0 && value !== false;
}

/**
 * The clause of `taskName` for one event after task-defaults: the task's own clause when it has transitions,
 * otherwise the default clause's transitions (minus any to the task itself) with the task's own publish.
 * Undefined when neither has anything.
 */
export function effectiveClause(wf: WorkflowSpec, taskName: string, event: ClauseField): Clause | undefined {
  const own = getTask(wf, taskName)[event];
  if (own && own.next.length > 0) return own;
  const fallback = wf.taskDefaults[event]?.next.filter((t) => t.target !== taskName) ?? [];
  if (fallback.length === 0) return own;
  return own?.publish ? { next: fallback, publish: own.publish } : { next: fallback };
}

/** Merges task policies over task-defaults, policy by policy (see the file comment for the falsy-value quirk). */
export function effectivePolicies(task: Policies, defaults: Policies): Policies {
  const out: Policies = {};
  for (const key of ['retry', 'waitBefore', 'waitAfter', 'timeout', 'pauseBefore', 'failOn', 'concurrency'] as const) {
    const v = isPolicySet(task[key]) ? task[key] : isPolicySet(defaults[key]) ? defaults[key] : undefined;
    if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

/** The `requires` of a reverse-workflow task after task-defaults: union, task first, without the task itself. */
export function effectiveRequires(wf: WorkflowSpec, taskName: string): string[] {
  const task = getTask(wf, taskName);
  const all = [...task.requires, ...wf.taskDefaults.requires];
  return all.filter((name, i) => name !== taskName && all.indexOf(name) === i);
}

/**
 * The task `taskName` with task-defaults applied: clauses, policies, requires and safe-rerun resolved. Throws
 * `Task 'x' not found.` for an unknown name. The engine should use this instead of reading `wf.tasks` directly.
 * Every task gets the same object shape (all fields present, unset ones undefined): the engine reads these on every
 * event, and one shape keeps those reads fast whatever fields each task sets.
 */
export function effectiveTask(wf: WorkflowSpec, taskName: string): TaskSpec {
  const task = getTask(wf, taskName);
  const direct = wf.type === 'direct';
  return {
    name: task.name,
    description: task.description,
    tags: task.tags,
    action: task.action,
    workflow: task.workflow,
    inlineParams: task.inlineParams,
    input: task.input,
    publish: task.publish,
    publishOnError: task.publishOnError,
    withItems: task.withItems,
    keepResult: task.keepResult,
    target: task.target,
    safeRerun: task.safeRerun ?? wf.taskDefaults.safeRerun ?? false,
    policies: effectivePolicies(task.policies, wf.taskDefaults.policies),
    onSuccess: direct ? effectiveClause(wf, taskName, 'onSuccess') : task.onSuccess,
    onError: direct ? effectiveClause(wf, taskName, 'onError') : task.onError,
    onComplete: direct ? effectiveClause(wf, taskName, 'onComplete') : task.onComplete,
    join: task.join,
    requires: direct ? [...task.requires] : effectiveRequires(wf, taskName),
    raw: task.raw,
    pos: task.pos,
  } satisfies { [K in keyof TaskSpec]-?: unknown };
}

/** Names of the tasks that `taskName` can transition to (any event, any guard), in clause order, without commands. */
export function outboundTasks(wf: WorkflowSpec, taskName: string): string[] {
  const out: string[] = [];
  for (const event of CLAUSES) {
    for (const t of effectiveClause(wf, taskName, event)?.next ?? []) {
      if (!t.command && !out.includes(t.target)) out.push(t.target);
    }
  }
  return out;
}

/**
 * Direct workflows: the tasks that have a transition to `taskName` in any clause (task-defaults included, whatever
 * the guard), in task order. A task that transitions to itself counts. This is what `join` counts.
 */
export function inboundTasks(wf: WorkflowSpec, taskName: string): string[] {
  getTask(wf, taskName);
  return Object.keys(wf.tasks).filter((name) => outboundTasks(wf, name).includes(taskName));
}

/**
 * The tasks that start when an execution starts. Direct: every task without an inbound transition. Reverse: every
 * task without requirements (which of them run depends on the target task given at start).
 */
export function startTasks(wf: WorkflowSpec): string[] {
  const names = Object.keys(wf.tasks);
  if (wf.type === 'reverse') return names.filter((n) => effectiveRequires(wf, n).length === 0);
  const targeted = new Set(names.flatMap((n) => outboundTasks(wf, n)));
  return names.filter((n) => !targeted.has(n));
}
