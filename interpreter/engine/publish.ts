/**
 * Publishing at task completion, exactly as Mistral 15 resolves it (`DirectWorkflowTaskSpec.get_publish` and
 * `PublishSpec.merge`, checked against the oracle on every combination of task-level publish, advanced `on-success` /
 * `on-error` publish and advanced `on-complete` publish):
 * 1. the task-level `publish` (SUCCESS) or `publish-on-error` (ERROR) is a branch-only publish;
 * 2. an `on-complete` publish is merged into it (its branch wins on conflicts; its `global` is lost, because the
 *    task-level publish has no `global` to merge into), or is used as is when there is no task-level publish;
 * 3. the `on-success` / `on-error` publish, when present, wins: the result of 1-2 is merged into it (that result's
 *    values win on conflicts), but only into the parts it has — with only `global:`, the branch variables are
 *    dropped and the task's `published` is null.
 */
import type { ClausePublish, TaskSpec } from '../spec/model';
import { dataContext } from './context';
import { evalValue } from './evaluation';
import type { Runtime, TaskEx } from './state';
import { isPlainObject, mergeDicts, taskSpec } from './state';

/** A resolved publish: undefined parts are absent (null `published` when the branch is absent). */
export interface ResolvedPublish {
  branch?: Record<string, unknown>;
  global?: Record<string, unknown>;
}

/** `PublishSpec.merge`: each part of `from` is deep-merged into the same part of `into`, only when `into` has it. */
function mergeInto(into: ResolvedPublish, from: ResolvedPublish): ResolvedPublish {
  return {
    branch: into.branch && from.branch ? mergeDicts(into.branch, from.branch) : into.branch,
    global: into.global && from.global ? mergeDicts(into.global, from.global) : into.global,
  };
}

function ofClause(p: ClausePublish): ResolvedPublish {
  return { branch: p.branch, global: p.global };
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** The publish that applies when a task ends in `state`, or undefined when nothing is published. */
export function resolvePublish(spec: TaskSpec, state: 'SUCCESS' | 'ERROR'): ResolvedPublish | undefined {
  const own = state === 'SUCCESS' ? spec.publish : spec.publishOnError;
  let result: ResolvedPublish | undefined = hasKeys(own) ? { branch: own } : undefined;
  const complete = spec.onComplete?.publish;
  if (complete) result = result ? mergeInto(result, ofClause(complete)) : ofClause(complete);
  const clause = (state === 'SUCCESS' ? spec.onSuccess : spec.onError)?.publish;
  if (clause) return result ? mergeInto(ofClause(clause), result) : ofClause(clause);
  return result;
}

/**
 * Evaluates the publish of completed task `t` (SUCCESS or ERROR): sets its branch variables (`published`, null when
 * the resolved publish has no branch) and merges its global variables into the workflow context. Evaluation errors
 * propagate as `EvalFailure` (structural: the caller fails the workflow).
 */
export function publishVariables(rt: Runtime, t: TaskEx): void {
  if (t.state !== 'SUCCESS' && t.state !== 'ERROR') return;
  const p = resolvePublish(taskSpec(rt, t.name), t.state);
  if (!p) return;
  const data = dataContext(rt, { task: t, branch: t.inCtx });
  t.pub = p.branch ? (evalValue(rt, p.branch, data, t) as Record<string, unknown>) : null;
  if (p.global) {
    const g = evalValue(rt, p.global, data, t);
    if (isPlainObject(g)) rt.s.ctx = mergeDicts(rt.s.ctx, g);
  }
}
