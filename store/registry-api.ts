/**
 * The registry workflow's name, id and message definitions, shared by the workflow (in the bundle) and its clients.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  DeleteRequest,
  EnvironmentRecord,
  GetRequest,
  ListRequest,
  PutDefinitionRequest,
  PutEnvironmentRequest,
  PutResult,
  SourcesResult,
} from './types';

/** Workflow type of the definition store. */
export const REGISTRY_WORKFLOW_TYPE = 'TramontaneRegistry';

/** Workflow id of the store of the default deployment (task queue `tramontane`). */
export const DEFAULT_REGISTRY_ID = 'tramontane-registry';

/**
 * The registry workflow id of a deployment: `tramontane-registry` for the default task queue `tramontane`,
 * `tramontane-registry-<queue>` otherwise. One store per task queue keeps deployments (and test files, which each use
 * a fresh queue) apart while every worker and client of one queue shares it. The registry runs on that queue.
 */
export function registryWorkflowId(taskQueue: string): string {
  return taskQueue === 'tramontane' ? DEFAULT_REGISTRY_ID : `${DEFAULT_REGISTRY_ID}-${taskQueue}`;
}

export const putDefinitionUpdate = defineUpdate<PutResult, [PutDefinitionRequest]>('putDefinition');
export const putEnvironmentUpdate = defineUpdate<EnvironmentRecord, [PutEnvironmentRequest]>('putEnvironment');
export const deleteUpdate = defineUpdate<void, [DeleteRequest]>('delete');
export const getQuery = defineQuery<unknown, [GetRequest]>('get');
export const listQuery = defineQuery<unknown[], [ListRequest]>('list');
export const sourcesQuery = defineQuery<SourcesResult, [{ namespace: string }]>('sources');
