/**
 * `TramontaneRegistry`: the definition store as a Temporal workflow, so that it is durable and shared by every worker
 * and client of a namespace with no database of its own. Writes are Updates (validated first: a refused write leaves
 * no trace in history), reads are Queries; it runs forever and continues-as-new carrying its state when its history
 * grows. Sandbox code: pure, deterministic.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  deleteUpdate,
  getQuery,
  listQuery,
  putDefinitionUpdate,
  putEnvironmentUpdate,
  sourcesQuery,
} from './registry-api';
import {
  RegistryError,
  applyDelete,
  applyEnvironment,
  applyPut,
  checkDelete,
  checkEnvironment,
  checkPut,
  emptyRegistry,
  findRecord,
  listRecords,
  mistralTime,
  sourcesFor,
  type RegistryClock,
} from './registry-state';
import type { RegistryState } from './types';

/** Continue-as-new past this many history events (each write adds a handful). */
const MAX_HISTORY = 2_000;

/** Refusals reach the caller as a non-retryable ApplicationFailure with the plain message. */
function refuse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RegistryError) throw ApplicationFailure.nonRetryable(err.message, 'RegistryError');
    throw err;
  }
}

/** Input of the registry workflow: its state when continued, nothing on first start. */
export interface RegistryInput {
  state?: RegistryState;
}

/** The definition store. Start it with `workflowIdConflictPolicy: USE_EXISTING` (see `store/registry-client.ts`). */
export async function TramontaneRegistry(input: RegistryInput = {}): Promise<void> {
  const state: RegistryState = input.state ?? emptyRegistry();
  const clock: RegistryClock = { now: () => mistralTime(new Date()), uuid: () => uuid4() };

  setHandler(getQuery, (req) => findRecord(state, req) ?? null);
  setHandler(listQuery, (req) => listRecords(state, req));
  setHandler(sourcesQuery, (req) => sourcesFor(state, req.namespace));
  setHandler(putDefinitionUpdate, (req) => refuse(() => applyPut(state, req, clock)), {
    validator: (req) => void refuse(() => checkPut(state, req)),
  });
  setHandler(putEnvironmentUpdate, (req) => refuse(() => applyEnvironment(state, req, clock)), {
    validator: (req) => refuse(() => checkEnvironment(state, req)),
  });
  setHandler(deleteUpdate, (req) => refuse(() => applyDelete(state, req)), {
    validator: (req) => void refuse(() => checkDelete(state, req)),
  });

  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > MAX_HISTORY);
  await condition(allHandlersFinished);
  await continueAsNew<typeof TramontaneRegistry>({ state });
}
