/**
 * Read-only views of the workflow spec the engine needs: task-defaults inheritance for on-* clauses and policies,
 * start tasks, inbound tasks of a join, reverse dependencies. (Private to the engine; kept small and pure.)
 */
import type { Clause, Policies, TaskSpec, Transition, WorkflowSpec } from '../spec/model';

export type ClauseName = 'onSuccess' | 'onError' | 'onComplete';

/** The event name Mistral records in `triggered_by` for a clause. */
export const EVENT_NAME: Record<ClauseName, string> = {
  onSuccess: 'on-success',
  onError: 'on-error',
  onComplete: 'on-complete',
};

/**
 * The transitions of a task's clause: the task's own clause when it has transitions, else the task-defaults clause
 * with any transition to the task itself removed (so no task loops to itself through the defaults).
 */
export function clauseTransitions(wf: WorkflowSpec, task: TaskSpec, which: ClauseName): Transition[] {
  const own = task[which];
  if (own && own.next.length > 0) return own.next;
  const dflt: Clause | undefined = wf.taskDefaults[which];
  if (!dflt) return [];
  return dflt.next.filter((t) => t.command !== undefined || t.target !== task.name);
}

/** True when the transition is an engine command (a command wins over a task of the same name, as in Mistral). */
export function isCommand(t: Transition): boolean {
  return t.command !== undefined || ['fail', 'succeed', 'pause', 'noop'].includes(t.target);
}

/** A policy value: the task's own when set (0/false/null count as not set, Mistral's quirk), else task-defaults. */
export function policyValue<K extends keyof Policies>(wf: WorkflowSpec, task: TaskSpec, key: K): Policies[K] {
  const own = task.policies[key];
  if (own !== undefined && own !== null && own !== false && own !== 0) return own;
  const dflt = wf.taskDefaults.policies[key];
  return dflt !== undefined && dflt !== null ? dflt : own;
}

/** Names of tasks that name `target` in any of their (effective) on-* clauses, in spec order. */
export function inboundTasks(wf: WorkflowSpec, target: string): string[] {
  const out: string[] = [];
  for (const t of Object.values(wf.tasks)) {
    const all = [...clauseTransitions(wf, t, 'onSuccess'), ...clauseTransitions(wf, t, 'onError'), ...clauseTransitions(wf, t, 'onComplete')];
    if (all.some((tr) => !isCommand(tr) && tr.target === target)) out.push(t.name);
  }
  return out;
}

/** Direct-workflow start tasks: tasks that no clause (task-defaults included) transitions to, in spec order. */
export function startTasks(wf: WorkflowSpec): string[] {
  const targeted = new Set<string>();
  for (const t of Object.values(wf.tasks)) {
    for (const which of ['onSuccess', 'onError', 'onComplete'] as const) {
      for (const tr of clauseTransitions(wf, t, which)) if (!isCommand(tr)) targeted.add(tr.target);
    }
  }
  return Object.keys(wf.tasks).filter((n) => !targeted.has(n));
}

/** Reverse workflows: a task's requirements (own ∪ task-defaults, itself excluded), in declaration order. */
export function requirements(wf: WorkflowSpec, name: string): string[] {
  const own = wf.tasks[name]?.requires ?? [];
  const all = [...own, ...wf.taskDefaults.requires.filter((r) => !own.includes(r))];
  return all.filter((r) => r !== name && wf.tasks[r] !== undefined);
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

/** `safe-rerun`: the task's value, else task-defaults, else false; never evaluated (a non-empty string is true). */
export function safeRerun(wf: WorkflowSpec, task: TaskSpec): boolean {
  const v = task.safeRerun !== undefined ? task.safeRerun : wf.taskDefaults.safeRerun;
  return Boolean(v);
}
