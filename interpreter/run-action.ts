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
  proxyActivities,
  proxyLocalActivities,
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

type ActionStubs = Record<string, (req: { input: Record<string, unknown>; execution: Record<string, unknown> }) => Promise<unknown>>;

/** Activity options for one action execution. */
export function activityOptions(cmd: RunActionCommand, opts: RunOptions = {}): ActivityOptions {
  const heartbeat = opts.heartbeatTimeoutSec ?? HEARTBEAT_TIMEOUT_S;
  return {
    summary: cmd.summary.slice(0, 190),
    taskQueue: cmd.target,
    heartbeatTimeout: `${heartbeat}s`,
    startToCloseTimeout: cmd.timeoutSec ? `${cmd.timeoutSec + heartbeat}s` : '24h',
    retry: cmd.safeRerun
      ? { maximumAttempts: 10, initialInterval: '1s', nonRetryableErrorTypes: ['ActionError'] }
      : { maximumAttempts: 1 },
  };
}

/** Local-activity options for a side-effect-free action. */
export function localActivityOptions(cmd: RunActionCommand): LocalActivityOptions {
  return {
    summary: cmd.summary.slice(0, 190),
    startToCloseTimeout: cmd.timeoutSec ? `${cmd.timeoutSec + 5}s` : '1h',
    retry: { maximumAttempts: 1 },
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

function toOutcome(err: unknown, cmd: RunActionCommand): ActionOutcome {
  if (isCancellation(err)) throw err;
  if (!(err instanceof ActivityFailure || err instanceof ApplicationFailure || err instanceof TimeoutFailure)) throw err;
  return { ok: false, error: activityErrorData(err, cmd) };
}

/**
 * Runs the action and calls `onOutcome` with Mistral's outcome, or `onError` for a cancellation or an unexpected
 * failure; returns the size of the action's input in bytes. Written as a single `then`: the SDK records a stack
 * trace for every promise a workflow creates, so each one saved here is time saved on every action.
 */
export function runAction(
  cmd: RunActionCommand & { execution?: Record<string, unknown> },
  opts: RunOptions,
  onOutcome: (o: ActionOutcome) => void,
  onError: (err: unknown) => void,
): number {
  const req = { input: cmd.input, execution: cmd.execution ?? {} };
  const size = jsonBytes(req);
  // Scheduling an input over Temporal's payload limit would fail the workflow task forever: fail the action instead.
  const inputTooLarge = sizeTooLarge('Action input', size);
  if (inputTooLarge) {
    onOutcome({ ok: false, error: `${inputTooLarge} [action=${cmd.action}]` });
    return 0;
  }
  const stub = runsLocally(cmd)
    ? proxyLocalActivities<ActionStubs>(localActivityOptions(cmd))[cmd.action]
    : proxyActivities<ActionStubs>(activityOptions(cmd, opts))[cmd.action];
  stub(req).then(
    (result) => onOutcome({ ok: true, result }),
    (err) => {
      let outcome: ActionOutcome;
      try {
        outcome = toOutcome(err, cmd);
      } catch (e) {
        return onError(e);
      }
      onOutcome(outcome);
    },
  );
  return size;
}

/** `runAction` as a promise of the outcome (rejects on cancellation or an unexpected failure). */
export function runActionActivity(
  cmd: RunActionCommand & { execution?: Record<string, unknown> },
  opts: RunOptions = {},
): Promise<ActionOutcome> {
  return new Promise((resolve, reject) => void runAction(cmd, opts, resolve, reject));
}
