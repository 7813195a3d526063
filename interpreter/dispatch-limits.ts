/**
 * How one run of the generic workflow dispatches actions, so that no run passes Temporal's limits: a workflow task
 * completion must fit in one 4 MB gRPC message, a run may have at most 2,000 pending activities, and its history
 * should stay under 10,240 events (the run drains and continues-as-new before that).
 *
 * The limits are versioned: they decide which commands a workflow task sends, so changing them would break the
 * replay of executions already running. A run records the `DISPATCH_PATCH` marker when it starts and uses
 * DISPATCH_V2; a history without the marker replays with DISPATCH_V1, the limits it was recorded with.
 */

export interface DispatchLimits {
  /** Fan-outs of one step larger than this go to `MistralItemsBatch` children; smaller ones run in this run. */
  directMax: number;
  /** Local activities started per workflow task. */
  localPerTask: number;
  /**
   * Marker bytes the local actions of one workflow task may add to its completion: each counts its input size (a
   * side-effect-free action's result is about as large: echo) plus MARKER_BYTES, and more once its result is known
   * to be larger. Past the budget, the rest start in a later workflow task.
   */
  localBytesPerTask: number;
  /** Regular activities in flight at once (Temporal refuses more than 2,000 pending). */
  maxActivitiesInFlight: number;
  /**
   * A run starts a regular activity only when EVENTS_PER_ACTIVITY for each activity in flight fits under this many
   * history events; otherwise it drains and continues-as-new, carrying the actions it did not start.
   */
  historyBudget: number;
  /** Whether regular activities use the per-task dispatch byte budget and the history estimate counts markers. */
  accountAll: boolean;
  /**
   * Whether the regular activities of one task started together share one cancellation scope (cancelled once all of
   * them are cancelled) instead of one scope each: a scope costs several promises, each traced by the SDK.
   */
  sharedScopes: boolean;
}

/** The patch id recorded by runs that use DISPATCH_V2. */
export const DISPATCH_PATCH = 'tramontane-dispatch-v2';

/** Limits of executions started before DISPATCH_PATCH (replay only). */
export const DISPATCH_V1: DispatchLimits = {
  directMax: 200,
  localPerTask: 200,
  localBytesPerTask: Infinity,
  maxActivitiesInFlight: Infinity,
  historyBudget: Infinity,
  accountAll: false,
  sharedScopes: false,
};

export const DISPATCH_V2: DispatchLimits = {
  directMax: 1000,
  localPerTask: Infinity,
  localBytesPerTask: 2 * 1024 * 1024,
  maxActivitiesInFlight: 1000,
  historyBudget: 9_000,
  accountAll: true,
  sharedScopes: true,
};

/** Estimated bytes of one marker or command besides its payload. */
export const MARKER_BYTES = 512;

/**
 * History events one regular activity may still add once scheduled: started, completed and, at worst, a workflow
 * task (scheduled, started, completed) of its own.
 */
export const EVENTS_PER_ACTIVITY = 5;

/** Drain and continue-as-new past this many history events (Temporal warns at 10,240). */
export const CONTINUE_AS_NEW_EVENTS = 6_000;
