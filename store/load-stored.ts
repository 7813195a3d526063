/**
 * Workflow-side calls of the store activities (sandbox code): loads a stored definition or a named environment and
 * turns "not found" into the same refusals as a bad inline definition or input.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { ResolvedDefinition } from './resolve';

type StoreStubs = {
  'tramontane.load_definition'(req: { workflow: string; namespace?: string }): Promise<ResolvedDefinition>;
  'tramontane.load_environment'(req: { name: string }): Promise<Record<string, unknown>>;
};

const stubs = proxyActivities<StoreStubs>({
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 5, initialInterval: '1s', nonRetryableErrorTypes: ['NotFound'] },
  summary: 'load from the definition store',
});

async function call<T>(fn: () => Promise<T>, type: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      throw ApplicationFailure.nonRetryable(err.cause.message, type);
    }
    throw err;
  }
}

/** The stored workflow `workflow` of `namespace`, merged with what it may call (fails the start when unknown). */
export function loadStoredDefinition(workflow: string | undefined, namespace: string | undefined): Promise<ResolvedDefinition> {
  if (!workflow) throw ApplicationFailure.nonRetryable('Workflow ID or workflow name must be provided', 'DefinitionError');
  return call(() => stubs['tramontane.load_definition']({ workflow, namespace: namespace ?? '' }), 'DefinitionError');
}

/** The variables of the named environment ("Environment is not found: <name>" fails the start). */
export function loadStoredEnvironment(name: string): Promise<Record<string, unknown>> {
  return call(() => stubs['tramontane.load_environment']({ name }), 'InputError');
}
