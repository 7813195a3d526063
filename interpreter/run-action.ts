/**
 * Runs one engine `run_action` command as a Temporal activity and reports Mistral's outcome.
 *
 * How Temporal's retries meet Mistral's semantics:
 * - An action failure (`ActionError`, thrown by our activities as a non-retryable ApplicationFailure) is a task
 *   error, exactly once: Mistral's own `retry:` policy, run by the engine, decides what happens next.
 * - Transient infrastructure failures (5xx, network) are retried a bounded number of times *inside* the activity.
 * - A worker that dies mid-action is noticed by the heartbeat timeout. The action runs again only when the task is
 *   `safe-rerun: true` (Temporal retries the attempt); otherwise the task errors saying the action was interrupted.
 * - Side-effect-free actions (signature `pure`: std.noop, std.echo, std.fail, std.test_dict) run as local activities:
 *   no server round trip, recorded as markers; re-running one after a crash changes nothing.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  TimeoutFailure,
  isCancellation,
  scheduleActivity,
  scheduleLocalActivity,
  type ActivityOptions,
  type LocalActivityOptions,
} from '@temporalio/workflow';
import { actionSignature } from '../activities/catalog';
import { jsonBytes, sizeTooLarge } from './payload-limit';
import type { RunActionCommand } from './engine/types';

export type ActionOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/** Per-execution tuning of how actions run (given in the workflow input's `options`). */
export interface RunOptions {
  /** Seconds without a heartbeat after which an action's worker counts as lost (default 30). */
  heartbeatTimeoutSec?: number;
}

/** How fast a dead worker is noticed. Our activity wrapper heartbeats every few seconds for every action. */
export const HEARTBEAT_TIMEOUT_S = 30;

const HOUR_MS = 3_600_000;
const ONCE = { maximumAttempts: 1 };

/**
 * Activity options for one action execution. Durations are milliseconds (the SDK would parse duration text on every
 * call; the commands are the same).
 */
export function activityOptions(cmd: RunActionCommand, opts: RunOptions = {}): ActivityOptions {
  const heartbeat = opts.heartbeatTimeoutSec ?? HEARTBEAT_TIMEOUT_S;
  return {
    summary: cmd.summary.slice(0, 190),
    taskQueue: cmd.target,
    heartbeatTimeout: heartbeat * 1000,
    startToCloseTimeout: cmd.timeoutSec ? (cmd.timeoutSec + heartbeat) * 1000 : 24 * HOUR_MS,
    retry: cmd.safeRerun ? { maximumAttempts: 10, initialInterval: 1000, nonRetryableErrorTypes: ['ActionError'] } : ONCE,
  };
}

/** Local-activity options for a side-effect-free action. */
export function localActivityOptions(cmd: RunActionCommand): LocalActivityOptions {
  return {
    summary: cmd.summary.slice(0, 190),
    startToCloseTimeout: cmd.timeoutSec ? (cmd.timeoutSec + 5) * 1000 : HOUR_MS,
    retry: ONCE,
  };
}

/**
 * Mistral error data out of a failed activity: the `details[0]` our activities attach, else a clear message.
 * Regular activities reject with an ActivityFailure around the cause; local activities may reject with the cause.
 */
export function activityErrorData(err: unknown, cmd: RunActionCommand): unknown {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return cause.details?.length ? cause.details[0] : cause.message;
  if (cause instanceof TimeoutFailure) {
    return cmd.safeRerun
      ? `Action ${cmd.action} did not complete: ${cause.message}`
      : `Action ${cmd.action} was interrupted (Temporal lost contact with the worker running it: worker crash, network or server outage; its outcome is unknown) and the task is not safe-rerun, so it was not run again`;
  }
  if (cause instanceof Error) return cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** True when the action runs as a local activity (side-effect free, on the workflow's own worker). */
export function runsLocally(cmd: RunActionCommand): boolean {
  return Boolean(actionSignature(cmd.action)?.pure) && !cmd.target;
}

/** Mistral's error data for a failed action; rethrows a cancellation or an unexpected failure. */
function failureData(err: unknown, cmd: RunActionCommand): unknown {
  if (isCancellation(err)) throw err;
  if (!(err instanceof ActivityFailure || err instanceof ApplicationFailure || err instanceof TimeoutFailure)) throw err;
  return activityErrorData(err, cmd);
}

/** Where an action's outcome goes (see `runAction`). */
export interface ActionCallbacks {
  /** The action succeeded with this result. The SDK's promise calls it directly, with no frame of ours between. */
  result(value: unknown): void;
  /** The action failed: Mistral's error data (a task error, not a workflow failure). */
  failed(error: unknown): void;
  /** A cancellation or an unexpected failure. */
  error(err: unknown): void;
}

/**
 * Runs the action and reports to `on`; returns the size of the action's input in bytes. Written as a single `then`:
 * the SDK records a stack trace, source-mapped frame by frame, for every promise a workflow creates, so each promise
 * saved here, and each frame of ours on the stack when the SDK creates its promises, is time saved on every action.
 */
export function runAction(cmd: RunActionCommand, execution: Record<string, unknown>, opts: RunOptions, on: ActionCallbacks): number {
  const req = { input: cmd.input, execution };
  const size = jsonBytes(req);
  // Scheduling an input over Temporal's payload limit would fail the workflow task forever: fail the action instead.
  const inputTooLarge = sizeTooLarge('Action input', size);
  if (inputTooLarge) {
    on.failed(`${inputTooLarge} [action=${cmd.action}]`);
    return 0;
  }
  // The SDK's schedule functions themselves, not a proxy object per call.
  const scheduled = runsLocally(cmd)
    ? scheduleLocalActivity(cmd.action, [req], localActivityOptions(cmd))
    : scheduleActivity(cmd.action, [req], activityOptions(cmd, opts));
  scheduled.then(on.result, (err) => {
    let error: unknown;
    try {
      error = failureData(err, cmd);
    } catch (e) {
      return on.error(e);
    }
    on.failed(error);
  });
  return size;
}

/** `runAction` as a promise of the outcome (rejects on cancellation or an unexpected failure). */
export function runActionActivity(cmd: RunActionCommand, execution: Record<string, unknown>, opts: RunOptions = {}): Promise<ActionOutcome> {
  return new Promise((resolve, reject) => {
    runAction(cmd, execution, opts, { result: (result) => resolve({ ok: true, result }), failed: (error) => resolve({ ok: false, error }), error: reject });
  });
}
