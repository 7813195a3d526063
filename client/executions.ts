/**
 * Execution operations on a Temporal client: start a Mistral workflow (stored or inline), read its execution view,
 * list executions through the `MistralWorkflowName` / `MistralState` search attributes, pause / resume / cancel, and
 * rerun a failed task. Execution ids are Temporal workflow ids.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ExecutionView, TaskView, WorkflowState } from '../interpreter/engine/types';
import type { MistralWorkflowInput } from '../interpreter/workflow';
import { executionIdOfTask, rerunProblem, type RerunRequest } from '../store/rerun';
import type { DefinitionVersion } from '../store/types';
import { TramontaneError } from './errors';

/** Workflow type of the generic workflow. */
export const MISTRAL_WORKFLOW_TYPE = 'MistralWorkflow';
const WORKFLOW_NAME_KEY = defineSearchAttributeKey('MistralWorkflowName', SearchAttributeType.KEYWORD);
const STATE_KEY = defineSearchAttributeKey('MistralState', SearchAttributeType.KEYWORD);
const FINAL = new Set<WorkflowState>(['SUCCESS', 'ERROR', 'CANCELLED']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Options of `startExecution`. */
export interface StartOptions {
  /** Execution params: `env` (dict or stored environment name), `task_name` (reverse workflows), anything else kept. */
  params?: Record<string, unknown>;
  /** Shortcut for `params.env`: a dict or the name of a stored environment. */
  env?: Record<string, unknown> | string;
  /** Mistral namespace of the stored workflow (default `''`). */
  namespace?: string;
  /** Execution id (= Temporal workflow id); a UUID by default, as Mistral. */
  id?: string;
  /** Mistral's execution `description` (kept in the workflow's memo). */
  description?: string;
  /** Wait until the execution ends and return its final view (default: return once it runs). */
  wait?: boolean;
  /** Run this YAML instead of a stored definition (`name` is then the workflow to run in it). */
  definition?: string;
}

/** One row of `listExecutions`: what the visibility store knows, without querying each execution. */
export interface ExecutionSummary {
  id: string;
  workflow_name: string | null;
  workflow_namespace: string;
  /** The stored definition it runs (id, version, checksum), when started by name. */
  workflow_id: string | null;
  description: string;
  state: WorkflowState | string;
  /** Set for sub-executions (child workflows): the root execution. */
  root_execution_id: string | null;
  created_at: string;
  updated_at: string | null;
}

/** Filters of `listExecutions`. */
export interface ExecutionFilter {
  workflow?: string;
  state?: string;
  /** At most this many rows (default 100). */
  limit?: number;
  /** Only root executions (no subworkflow children). */
  rootsOnly?: boolean;
}

/** Mistral's `merge_dicts`: `right` into `left`, recursively for dicts. */
function mergeDicts(left: unknown, right: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = left && typeof left === 'object' && !Array.isArray(left) ? { ...(left as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(right)) {
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur) ? mergeDicts(cur, v as Record<string, unknown>) : v;
  }
  return out;
}

const time = (d: Date | undefined | null): string | null => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : null);

function refusal(err: unknown): TramontaneError | undefined {
  if (err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure) {
    if (['InputError', 'DefinitionError'].includes(err.cause.type ?? '')) return new TramontaneError(err.cause.message);
  }
  return undefined;
}

/** Execution operations bound to one deployment (Temporal client + task queue). */
export class Executions {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  private handle(id: string): WorkflowHandle {
    return this.client.workflow.getHandle(id);
  }

  /**
   * Starts an execution of the stored workflow `name` (or of `opts.definition`). Refusals (unknown workflow or
   * environment, invalid input) throw `TramontaneError` with Mistral's message. Returns the execution view: the
   * final one with `wait`, else the first one the execution reports.
   */
  async start(name: string, input: Record<string, unknown> = {}, opts: StartOptions = {}): Promise<ExecutionView> {
    const id = opts.id ?? randomUUID();
    const args: MistralWorkflowInput = {
      ...(opts.definition !== undefined ? { definition: opts.definition } : {}),
      workflow: name,
      namespace: opts.namespace ?? '',
      input,
      params: { ...(opts.params ?? {}), ...(opts.env !== undefined ? { env: opts.env } : {}) },
    };
    const handle = await this.client.workflow.start(MISTRAL_WORKFLOW_TYPE, {
      taskQueue: this.taskQueue,
      workflowId: id,
      args: [args],
      memo: { description: opts.description ?? '', workflow_namespace: opts.namespace ?? '' },
      staticSummary: `${opts.namespace ? `${opts.namespace}/` : ''}${name}`,
    });
    if (opts.wait) {
      try {
        await handle.result();
      } catch (err) {
        const r = refusal(err);
        if (r) throw r;
        if (!(err instanceof WorkflowFailedError)) throw err;
      }
    }
    return this.view(handle.workflowId, 15_000);
  }

