/**
 * The one Temporal workflow: interprets a Mistral v2 definition by driving the pure engine.
 *
 * Thin glue only. The engine (`./engine`) decides everything; this file turns its commands into activities (one
 * activity type per system action, so the Web UI shows `std.ssh_proxied`), child workflows (subworkflows and batches
 * of with-items items), timers and cancellations, and feeds their outcomes back as events. It is the only place
 * that touches `@temporalio/workflow`.
 *
 * Scale: a step that fans out more than BATCH_THRESHOLD actions runs them in `MistralItemsBatch` child workflows
 * (at most BATCH_SIZE each), so no run holds 2,000 pending activities; and when the history grows long the run drains
 * what is in flight and continues-as-new carrying the engine's compact state, so no run passes ~10,000 events.
 */
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  isCancellation,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
  ChildWorkflowFailure,
  defineUpdate,
  setCurrentDetails,
  upsertMemo,
  allHandlersFinished,
  patched,
  sleep,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { loadDefinition } from './spec';
import type { Definition } from './spec/model';
import { describeExecution, executionDefinition, executionStatus, handleEvent, startExecution } from './engine';
import type {
  EngineCommand,
  EngineEvent,
  EngineHost,
  ExecutionState,
  ExecutionView,
  RunActionCommand,
  StartTimerCommand,
  StartWorkflowCommand,
  WorkflowFinishedCommand,
} from './engine/types';
import { actionSignature } from '../activities/catalog';
import { renderTaskTable } from './progress';
import { Fifo } from './fifo';
import { runAction, runActionActivity, runsLocally, type ActionCallbacks, type ActionOutcome, type RunOptions } from './run-action';
import { DISPATCH_BYTES_PER_TASK, MistralItemsBatch, packBatches, type ItemsBatch } from './items-batch';
import { CONTINUE_AS_NEW_EVENTS, DISPATCH_PATCH, DISPATCH_V1, DISPATCH_V2, EVENTS_PER_ACTIVITY, MARKER_BYTES } from './dispatch-limits';
import { jsonBytes, payloadTooLarge } from './payload-limit';
import { viewWithinLimit } from './view-limit';
import { loadStoredDefinition, loadStoredEnvironment } from '../store/load-stored';
import { rerunProblem, type RerunRequest } from '../store/rerun';

/** The workflow type name, as given to `temporal workflow start --type`. */
export const WORKFLOW_TYPE = 'MistralWorkflow';

/** Regular activities of one task that share a cancellation scope (see `startGroups`). */
interface ScopeGroup {
  scope: CancellationScope;
  live: Set<string>;
  taskId: string;
}

const DONE = Promise.resolve();

/** Input of the generic workflow. */
export interface MistralWorkflowInput {
  /**
   * Mistral YAML text, or an already parsed definition. When absent, `workflow` names a stored workflow of
   * `namespace`: it is loaded from the definition store (recorded in history, so later edits never change this run).
   * Ignored with `carried`: a continued run takes its definition from the carried engine state.
   */
  definition?: string | Definition;
  /** Workflow to run (full name for workbooks; short names are qualified). Default: the first one. */
  workflow?: string;
  /** Mistral namespace of a stored workflow (default `''`). */
  namespace?: string;
  input?: Record<string, unknown>;
  /** Execution params (`env`, `task_name`, ...). */
  params?: Record<string, unknown>;
  /** Shortcut for `params.env`. Either may be a dict or the name of a stored environment. */
  env?: Record<string, unknown> | string;
  /** Set by a parent for subworkflows. */
  rootExecutionId?: string;
  rootEnv?: Record<string, unknown>;
  /** Set by continue-as-new: the engine state and what was waiting to be dispatched. */
  carried?: CarriedState;
  /** Deployment tuning, passed down to subworkflows and batches. */
  options?: RunOptions;
  /** With `carried` from a finished run: rerun this failed task (`task-rerun` of a closed execution). */
  rerun?: RerunRequest;
}

interface CarriedState {
  state: ExecutionState;
  deferred: EngineCommand[];
  /** Timers that were running, with the absolute time they fire at. */
  timers: { cmd: StartTimerCommand; fireAtMs: number }[];
  workflowName: string;
  params: Record<string, unknown>;
}

