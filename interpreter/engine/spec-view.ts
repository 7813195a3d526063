/**
 * The engine's read-only view of the workflow spec. Task-defaults quirks live in one place, the spec layer's
 * `defaults.ts` (`effectiveTask`, `inboundTasks`, `startTasks`, `effectiveRequires`); this file only memoizes them
 * per workflow spec (so each event stays cheap) and adds what the engine needs beyond them: clause event names and
 * the reverse-workflow closure of a target task.
 */
import type { TaskSpec, Transition, WorkflowSpec } from '../spec/model';
import { effectiveRequires, effectiveTask, inboundTasks } from '../spec/defaults';

export type ClauseName = 'onSuccess' | 'onError' | 'onComplete';

/** The event name Mistral records in `triggered_by` for a clause. */
export const EVENT_NAME: Record<ClauseName, string> = {
  onSuccess: 'on-success',
  onError: 'on-error',
  onComplete: 'on-complete',
};

interface SpecCache {
  tasks: Map<string, TaskSpec>;
  inbound: Map<string, string[]>;
}

// Pure memoization keyed by the (immutable) spec object: deterministic, so safe inside the workflow sandbox.
const CACHE = new WeakMap<WorkflowSpec, SpecCache>();

function cacheOf(wf: WorkflowSpec): SpecCache {
  let c = CACHE.get(wf);
  if (!c) CACHE.set(wf, (c = { tasks: new Map(), inbound: new Map() }));
  return c;
}

/** The task `name` with task-defaults applied (the spec layer's `effectiveTask`), computed once per spec. */
export function effectiveSpec(wf: WorkflowSpec, name: string): TaskSpec {
  const c = cacheOf(wf);
  let t = c.tasks.get(name);
  if (!t) c.tasks.set(name, (t = effectiveTask(wf, name)));
  return t;
}

/** The transitions of a task's clause after task-defaults (see `effectiveClause` in the spec layer). */
export function clauseTransitions(wf: WorkflowSpec, name: string, which: ClauseName): Transition[] {
  return effectiveSpec(wf, name)[which]?.next ?? [];
}

/** True when the transition is an engine command (the spec layer marks them; a command wins over a task name). */
export function isCommand(t: Transition): boolean {
  return t.command !== undefined;
}

/** Tasks with a transition to `name` (the spec layer's `inboundTasks`: what a join counts), computed once per spec. */
export function inboundOf(wf: WorkflowSpec, name: string): string[] {
  const c = cacheOf(wf);
  let v = c.inbound.get(name);
  if (!v) c.inbound.set(name, (v = inboundTasks(wf, name)));
  return v;
}

/** Reverse workflows: a task's requirements after task-defaults, restricted to tasks that exist. */
export function requirements(wf: WorkflowSpec, name: string): string[] {
  return effectiveRequires(wf, name).filter((r) => wf.tasks[r] !== undefined);
}

/** Reverse workflows: the target and all its transitive requirements, in spec order. */
export function requiredClosure(wf: WorkflowSpec, target: string): string[] {
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...requirements(wf, n));
  }
  return Object.keys(wf.tasks).filter((n) => seen.has(n));
}
