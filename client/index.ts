/**
 * The typed TypeScript client of Tramontane: what another service needs to store Mistral definitions, start and
 * watch executions, operate on them, and schedule them.
 *
 * ```ts
 * import { Tramontane } from 'tramontane/client';
 * const t = await Tramontane.connect();              // TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TRAMONTANE_TASK_QUEUE
 * await t.createWorkflow(yamlText);
 * const done = await t.startExecution('upgrade_kernel', { hosts: ['a'] }, { wait: true });
 * console.log(done.state, done.output);
 * await t.close();
 * ```
 */
import type { Client } from '@temporalio/client';
import type { ExecutionView, TaskView } from '../interpreter/engine/types';
import { readConfig, type TramontaneConfig } from '../workers/config';
import { connectClient } from '../workers/connect';
import { RegistryClient } from '../store/registry-client';
import type { ActionRecord, EnvironmentRecord, PutResult, Scope, WorkflowRecord } from '../store/types';
import { cronTriggers, type CronTrigger, type CronTriggerApi, type CronTriggerRequest } from '../schedules/index';
import { storedDefinitionResolver } from '../schedules/stored-definition';
import { Executions, type ExecutionFilter, type ExecutionSummary, type StartOptions } from './executions';

export { TramontaneError } from './errors';
export { RegistryError } from '../store/registry-state';
export type { ExecutionView, TaskView, ItemView, WorkflowState, TaskState } from '../interpreter/engine/types';
export type { ExecutionFilter, ExecutionSummary, StartOptions } from './executions';
export type { ActionRecord, EnvironmentRecord, PutResult, Scope, WorkbookRecord, WorkflowRecord } from '../store/types';
export type { CronTrigger, CronTriggerRequest } from '../schedules/index';

/** Where to connect; each field defaults to the environment configuration (`workers/config.ts`). */
export type ConnectOptions = Partial<TramontaneConfig>;

/** Options of definition writes. */
export interface DefinitionOptions {
  /** Mistral namespace (default `''`). */
  namespace?: string;
  /** `private` (default) or `public`. */
  scope?: Scope;
  /** File name shown in located errors (default `<definition>`). */
  file?: string;
}

/** A connection to one Tramontane deployment (Temporal namespace + task queue). */
export class Tramontane {
  /** The definition store (workflows, workbooks, ad-hoc actions, environments). */
  readonly store: RegistryClient;
  /** Execution operations. */
  readonly executions: Executions;
  /** Cron triggers (Temporal Schedules). */
  readonly cron: CronTriggerApi;