  /** The execution's view (Mistral's fields, tasks in creation order). */
  async get(id: string): Promise<ExecutionView> {
    return this.view(id, 5_000);
  }

  /** Reads the `execution` query, waiting up to `patienceMs` for a just-started execution to answer it. */
  private async view(id: string, patienceMs: number): Promise<ExecutionView> {
    const handle = this.handle(id);
    const deadline = Date.now() + patienceMs;
    for (;;) {
      let desc;
      try {
        desc = await handle.describe();
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw new TramontaneError(`WorkflowExecution not found [id=${id}]`);
        throw err;
      }
      if (desc.type !== MISTRAL_WORKFLOW_TYPE) throw new TramontaneError(`WorkflowExecution not found [id=${id}]`);
      try {
        return await handle.query<ExecutionView>('execution');
      } catch (err) {
        if (desc.status.name === 'FAILED') {
          // Refused before it could run (unknown workflow/environment, invalid input): no view to query.
          try {
            await handle.result();
          } catch (e) {
            const r = refusal(e);
            if (r) throw r;
          }
        }
        if (Date.now() > deadline) throw new TramontaneError(`Execution ${id} does not answer (${(err as Error).message}); is a worker running on task queue '${this.taskQueue}'?`);
        await sleep(150);
      }
    }
  }

  /** What the server keeps beside the view: the stored definition it runs, its namespace and description (memo). */
  async meta(id: string): Promise<{ workflow_id: string | null; workflow_namespace: string; description: string; version: DefinitionVersion | null }> {
    let memo: Record<string, unknown> | undefined;
    try {
      memo = (await this.handle(id).describe()).memo;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new TramontaneError(`WorkflowExecution not found [id=${id}]`);
      throw err;
    }
    const m = (memo ?? {}) as { description?: string; workflow_namespace?: string; mistral_definition?: DefinitionVersion };
    return {
      workflow_id: m.mistral_definition?.id ?? null,
      workflow_namespace: m.workflow_namespace ?? m.mistral_definition?.namespace ?? '',
      description: m.description ?? '',
      version: m.mistral_definition ?? null,
    };
  }

  /** Waits for the execution to end and returns its final view. */
  async wait(id: string): Promise<ExecutionView> {
    try {
      await this.handle(id).result();
    } catch (err) {
      const r = refusal(err);
      if (r) throw r;
      if (!(err instanceof WorkflowFailedError)) throw err;
    }
    return this.get(id);
  }

  /** Executions of this deployment, newest first (visibility is eventually consistent: a just-started one may lag). */
  async list(filter: ExecutionFilter = {}): Promise<ExecutionSummary[]> {
    const q = [`WorkflowType = '${MISTRAL_WORKFLOW_TYPE}'`, `TaskQueue = '${this.taskQueue.replace(/'/g, "\\'")}'`];
    if (filter.workflow) q.push(`MistralWorkflowName = '${filter.workflow.replace(/'/g, "\\'")}'`);
    if (filter.state) q.push(`MistralState = '${filter.state.toUpperCase().replace(/'/g, "\\'")}'`);
    const latest = new Map<string, ExecutionSummary & { start: number }>();
    const limit = filter.limit ?? 100;
    for await (const info of this.client.workflow.list({ query: q.join(' AND '), pageSize: Math.min(1000, limit * 2) })) {
      const root = info.workflowId.includes('/') ? info.workflowId.split('/')[0] : null;
      if (filter.rootsOnly && root) continue;
      const memo = (info.memo ?? {}) as { description?: string; workflow_namespace?: string; mistral_definition?: DefinitionVersion };
      const row = {
        id: info.workflowId,
        workflow_name: info.typedSearchAttributes.get(WORKFLOW_NAME_KEY) ?? null,
        workflow_namespace: memo.workflow_namespace ?? memo.mistral_definition?.namespace ?? '',
        workflow_id: memo.mistral_definition?.id ?? null,
        description: memo.description ?? '',
        state: info.typedSearchAttributes.get(STATE_KEY) ?? (info.status.name === 'RUNNING' ? 'RUNNING' : info.status.name),
        root_execution_id: root,
        created_at: time(info.startTime)!,
        updated_at: time(info.closeTime),
        start: info.startTime.getTime(),
      };
      const prev = latest.get(row.id);
      if (!prev || prev.start < row.start) latest.set(row.id, row);
      if (latest.size >= limit * 2) break;
    }
    return [...latest.values()]
      .sort((a, b) => b.start - a.start)
      .slice(0, limit)
      .map(({ start: _s, ...rest }) => rest);
  }

