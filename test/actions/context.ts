import type { ActionContext } from '../../activities/types';

/** An ActionContext for tests: records heartbeats and can be aborted like a cancelled activity. */
export function testContext(execution: Record<string, unknown> = {}) {
  const controller = new AbortController();
  const heartbeats: unknown[] = [];
  const ctx: ActionContext = {
    execution,
    heartbeat: (d?: unknown) => {
      heartbeats.push(d);
    },
    signal: controller.signal,
  };
  return { ctx, heartbeats, abort: (reason?: unknown) => controller.abort(reason) };
}

/** Runs `p` and returns the error it rejects with (fails the test if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<Error & { data?: unknown; retryable?: boolean }> {
  try {
    const v = await p;
    throw new Error(`expected a failure, got ${JSON.stringify(v)}`);
  } catch (e) {
    return e as Error & { data?: unknown; retryable?: boolean };
  }
}