/** What the workflow returns on SUCCESS (ERROR/CANCELLED fail it with an ApplicationFailure carrying the view). */
export interface MistralWorkflowResult {
  state: 'SUCCESS';
  output: unknown;
}

export const executionQuery = defineQuery<ExecutionView>('execution');
export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal<[{ env?: Record<string, unknown> }?]>('resume');
export const cancelSignal = defineSignal<[{ stateInfo?: string }?]>('cancel');
/** Rerun a failed task of a running execution (refused with the engine's message when it cannot be rerun). */
export const rerunUpdate = defineUpdate<void, [RerunRequest]>('rerun');
/** The input that continues this execution in a new run (how `task-rerun` reruns a task of a finished execution). */
export const rerunSnapshotQuery = defineQuery<MistralWorkflowInput>('rerunSnapshot');

export const WORKFLOW_NAME_KEY = defineSearchAttributeKey('MistralWorkflowName', SearchAttributeType.KEYWORD);
export const STATE_KEY = defineSearchAttributeKey('MistralState', SearchAttributeType.KEYWORD);

function pickWorkflow(def: Definition, requested?: string): string {
  const names = Object.keys(def.workflows);
  if (names.length === 0) throw ApplicationFailure.nonRetryable('The definition has no workflows', 'DefinitionError');
  if (!requested) return names[0];
  if (def.workflows[requested]) return requested;
  if (def.name && def.workflows[`${def.name}.${requested}`]) return `${def.name}.${requested}`;
  throw ApplicationFailure.nonRetryable(
    `Workflow '${requested}' not found in the definition (it has: ${names.join(', ')})`,
    'DefinitionError',
  );
}

function parse(definition: string | Definition): Definition {
  if (typeof definition !== 'string') return definition;
  try {
    return loadDefinition(definition);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'DefinitionError');
  }
}

export { MistralItemsBatch } from './items-batch';