  private async changeState(id: string, target: 'PAUSED' | 'RUNNING' | 'CANCELLED', send: (h: WorkflowHandle) => Promise<void>): Promise<ExecutionView> {
    const before = await this.get(id);
    if (FINAL.has(before.state)) throw new TramontaneError(`Can't change workflow execution state from ${before.state} to ${target}. [workflow_execution_id=${id}]`);
    await send(this.handle(id));
    const deadline = Date.now() + 5_000;
    for (;;) {
      const v = await this.get(id);
      if (v.state === target || FINAL.has(v.state) || Date.now() > deadline) return v;
      await sleep(100);
    }
  }

  /** Pauses a running execution (no new task starts; running actions finish). Resolves with the new view. */
  pause(id: string): Promise<ExecutionView> {
    return this.changeState(id, 'PAUSED', (h) => h.signal('pause'));
  }

  /** Resumes a paused execution, merging `env` into its env first. */
  resume(id: string, env?: Record<string, unknown>): Promise<ExecutionView> {
    return this.changeState(id, 'RUNNING', (h) => h.signal('resume', env ? { env } : undefined));
  }

  /** Cancels an execution (Mistral's cancel: running actions are abandoned, the state becomes CANCELLED). */
  cancel(id: string, stateInfo?: string): Promise<ExecutionView> {
    return this.changeState(id, 'CANCELLED', (h) => h.signal('cancel', stateInfo ? { stateInfo } : undefined));
  }

  /** A task by id (`<executionId>-t<N>`) and the execution it belongs to. */
  async task(taskId: string): Promise<{ task: TaskView; execution: ExecutionView }> {
    const execId = executionIdOfTask(taskId);
    if (!execId) throw new TramontaneError(`Task execution not found [id=${taskId}]`);
    let execution: ExecutionView;
    try {
      execution = await this.get(execId);
    } catch (err) {
      if (err instanceof TramontaneError && err.message.startsWith('WorkflowExecution not found')) throw new TramontaneError(`Task execution not found [id=${taskId}]`);
      throw err;
    }
    const task = execution.tasks.find((t) => t.id === taskId);
    if (!task) throw new TramontaneError(`Task execution not found [id=${taskId}]`);
    return { task, execution };
  }

  /** The input that would continue the execution (its definition, engine state and params). */
  async snapshot(id: string): Promise<MistralWorkflowInput> {
    return this.handle(id).query<MistralWorkflowInput>('rerunSnapshot');
  }

  /**
   * Reruns a failed task (`reset: false` = only the failed and unstarted items of a with-items task). A running
   * execution gets a `rerun` update; a finished one continues in a new run of the same execution id, from its final
   * state. Refusals carry the engine's message. Resolves with the view once the rerun has begun.
   */
  async rerun(taskId: string, opts: { reset?: boolean; env?: Record<string, unknown> } = {}): Promise<ExecutionView> {
    const { execution } = await this.task(taskId);
    const req: RerunRequest = { taskExecutionId: taskId, reset: opts.reset ?? true, ...(opts.env ? { env: opts.env } : {}) };
    const problem = rerunProblem(execution, req);
    if (problem) throw new TramontaneError(problem);
    const id = execution.id;
    const handle = this.handle(id);
    const desc = await handle.describe();
    if (desc.status.name === 'RUNNING') {
      try {
        await handle.executeUpdate('rerun', { args: [req] });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) throw new TramontaneError(err.cause?.message ?? err.message);
        throw err;
      }
    } else {
      if (id.includes('/')) {
        throw new TramontaneError(`Rerunning a task of a finished sub-execution is not supported: rerun the parent's task instead [execution=${id}]`);
      }
      const snapshot = await this.snapshot(id);
      // The new run's actions and subworkflows read the env from its params: merge the rerun's env there too.
      if (req.env && snapshot.carried) snapshot.carried.params = { ...snapshot.carried.params, env: mergeDicts(snapshot.carried.params.env, req.env) };
      await this.client.workflow.start(MISTRAL_WORKFLOW_TYPE, {
        taskQueue: desc.taskQueue,
        workflowId: id,
        args: [{ ...snapshot, rerun: req }],
        memo: desc.memo,
        staticSummary: `${execution.workflow_name} (rerun of ${taskId})`,
      });
    }
    const deadline = Date.now() + 10_000;
    for (;;) {
      const v = await this.get(id).catch(() => undefined);
      if ((v && (v.updated_at !== execution.updated_at || v.state !== execution.state)) || Date.now() > deadline) return v ?? this.get(id);
      await sleep(100);
    }
  }
}
