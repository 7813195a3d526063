/**
 * A client interceptor that refuses to start an execution whose input is over Temporal's payload limit, with a
 * clear message (the server would answer with a bare "Failed to start Workflow").
 */
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { payloadTooLarge } from '../interpreter/payload-limit';

/** Thrown when a workflow input is too large to start; `message` says how large and the limit. */
export class PayloadTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadTooLargeError';
  }
}

function check(args: unknown[] | undefined): void {
  const message = payloadTooLarge('Workflow input', args ?? []);
  if (message) throw new PayloadTooLargeError(`${message}; pass large data by reference (a file, an object store URL) instead`);
}

/** The interceptor `connectClient` installs: checks `start`, `startWithDetails` and `signalWithStart` arguments. */
export const payloadLimitInterceptor: WorkflowClientInterceptor = {
  async start(input, next) {
    check(input.options.args);
    return next(input);
  },
  async startWithDetails(input, next) {
    check(input.options.args);
    return next(input);
  },
  async signalWithStart(input, next) {
    check(input.options.args);
    return next(input);
  },
};
