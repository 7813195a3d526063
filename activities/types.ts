/**
 * The seam between the engine (which decides what to run) and the activities (which run it).
 *
 * Signatures are pure data so the workflow sandbox can check action input before scheduling (a bad parameter is a
 * structural error in Mistral). Implementations live in `activities/<provider>/` and run only in workers.
 */

/** One parameter of a system action, named exactly as Mistral's Python constructor names it. */
export interface ActionParam {
  name: string;
  /** Required when no default is given. */
  required: boolean;
  default?: unknown;
}

/** The public signature of a system action (`std.echo`, `nova.servers_list`, ...). */
export interface ActionSignature {
  name: string;
  params: ActionParam[];
  /** Accepts any extra keyword (`**kwargs` in Python): unknown keys are not rejected. */
  acceptsKwargs?: boolean;
  /** Python class name shown in `Invalid input [name=..., class=...]` messages. */
  className: string;
  description?: string;
  /** Parameters whose values are secrets: never logged, never put into activity summaries. */
  secretParams?: string[];
  /**
   * No side effects and quick (std.noop, std.echo, std.fail, std.test_dict): runs as a Temporal *local* activity —
   * no server round trip per action — and may run again after a crash, which is harmless for such an action.
   */
  pure?: boolean;
  /**
   * Reads the execution context (workflow and task ids, `env`): the workflow sends it whole. Other actions get only
   * `action_execution_id` (for error messages): smaller activity inputs, a smaller history, faster dispatch.
   */
  usesExecution?: boolean;
}

/** What an action implementation receives besides its input. */
export interface ActionContext {
  /** Mistral-style execution info (workflow_execution_id, task name, with-items index, ...). */
  execution: Record<string, unknown>;
  /** Called periodically by long actions; maps to Temporal heartbeats. */
  heartbeat(details?: unknown): void;
  /** Aborted when the activity is cancelled (workflow cancelled, timeout, worker shutdown). */
  signal: AbortSignal;
}

/** A runnable system action. Return value = Mistral `Result(data=...)`; throw `ActionError` for `Result(error=...)`. */
export interface ActionImpl {
  signature: ActionSignature;
  run(input: Record<string, unknown>, ctx: ActionContext): Promise<unknown>;
}

/**
 * An action failure, as Mistral reports it: `data` becomes the task's result (error data) and, stringified, its
 * state_info. `retryable` is for transient infrastructure errors (5xx, network): Temporal retries those a bounded
 * number of times before the task errors; everything else errors the task at once.
 */
export class ActionError extends Error {
  readonly data: unknown;
  readonly retryable: boolean;
  /**
   * Set when Mistral's action *raised an exception* (rather than returning an error result): the task then sees
   * `The action raised an exception [action=<label>, action_ex_id=..., msg='<data>']`, as Mistral words it. The
   * value is the action's `str()` (e.g. `Fail action`); `true` means Mistral's default `<Class object at 0x...>`.
   */
  readonly raised?: string | true;
  constructor(data: unknown, opts: { retryable?: boolean; message?: string; raised?: string | true } = {}) {
    super(opts.message ?? (typeof data === 'string' ? data : JSON.stringify(data)));
    this.name = 'ActionError';
    this.data = data;
    this.retryable = opts.retryable ?? false;
    this.raised = opts.raised;
  }
}
