import { ActionError, type ActionImpl } from '../types';
import { asyncNoopSignature, noopSignature } from './signatures';

/** `std.noop()`: does nothing and returns null. */
export const noopAction: ActionImpl = {
  signature: noopSignature,
  async run() {
    return null;
  },
};

/** Message of the error `std.async_noop` fails with. */
export const ASYNC_NOOP_UNSUPPORTED =
  'std.async_noop is not supported: Tramontane has no API to complete an asynchronous action from outside; use std.noop';

/**
 * `std.async_noop()`: in Mistral it stays RUNNING until an external `PUT /v2/action_executions/<id>` completes it.
 * Tramontane has no such completion API, so the action fails at once with a clear, non-retryable error instead of
 * hanging forever.
 */
export const asyncNoopAction: ActionImpl = {
  signature: asyncNoopSignature,
  async run() {
    throw new ActionError(ASYNC_NOOP_UNSUPPORTED);
  },
};