  /**
   * Wraps an already connected Temporal `client` for the deployment on `taskQueue`. Prefer `Tramontane.connect()`;
   * `onClose` is what `close()` runs.
   */
  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.store = new RegistryClient(client, taskQueue);
    this.executions = new Executions(client, taskQueue);
    this.cron = cronTriggers({ client, taskQueue, resolveDefinition: storedDefinitionResolver(client, taskQueue) });
  }

  /** Connects with `connectClient()` (configuration from the environment, overridden by `opts`). */
  static async connect(opts: ConnectOptions = {}): Promise<Tramontane> {
    const cfg = { ...readConfig(), ...opts };
    const { client, close } = await connectClient(cfg);
    return new Tramontane(client, cfg.taskQueue, close);
  }

  /** Stores the workflows of a workflow file (`workflow-create`); refused with `file:line:col` errors when invalid. */
  async createWorkflow(text: string, opts: DefinitionOptions = {}): Promise<WorkflowRecord[]> {
    return (await this.store.putDefinition({ kind: 'workflow', mode: 'create', text, ...opts })).workflows;
  }

  /** Replaces stored workflows (`workflow-update`); each one's version goes up. Running executions are unaffected. */
  async updateWorkflow(text: string, opts: DefinitionOptions = {}): Promise<WorkflowRecord[]> {
    return (await this.store.putDefinition({ kind: 'workflow', mode: 'update', text, ...opts })).workflows;
  }

  /** Stores a workbook and its workflows/actions as `<workbook>.<name>` (`workbook-create`, or update with `update`). */
  async createWorkbook(text: string, opts: DefinitionOptions & { update?: boolean } = {}): Promise<PutResult> {
    const { update, ...rest } = opts;
    return this.store.putDefinition({ kind: 'workbook', mode: update ? 'update' : 'create', text, ...rest });
  }

  /** Stores ad-hoc actions (`action-create`, or update with `update`). */
  async createActions(text: string, opts: DefinitionOptions & { update?: boolean } = {}): Promise<ActionRecord[]> {
    const { update, ...rest } = opts;
    return (await this.store.putDefinition({ kind: 'action', mode: update ? 'update' : 'create', text, ...rest })).actions;
  }

  /** Creates (or with `update`, changes) a named environment usable as `env: '<name>'`. */
  async putEnvironment(
    env: { name: string; description?: string | null; variables?: Record<string, unknown>; scope?: Scope },
    opts: { update?: boolean } = {},
  ): Promise<EnvironmentRecord> {
    return this.store.putEnvironment({ mode: opts.update ? 'update' : 'create', ...env });
  }

  /** A stored workflow by name (in `namespace`) or id. */
  getWorkflow(identifier: string, namespace = ''): Promise<WorkflowRecord | undefined> {
    return this.store.get('workflow', identifier, namespace);
  }

  /** Stored workflows; all namespaces when `namespace` is undefined. */
  listWorkflows(namespace?: string): Promise<WorkflowRecord[]> {
    return this.store.list('workflow', namespace);
  }

  /** Deletes a stored workflow. */
  deleteWorkflow(identifier: string, namespace = ''): Promise<void> {
    return this.store.delete({ kind: 'workflow', identifier, namespace });
  }

  /**
   * Starts the stored workflow `name` (`execution-create`). `opts.env` may name a stored environment; `opts.wait`
   * waits for the end. Refusals (unknown workflow or environment, invalid input) throw `TramontaneError`.
   */
  startExecution(name: string, input?: Record<string, unknown>, opts?: StartOptions): Promise<ExecutionView> {
    return this.executions.start(name, input, opts);
  }

  /** An execution and its tasks, as Mistral's REST API shows them. */
  getExecution(id: string): Promise<ExecutionView> {
    return this.executions.get(id);
  }

  /** Waits until an execution ends and returns its final view. */
  waitExecution(id: string): Promise<ExecutionView> {
    return this.executions.wait(id);
  }

  /** Executions of this deployment, newest first, filtered by workflow name and/or state. */
  listExecutions(filter?: ExecutionFilter): Promise<ExecutionSummary[]> {
    return this.executions.list(filter);
  }

  /** The tasks of an execution, in creation order. */
  async listTasks(id: string): Promise<TaskView[]> {
    return (await this.executions.get(id)).tasks;
  }

  /** Pauses an execution. */
  pause(id: string): Promise<ExecutionView> {
    return this.executions.pause(id);
  }

  /** Resumes a paused execution (optionally merging `env` into its env). */
  resume(id: string, env?: Record<string, unknown>): Promise<ExecutionView> {
    return this.executions.resume(id, env);
  }

  /** Cancels an execution. */
  cancel(id: string, stateInfo?: string): Promise<ExecutionView> {
    return this.executions.cancel(id, stateInfo);
  }

  /** Reruns a failed task; `{ reset: false }` reruns only the failed/unstarted items of a with-items task. */
  rerunTask(taskId: string, opts?: { reset?: boolean; env?: Record<string, unknown> }): Promise<ExecutionView> {
    return this.executions.rerun(taskId, opts);
  }

  /** Creates a cron trigger on a Temporal Schedule (see `schedules/`): each run starts the stored workflow by name. */
  createCronTrigger(req: CronTriggerRequest): Promise<CronTrigger> {
    return this.cron.createCronTrigger(req);
  }

  /** Closes the connection. */
  close(): Promise<void> {
    return this.onClose();
  }
}
