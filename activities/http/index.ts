/**
 * Worker-side implementations of std.http and std.mistral_http. `actions` reads its settings from the environment
 * (`TRAMONTANE_HTTP_DEFAULT_TIMEOUT`); `createHttpActions` takes them explicitly.
 */
import type { ActionImpl } from '../types';
import { createHttpAction } from './http-action';
import { createMistralHttpAction } from './mistral-http';
import { httpOptionsFromEnv, type HttpOptions } from './options';

export type { HttpOptions } from './options';
export type { HttpResult } from './response';
export { httpOptionsFromEnv } from './options';

/** Builds std.http and std.mistral_http with the environment's settings overridden by `overrides`. */
export function createHttpActions(overrides: Partial<HttpOptions> = {}): ActionImpl[] {
  const opts = { ...httpOptionsFromEnv(), ...overrides };
  return [createHttpAction(opts), createMistralHttpAction(opts)];
}

export const actions: ActionImpl[] = createHttpActions();
