/**
 * Internal activities that read the definition store for the generic workflow: the definition of a stored workflow
 * (with everything it may call) and a named environment. Their results land in the execution's history, which is
 * what pins an execution to the definition version it started with.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { RegistryClient } from '../../store/registry-client';
import { RegistryError } from '../../store/registry-state';
import { resolveDefinition, type ResolvedDefinition } from '../../store/resolve';

/** Request of `tramontane.load_definition`. */
export interface LoadDefinitionRequest {
  /** Workflow name (or id). */
  workflow: string;
  /** Mistral namespace, default `''`. */
  namespace?: string;
}

/** Activity names, as the workflow calls them. */
export const LOAD_DEFINITION = 'tramontane.load_definition';
export const LOAD_ENVIRONMENT = 'tramontane.load_environment';

function registry(): RegistryClient {
  const ctx = Context.current();
  return new RegistryClient(ctx.client, ctx.info.taskQueue);
}

/** Loads and resolves a stored workflow; a missing workflow fails without retries (type `NotFound`). */
async function loadDefinition(req: LoadDefinitionRequest): Promise<ResolvedDefinition> {
  const namespace = req.namespace ?? '';
  const sources = await registry().sources(namespace);
  try {
    return resolveDefinition(sources, req.workflow, namespace);
  } catch (err) {
    if (err instanceof RegistryError || (err as Error).name === 'SpecValidationError') {
      throw ApplicationFailure.nonRetryable((err as Error).message, 'NotFound');
    }
    throw err;
  }
}

/** The variables of a named environment; "Environment is not found: <name>" (type `NotFound`) when unknown. */
async function loadEnvironment(req: { name: string }): Promise<Record<string, unknown>> {
  const rec = await registry().get('environment', req.name);
  if (!rec) throw ApplicationFailure.nonRetryable(`Environment is not found: ${req.name}`, 'NotFound');
  return rec.variables;
}

/** The store activities, keyed by name, to merge into the worker's activities. */
export function storeActivities(): Record<string, (req: never) => Promise<unknown>> {
  return { [LOAD_DEFINITION]: loadDefinition, [LOAD_ENVIRONMENT]: loadEnvironment };
}
