/**
 * The data context (`$` in YAQL, `_` in Jinja) and Mistral's custom functions (`task()`, `tasks()`, `execution()`,
 * `env()`, `global()`, `uuid()`) as the engine supplies them to the expression layer.
 *
 * Layering (highest priority first, §2.11): `__task_execution` → `__env` → with-items item variables → the task's
 * inbound/outbound branch context → workflow context (vars, global publishes, `__execution`) → workflow input.
 */
import type { MistralFunctions } from '../expressions/types';
import type { WorkflowSpec } from '../spec/model';
import type { EState, Runtime, TaskEx } from './state';

/** Mistral's timestamp text for `task()`/`execution()` fields: `YYYY-MM-DD HH:MM:SS`. */
export function mistralTime(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

/**
 * A task execution's `result` as Mistral shows it (§2.10): no accepted run → [], wiped → null; with-items → the
 * results of the items that finished, in item order (items never started or still running are left out).
 */
export function taskResult(t: TaskEx): unknown {
  if (t.items) {
    const out: unknown[] = [];
    const { st, res } = t.items;
    for (let k = 0; k < st.length; k++) {
      if (st[k] === 'S' || st[k] === 'E') out.push(t.wiped || res[k] === undefined ? null : res[k]);
    }
    return out;
  }
  if (t.wiped) return null;
  return t.result === undefined ? [] : t.result;
}

/**
 * A task's spec as Mistral's `task().spec` shows it: the task as written plus the workflow `type`, the task `name`
 * and the DSL `version` (checked against the oracle).
 */
export function specDict(wf: WorkflowSpec | undefined, name: string): Record<string, unknown> {
  const raw = wf?.tasks[name]?.raw ?? {};
  return { ...raw, type: wf?.type ?? 'direct', name, version: '2.0' };
}

/** The dict `task()`/`tasks()` return for a task execution. */
export function taskDict(s: EState, t: TaskEx): Record<string, unknown> {
  const wf = s.def.workflows[s.workflow];
  return {
    id: t.id,
    name: t.name,
    spec: specDict(wf, t.name),
    state: t.state,
    state_info: t.info,
    result: taskResult(t),
    published: t.pub,
    type: t.type,
    workflow_execution_id: s.id,
    created_at: mistralTime(t.created),
    updated_at: mistralTime(t.updated),
  };
}

/** Builds the layered data context for one evaluation (a fresh plain object; layers are small). */
export function dataContext(
  rt: Runtime,
  opts: { task?: TaskEx; branch?: Record<string, unknown>; itemVars?: Record<string, unknown>; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const s = rt.s;
  const ctx: Record<string, unknown> = { ...s.input, ...s.ctx, __execution: { id: s.id } };
  if (opts.branch) Object.assign(ctx, opts.branch);
  if (opts.itemVars) Object.assign(ctx, opts.itemVars);
  if (opts.extra) Object.assign(ctx, opts.extra);
  ctx.__env = s.env;
  if (opts.task) ctx.__task_execution = { id: opts.task.id, name: opts.task.name };
  return ctx;
}

/** The custom functions for one evaluation; `current` is what `task()` with no name returns. */
export function functionsFor(rt: Runtime, current?: TaskEx): MistralFunctions {
  const s = rt.s;
  return {
    task(name?: string | null) {
      if (name === undefined || name === null) return current ? taskDict(s, current) : null;
      const i = s.latest[name];
      return i === undefined ? null : taskDict(s, s.tasks[i]);
    },
    tasks(args) {
      if (args.workflowExecutionId && args.workflowExecutionId !== s.id) return [];
      return s.tasks.filter((t) => !args.state || t.state === args.state).map((t) => taskDict(s, t));
    },
    execution() {
      return {
        id: s.id,
        name: s.workflow,
        spec: { name: s.workflow },
        input: s.input,
        params: s.params,
        created_at: mistralTime(s.created),
        updated_at: mistralTime(s.updated),
        // A root execution has no root id in Mistral (null); a subworkflow gets its root's id.
        root_execution_id: s.rootId === s.id ? null : s.rootId,
      };
    },
    env() {
      return s.env;
    },
    global(name: string) {
      return name in s.ctx ? s.ctx[name] : name === '__execution' ? { id: s.id } : null;
    },
    uuid() {
      return rt.host.uuid();
    },
  };
}
