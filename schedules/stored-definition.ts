/**
 * Finds a trigger's workflow in the definition store, so its input is checked at creation as Mistral does (and an
 * unknown workflow is refused then, not at the first run).
 */
import type { Client } from '@temporalio/client';
import { RegistryClient } from '../store/registry-client';

/** A `CronContext.resolveDefinition` backed by the definition store of `taskQueue`'s deployment. */
export function storedDefinitionResolver(client: Client, taskQueue: string): (workflow: string, namespace: string) => Promise<string | undefined> {
  const registry = new RegistryClient(client, taskQueue);
  return async (workflow, namespace) => (await registry.get('workflow', workflow, namespace))?.definition;
}
