/**
 * Node-side access to the definition store: writes as Update-with-Start (the registry starts on first use), reads as
 * Queries (an empty store when it was never started). Every write is validated here first, so a refused definition
 * shows `file:line:col` with the user's file name, and again inside the registry.
 */
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import {
  REGISTRY_WORKFLOW_TYPE,
  deleteUpdate,
  getQuery,
  listQuery,
  putDefinitionUpdate,
  putEnvironmentUpdate,
  registryWorkflowId,
  sourcesQuery,
} from './registry-api';
import { RegistryError, parseForKind } from './registry-state';
import type {
  ActionRecord,
  DeleteRequest,
  EnvironmentRecord,
  PutDefinitionRequest,
  PutEnvironmentRequest,
  PutResult,
  SourcesResult,
  WorkbookRecord,
  WorkflowRecord,
} from './types';

interface KindRecord {
  workflow: WorkflowRecord;
  workbook: WorkbookRecord;
  action: ActionRecord;
  environment: EnvironmentRecord;
}

/** Unwraps an Update/Query failure into a RegistryError with the registry's own message. */
function unwrap(err: unknown): never {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) throw new RegistryError(err.cause.message);
  if (err instanceof ApplicationFailure) throw new RegistryError(err.message);
  throw err;
}

function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (err as { code?: number })?.code === 5;
}

/** The definition store of one deployment (task queue) of one Temporal namespace. */
export class RegistryClient {
  /** The registry's workflow id (see `registryWorkflowId`). */
  readonly workflowId: string;

  /** `client`: a connected Temporal client; `taskQueue`: the deployment's queue (the registry runs there). */
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    workflowId?: string,
  ) {
    this.workflowId = workflowId ?? registryWorkflowId(taskQueue);
  }

  private startOp(): WithStartWorkflowOperation<(input?: unknown) => Promise<void>> {
    return new WithStartWorkflowOperation(REGISTRY_WORKFLOW_TYPE, {
      workflowId: this.workflowId,
      taskQueue: this.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{}],
      staticSummary: 'Tramontane definition store (workflows, workbooks, actions, environments)',
    });
  }

  /** Creates or updates workflows, a workbook or ad-hoc actions from a definition text; refused with located errors. */
  async putDefinition(req: PutDefinitionRequest): Promise<PutResult> {
    parseForKind(req); // located errors with the caller's file name, before any round trip
    try {
      return await this.client.workflow.executeUpdateWithStart(putDefinitionUpdate, { args: [req], startWorkflowOperation: this.startOp() });
    } catch (err) {
      unwrap(err);
    }
  }

  /** Creates or updates a named environment. */
  async putEnvironment(req: PutEnvironmentRequest): Promise<EnvironmentRecord> {
    try {
      return await this.client.workflow.executeUpdateWithStart(putEnvironmentUpdate, { args: [req], startWorkflowOperation: this.startOp() });
    } catch (err) {
      unwrap(err);
    }
  }

  /** Deletes a workflow, workbook (with its members), ad-hoc action or environment by name or id. */
  async delete(req: DeleteRequest): Promise<void> {
    try {
      await this.client.workflow.executeUpdateWithStart(deleteUpdate, { args: [req], startWorkflowOperation: this.startOp() });
    } catch (err) {
      unwrap(err);
    }
  }

  /** One record by name (in `namespace`, default `''`) or id; undefined when there is none. */
  async get<K extends keyof KindRecord>(kind: K, identifier: string, namespace = ''): Promise<KindRecord[K] | undefined> {
    try {
      const r = await this.client.workflow.getHandle(this.workflowId).query(getQuery, { kind, identifier, namespace });
      return (r ?? undefined) as KindRecord[K] | undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      unwrap(err);
    }
  }

  /** Records of a kind sorted by name; `namespace` undefined = all namespaces. */
  async list<K extends keyof KindRecord>(kind: K, namespace?: string): Promise<KindRecord[K][]> {
    try {
      return (await this.client.workflow.getHandle(this.workflowId).query(listQuery, { kind, namespace })) as KindRecord[K][];
    } catch (err) {
      if (isNotFound(err)) return [];
      unwrap(err);
    }
  }

  /** The records of `namespace` and of the default namespace (what resolving names for an execution needs). */
  async sources(namespace: string): Promise<SourcesResult> {
    try {
      return await this.client.workflow.getHandle(this.workflowId).query(sourcesQuery, { namespace });
    } catch (err) {
      if (isNotFound(err)) return { workflows: [], actions: [], workbooks: [] };
      unwrap(err);
    }
  }
}
