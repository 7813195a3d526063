/**
 * The nova.* and cinder.* actions (worker side). `actions` uses the worker process's environment (OS_CLOUD,
 * OS_* variables, clouds.yaml search path); `createOpenStackActions` builds them from explicit options (tests, demos).
 */
import type { ActionImpl } from '../types';
import { cinderHandlers } from './actions/cinder';
import { defineActions } from './actions/define';
import { novaComputeHandlers } from './actions/nova-compute';
import { novaServerHandlers } from './actions/nova-servers';
import { cinderSignatures } from './action-signatures/cinder';
import { novaSignatures } from './action-signatures/nova';
import { createRuntime, type OpenStackActionsOptions } from './runtime';

export type { OpenStackActionsOptions } from './runtime';

/**
 * Builds every OpenStack action with its own token and microversion caches. Options default to the process's
 * environment, working directory and home, the global fetch, 60 s request timeout and a 100-page list cap.
 */
export function createOpenStackActions(options: OpenStackActionsOptions = {}): ActionImpl[] {
  const runtime = createRuntime(options);
  return [
    ...defineActions(novaSignatures, { service: 'compute', handlers: { ...novaServerHandlers, ...novaComputeHandlers } }, runtime),
    ...defineActions(cinderSignatures, { service: 'volume', handlers: cinderHandlers }, runtime),
  ];
}

/** The OpenStack actions configured from the worker process's environment. */
export const actions: ActionImpl[] = createOpenStackActions();