export async function MistralWorkflow(args: MistralWorkflowInput): Promise<MistralWorkflowResult> {
  const info = workflowInfo();
  // A continued run (continue-as-new, rerun of a finished execution) takes the definition from its carried state.
  const loaded = !args.carried && args.definition === undefined ? await loadStoredDefinition(args.workflow, args.namespace) : undefined;
  if (loaded) upsertMemo({ mistral_definition: loaded.version });
  const definition = args.carried ? executionDefinition(args.carried.state) : loaded ? loaded.definition : parse(args.definition!);
  const workflowName = args.carried?.workflowName ?? loaded?.workflow ?? pickWorkflow(definition, args.workflow);
  const params: Record<string, unknown> = args.carried?.params ?? { ...(args.params ?? {}) };
  if (args.env && params.env === undefined) params.env = args.env;
  if (!args.carried && typeof params.env === 'string') params.env = await loadStoredEnvironment(params.env);
  const rootExecutionId = args.rootExecutionId ?? info.workflowId;
  const runOptions: RunOptions = args.options ?? {};
  const envForActions = (params.env as Record<string, unknown> | undefined) ?? args.rootEnv ?? {};

  const limits = patched(DISPATCH_PATCH) ? DISPATCH_V2 : DISPATCH_V1;

  // Workflow time only moves between activations: the ISO text is made once per distinct time, not per engine call.
  let nowMs = NaN;
  let nowIso = '';
  const host: EngineHost = {
    action: actionSignature,
    now: () => {
      const ms = Date.now();
      if (ms !== nowMs) nowIso = new Date((nowMs = ms)).toISOString();
      return nowIso;
    },
    uuid: () => uuid4(),
  };

  /**
   * Events are applied as they arrive, inside the callback that reports them (`post` → `applyEvents`): an action's
   * outcome goes to the engine and the next action is scheduled without any promise of ours in between. The SDK
   * records a stack trace for every promise a workflow creates, so on a chain of local actions the promises saved
   * here are most of the glue's cost. The main loop below only wakes for what needs `await`: the end, a fatal error,
   * a cancel request, or a drained run ready to continue-as-new.
   */
  const events: EngineEvent[] = [];
  let started = false;
  let cancelRequested = false;
  let applying = false;
  let wake: (() => void) | undefined;
  const post = (...evs: EngineEvent[]): void => {
    events.push(...evs);
    applyEvents();
  };
  /** In-flight (or queued: no scope) activities/children/timers by command key. */
  const pending = new Map<string, { scope?: CancellationScope; timer?: { cmd: StartTimerCommand; fireAtMs: number }; group?: ScopeGroup }>();
  let deferred: EngineCommand[] = [];
  let draining = false;
  let finished: WorkflowFinishedCommand | undefined;
  let state: ExecutionState;

  setHandler(executionQuery, () => viewWithinLimit(describeExecution(state)));
  setHandler(pauseSignal, () => post({ kind: 'pause' }));
  setHandler(resumeSignal, (a) => post({ kind: 'resume', env: a?.env }));
  setHandler(cancelSignal, (a) => post({ kind: 'cancel', stateInfo: a?.stateInfo }));
  setHandler(rerunUpdate, (r) => post({ kind: 'rerun_task', taskExecutionId: r.taskExecutionId, reset: r.reset, env: r.env }), {
    validator: (r) => {
      const problem = rerunProblem(describeExecution(state), r);
      if (problem) throw ApplicationFailure.nonRetryable(problem, 'RerunError');
    },
  });
  setHandler(rerunSnapshotQuery, () => ({
    definition, // for readers of the snapshot; a run started from it takes the definition from `carried`
    workflow: workflowName,
    namespace: args.namespace,
    rootExecutionId: args.rootExecutionId,
    rootEnv: args.rootEnv,
    options: runOptions,
    carried: { state, deferred: [], timers: [], workflowName, params },
  }));

  /** An unexpected glue failure: ends the workflow with a clear error instead of failing workflow tasks forever. */
  let fatal: Error | undefined;
  const failWith = (err: unknown): void => {
    fatal ??= err instanceof Error ? err : new Error(String(err));
    wakeIfNeeded();
  };

  const track = (
    key: string,
    work: () => Promise<EngineEvent[] | EngineEvent | null>,
    timer?: { cmd: StartTimerCommand; fireAtMs: number },
    settled?: () => void,
  ): void => {
    const scope = new CancellationScope();
    pending.set(key, { scope, timer });
    // `pending` is updated before the loop is woken, so the loop never sees a finished piece of work as pending.
    scope.run(work).then(
      (evs) => {
        pending.delete(key);
        settled?.();
        if (evs) post(...(Array.isArray(evs) ? evs : [evs]));
        else wakeIfNeeded();
      },
      (err) => {
        pending.delete(key);
        settled?.();
        if (isCancellation(err)) wakeIfNeeded(); // cancelled on purpose
        else failWith(err);
      },
    );
  };

  const succeeded = (key: string, result: unknown): EngineEvent => ({ kind: 'action_result', key, ok: true, result });
  const failed = (key: string, error: unknown): EngineEvent => ({ kind: 'action_result', key, ok: false, error });
  const outcomeEvent = (key: string, o: ActionOutcome): EngineEvent => (o.ok ? succeeded(key, o.result) : failed(key, o.error));

  /** Queues one step's actions (`pumpQueues` starts them): a large fan-out goes to batch children, the rest run here. */
  const queueActions = (cmds: RunActionCommand[]): void => {
    if (cmds.length <= limits.directMax) {
      for (const cmd of cmds) {
        pending.set(cmd.key, {});
        (runsLocally(cmd) ? localQueue : remoteQueue).push(cmd);
      }
    } else {
      batchQueue.push(...packBatches(cmds, executionOf));
    }
  };

  /**
   * What the current workflow task's completion carries so far; reset when a new workflow task starts (the history
   * length is constant within one and larger in the next).
   */
  const task = { at: -1, dispatchBytesLeft: 0, localBytes: 0, markers: 0 };
  const currentTask = (): typeof task => {
    const at = workflowInfo().historyLength;
    if (at !== task.at) Object.assign(task, { at, dispatchBytesLeft: DISPATCH_BYTES_PER_TASK, localBytes: 0, markers: 0 });
    return task;
  };
  /** History length counting the markers of the current workflow task, not yet in the history. */
  const historyEstimate = (): number => {
    const t = currentTask();
    return t.at + (limits.accountAll ? t.markers : 0);
  };

  /**
   * Side-effect-free local activity: no cancellation scope (a cancel just drops its outcome), fewest promises.
   * Local activities complete inside the current workflow task, whose completion carries one marker per action:
   * see `DispatchLimits.localBytesPerTask`. `pumpQueues` starts them; the outcome goes straight to the engine
   * (`applyEvents`). The SDK records a source-mapped stack trace for each promise it creates while we schedule, so
   * the path from an outcome to the next action's start is kept to few frames: callback, applyEvents, pumpQueues,
   * runAction.
   */
  const localQueue = new Fifo<RunActionCommand>();
  const localCallbacks = (cmd: RunActionCommand, t: typeof task, sized: { estimate: number }): ActionCallbacks => ({
    result: (result) => {
      if (!pending.delete(cmd.key)) return;
      if (result != null && t === currentTask()) t.localBytes += Math.max(0, MARKER_BYTES + jsonBytes(result) - sized.estimate);
      events.push(succeeded(cmd.key, result));
      applyEvents();
    },
    failed: (error) => {
      if (!pending.delete(cmd.key)) return;
      events.push(failed(cmd.key, error));
      applyEvents();
    },
    error: (err) => (pending.delete(cmd.key) ? failWith(err) : wakeIfNeeded()),
  });

  /**
   * A regular activity, in a cancellation scope (a cancel or a timeout policy stops it on the worker): shared with the
   * task's other activities started together (`sharedScopes`, see `startGroups`), else its own.
   */
  const remoteQueue = new Fifo<RunActionCommand>();
  let activitiesInFlight = 0;
  const startRemote = (cmd: RunActionCommand): void => {
    if (!pending.has(cmd.key)) return; // cancelled while queued
    activitiesInFlight++;
    if (limits.sharedScopes) {
      (startInGroup ??= []).push(cmd);
      currentTask().dispatchBytesLeft -= jsonBytes(cmd.input) + MARKER_BYTES;
      return;
    }
    track(
      cmd.key,
      () => runActionActivity(cmd, executionOf(cmd), runOptions).then((o) => outcomeEvent(cmd.key, o)),
      undefined,
      () => activitiesInFlight--,
    );
  };

  /**
   * Regular activities of one task started together run in one cancellation scope (`sharedScopes`); the scope is
   * cancelled when the last of its live actions is (the engine cancels a task's running actions together: timeout,
   * cancel, end of the execution). An action cancelled alone just has its outcome dropped.
   */
  let startInGroup: RunActionCommand[] | undefined;
  const groups = new Map<string, ScopeGroup>();
  const startGroups = (): void => {
    if (!startInGroup) return;
    const cmds = startInGroup;
    startInGroup = undefined;
    const byTask = new Map<string, RunActionCommand[]>();
    for (const cmd of cmds) {
      const list = byTask.get(cmd.taskExecutionId);
      if (list) list.push(cmd);
      else byTask.set(cmd.taskExecutionId, [cmd]);
    }
    for (const [taskId, list] of byTask) {
      let group = groups.get(taskId);
      if (!group || group.scope.consideredCancelled) {
        group = { scope: new CancellationScope(), live: new Set(), taskId };
        groups.set(taskId, group);
      }
      const g = group;
      const settle = (key: string): boolean => {
        activitiesInFlight--;
        g.live.delete(key);
        if (g.live.size === 0 && groups.get(g.taskId) === g) groups.delete(g.taskId);
        return pending.delete(key);
      };
      void g.scope.run(() => {
        for (const cmd of list) {
          g.live.add(cmd.key);
          pending.set(cmd.key, { scope: g.scope, group: g });
          runAction(cmd, executionOf(cmd), runOptions, {
            result: (result) => (settle(cmd.key) ? post(succeeded(cmd.key, result)) : wakeIfNeeded()),
            failed: (error) => (settle(cmd.key) ? post(failed(cmd.key, error)) : wakeIfNeeded()),
            error: (err) => (settle(cmd.key) && !isCancellation(err) ? failWith(err) : wakeIfNeeded()),
          });
        }
        return DONE;
      });
    }
  };

  /** Cancels an in-flight action: its own scope, or its group's once no live action is left in the group. */
  const cancelPending = (key: string): void => {
    const p = pending.get(key);
    pending.delete(key);
    if (!p?.group) return p?.scope?.cancel();
    p.group.live.delete(key);
    if (p.group.live.size === 0) {
      p.group.scope.cancel();
      if (groups.get(p.group.taskId) === p.group) groups.delete(p.group.taskId);
    }
  };

  /** Queued local and regular actions go to the next run (draining for continue-as-new). */
  const carryQueued = (): void => {
    for (const cmd of [...localQueue.drain(), ...remoteQueue.drain()]) {
      if (pending.delete(cmd.key)) deferred.push(cmd);
    }
  };

  /**
   * Starts queued actions and batches within the `limits` (per workflow task: bytes of local actions, and
   * DISPATCH_BYTES_PER_TASK of activity and batch input, see items-batch; activities in flight; the run's history
   * budget), the rest in later workflow tasks or, past the history budget, in the next run.
   */
  const batchQueue: ItemsBatch[] = [];
  let pumpTimer = false;
  const pumpQueues = (): void => {
    const t = currentTask();
    if (draining && limits.accountAll) carryQueued();
    while (remoteQueue.length && activitiesInFlight < limits.maxActivitiesInFlight && t.dispatchBytesLeft > 0) {
      if (historyEstimate() + EVENTS_PER_ACTIVITY * (activitiesInFlight + 1) > limits.historyBudget) {
        draining = true;
        carryQueued();
        break;
      }
      startRemote(remoteQueue.shift()!);
    }
    startGroups();
    while (localQueue.length && t.localBytes < limits.localBytesPerTask && t.markers < limits.localPerTask) {
      const cmd = localQueue.shift()!;
      if (!pending.has(cmd.key)) continue; // cancelled while queued
      const sized = { estimate: MARKER_BYTES };
      sized.estimate += runAction(cmd, executionOf(cmd), runOptions, localCallbacks(cmd, t, sized));
      t.localBytes += sized.estimate;
      t.markers++;
    }
    while (batchQueue.length && (t.dispatchBytesLeft >= batchQueue[0].bytes || t.dispatchBytesLeft === DISPATCH_BYTES_PER_TASK)) {
      const batch = batchQueue.shift()!;
      t.dispatchBytesLeft -= batch.bytes;
      startBatch(batch);
    }
    // Over a per-task budget: continue in a later workflow task. (Activities over the in-flight limit start as
    // others complete.)
    const overBudget = localQueue.length > 0 || batchQueue.length > 0 || (remoteQueue.length > 0 && t.dispatchBytesLeft <= 0);
    if (overBudget && !pumpTimer) {
      pumpTimer = true;
      sleep(1).then(
        () => {
          pumpTimer = false;
          pumpQueues();
        },
        () => undefined, // cancelled with the workflow
      );
    }
  };

  const startBatch = (batch: ItemsBatch): void => {
    const first = batch.items[0];
    const last = batch.items[batch.items.length - 1];
    const key = `batch:${first.key}`;
    track(key, async () => {
      const child = await startChild(MistralItemsBatch, {
        workflowId: `${info.workflowId}/${key}`,
        args: [batch, runOptions],
        staticSummary: `${batch.base.taskName} items ${first.itemIndex}–${last.itemIndex} (${batch.base.action})`,
      });
      const outcomes = await child.result();
      return outcomes.map((o, j) => outcomeEvent(batch.items[j].key, o));
    });
  };

  /**
   * The action's execution context: the whole of it for actions that read it (`usesExecution`), else only the action
   * execution id (in Mistral's error messages) — every byte of an activity input is paid for in history and dispatch,
   * 1,000 times in a with-items.
   */
  const executionOf = (cmd: RunActionCommand): Record<string, unknown> => {
    if (!actionSignature(cmd.action)?.usesExecution) return { action_execution_id: cmd.key };
    return {
      workflow_execution_id: info.workflowId,
      root_execution_id: rootExecutionId,
      workflow_name: workflowName,
      task_execution_id: cmd.taskExecutionId,
      task_name: cmd.taskName,
      action_execution_id: cmd.key,
      with_items_index: cmd.itemIndex,
      env: envForActions,
    };
  };

  const startWorkflow = (cmd: StartWorkflowCommand): void => {
    track(cmd.key, async () => {
      try {
        const childArgs: MistralWorkflowInput = {
          definition,
          workflow: cmd.workflow,
          input: cmd.input,
          params: cmd.params,
          rootExecutionId,
          rootEnv: envForActions,
          options: runOptions,
        };
        // An oversized start would fail the workflow task forever: the subworkflow task fails instead.
        const tooLarge = payloadTooLarge('Subworkflow input', childArgs);
        if (tooLarge) return { kind: 'workflow_result', key: cmd.key, state: 'ERROR', output: null, stateInfo: tooLarge };
        const child = await startChild(MistralWorkflow, {
          workflowId: `${info.workflowId}/${cmd.key}`,
          taskQueue: cmd.target,
          staticSummary: cmd.summary.slice(0, 190),
          args: [childArgs],
        });
        const res = await child.result();
        return { kind: 'workflow_result', key: cmd.key, state: 'SUCCESS', output: res.output, stateInfo: null };
      } catch (err) {
        if (!(err instanceof ChildWorkflowFailure)) throw err;
        const cause = err.cause;
        const view = cause instanceof ApplicationFailure ? (cause.details?.[0] as ExecutionView | undefined) : undefined;
        return {
          kind: 'workflow_result',
          key: cmd.key,
          state: isCancellation(cause) || view?.state === 'CANCELLED' ? 'CANCELLED' : 'ERROR',
          output: view?.output ?? null,
          stateInfo: view?.state_info ?? cause?.message ?? err.message,
        };
      }
    });
  };

  const startTimer = (cmd: StartTimerCommand, fireAtMs = Date.now() + cmd.seconds * 1000): void => {
    track(
      cmd.key,
      async () => {
        await sleep(Math.max(0, fireAtMs - Date.now()));
        return { kind: 'timer_fired', key: cmd.key };
      },
      { cmd, fireAtMs },
    );
  };

  /**
   * Carries out the engine's commands; actions are only queued (true when any was): the caller starts them with
   * `pumpQueues`, one stack frame less under the SDK's promises (see `localCallbacks`).
   */
  const dispatch = (commands: EngineCommand[]): boolean => {
    const actions: RunActionCommand[] = [];
    for (const cmd of commands) {
      if (draining && (cmd.kind === 'run_action' || cmd.kind === 'start_workflow' || cmd.kind === 'start_timer')) {
        deferred.push(cmd);
        continue;
      }
      switch (cmd.kind) {
        case 'run_action':
          actions.push(cmd);
          break;
        case 'start_workflow':
          startWorkflow(cmd);
          break;
        case 'start_timer':
          startTimer(cmd);
          break;
        case 'cancel_timer':
        case 'cancel_action':
        case 'cancel_workflow': {
          const before = deferred.length;
          deferred = deferred.filter((d) => !('key' in d) || d.key !== cmd.key);
          if (deferred.length === before) cancelPending(cmd.key);
          break;
        }
        case 'workflow_finished':
          finished = cmd;
          break;
        case 'workflow_paused':
          break;
      }
    }
    if (actions.length) queueActions(actions);
    return actions.length > 0;
  };

  let lastState = '';
  let detailsAt = -Infinity;
  /** Search attributes on every state change; the Web UI's task table at most once a second of workflow time. */
  const publishState = (force = false): void => {
    const status = executionStatus(state);
    const changed = status !== lastState;
    if (changed) {
      lastState = status;
      upsertSearchAttributes([
        { key: WORKFLOW_NAME_KEY, value: workflowName },
        { key: STATE_KEY, value: status },
      ]);
    }
    if (force || changed || Date.now() - detailsAt >= 1000) {
      detailsAt = Date.now();
      setCurrentDetails(renderTaskTable(describeExecution(state)));
    }
  };

  // Start, or resume a continued run.
  if (args.carried) {
    state = args.carried.state;
    for (const t of args.carried.timers) startTimer(t.cmd, t.fireAtMs);
    if (dispatch(args.carried.deferred)) pumpQueues();
    if (args.rerun) {
      const problem = rerunProblem(describeExecution(state), args.rerun);
      if (problem) throw ApplicationFailure.nonRetryable(problem, 'InputError');
      post({ kind: 'rerun_task', ...args.rerun });
    }
  } else {
    let step;
    try {
      step = startExecution(
        {
          definition,
          workflow: workflowName,
          input: args.input ?? {},
          params,
          executionId: info.workflowId,
          rootExecutionId: args.rootExecutionId,
          rootEnv: args.rootEnv,
        },
        host,
      );
    } catch (err) {
      throw ApplicationFailure.nonRetryable((err as Error).message, 'InputError');
    }
    state = step.state;
    if (dispatch(step.commands)) pumpQueues();
  }
  started = true;
  applyEvents(); // signals delivered before the start, and a carried run's rerun

  // `temporal workflow cancel` or a client cancel: Mistral's cancel, then the loop finishes the execution.
  CancellationScope.current().cancelRequested.catch(() => {
    cancelRequested = true;
    post({ kind: 'cancel', stateInfo: 'Cancelled by request' });
  });

  while (!finished) {
    if (!mustWake()) await new Promise<void>((resolve) => (wake = resolve));
    if (fatal) {
      throw ApplicationFailure.nonRetryable(`Tramontane internal error: ${fatal.message}`, 'InternalError');
    }
    if (cancelRequested) break;
    if (!finished && draining && onlyTimersPending()) {
      await condition(allHandlersFinished);
      if (!finished && !fatal && !cancelRequested && onlyTimersPending()) {
        const timers = [...pending.values()].flatMap((p) => (p.timer ? [p.timer] : []));
        for (const p of pending.values()) p.scope?.cancel();
        const next: MistralWorkflowInput = {
          workflow: workflowName,
          rootExecutionId: args.rootExecutionId,
          rootEnv: args.rootEnv,
          carried: { state, deferred, timers, workflowName, params },
          options: runOptions,
        };
        const tooLarge = payloadTooLarge('The execution state carried to the next run', next);
        if (tooLarge) {
          throw ApplicationFailure.nonRetryable(
            `${tooLarge}: keep less in the workflow context (publish less, keep-result: false, pass data by reference)`,
            'StateTooLarge',
          );
        }
        await continueAsNew<typeof MistralWorkflow>(next);
      }
    }
  }
  publishState(true);

  const view = describeExecution(state);
  // An output over Temporal's payload limit would fail the completion retryably, forever: end in ERROR instead.
  const outputTooLarge = payloadTooLarge('Workflow output', finished?.output ?? null);
  if (finished?.state === 'SUCCESS' && !outputTooLarge) return { state: 'SUCCESS', output: finished.output };
  const details: Record<string, unknown> = { ...view, tasks: [], ...(outputTooLarge ? { output: null } : {}) };
  if (outputTooLarge && finished?.state === 'SUCCESS') Object.assign(details, { state: 'ERROR', state_info: outputTooLarge });
  // The failure carries the view: without its data when that is over the payload limit too.
  if (payloadTooLarge('Execution view', details)) Object.assign(details, { output: null, input: {} });
  throw ApplicationFailure.create({
    message: (finished?.state === 'SUCCESS' ? outputTooLarge : null) ?? finished?.stateInfo ?? view.state_info ?? view.state,
    type: finished?.state === 'CANCELLED' ? 'MistralCancelled' : 'MistralError',
    nonRetryable: true,
    details: [details],
  });

  /** Applies queued events to the engine and dispatches its commands; re-entrant calls just queue. */
  function applyEvents(): void {
    if (!started || applying) return;
    applying = true;
    try {
      while (events.length && !finished && !fatal) {
        const next = handleEvent(state, events.shift()!, host);
        state = next.state;
        if (dispatch(next.commands)) pumpQueues();
      }
      if (!finished && !draining && historyEstimate() > CONTINUE_AS_NEW_EVENTS) draining = true;
      if (localQueue.length || remoteQueue.length) pumpQueues(); // room freed by finished activities, or draining
      publishState();
    } catch (err) {
      failWith(err);
    } finally {
      applying = false;
    }
    wakeIfNeeded();
  }

  /** True when the main loop has something to do. */
  function mustWake(): boolean {
    return finished !== undefined || fatal !== undefined || cancelRequested || (draining && onlyTimersPending());
  }

  function wakeIfNeeded(): void {
    if (wake && mustWake()) {
      const w = wake;
      wake = undefined;
      w();
    }
  }

  function onlyTimersPending(): boolean {
    if (batchQueue.length || localQueue.length || remoteQueue.length) return false;
    for (const p of pending.values()) if (!p.timer) return false;
    return true;
  }
}
