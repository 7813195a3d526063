/**
 * The engine's internal, JSON-serializable execution state (what `ExecutionState` really is), and the per-call
 * runtime that carries the host and collects commands. Everything here is plain data: continue-as-new and queries
 * carry it as is.
 */
import type { StepPool } from '../expressions/types';
import type { Definition, TaskSpec, WorkflowSpec } from '../spec/model';
import type { EngineCommand, EngineHost, TaskState, WorkflowState } from './types';
import { effectiveSpec } from './spec-view';

/** Per-item bookkeeping of a with-items task (arrays indexed by item, so each event is O(1)). */
export interface ItemsState {
  /** Number of items. */
  n: number;
  /** Evaluated collections by loop variable (zipped by index). */
  lists: Record<string, unknown[]>;
  /** Per-item state letter: I idle (not started), R running, S success, E error, C cancelled. */
  st: string[];
  /** Per-item result (success data or error data). */
  res: unknown[];
  /** Per-item action/subworkflow runs (retries included). */
  att: number[];
  /** Items finished (success, error or cancelled) in the current run. */
  done: number;
  /** Items still to start, as a queue: `todo[next..]` (indices). */
  todo: number[];
  next: number;
  running: number;
  /** Max items running at once; 0 = no limit. */
  capacity: number;
}

/** Where an outstanding command key points. */
export interface KeyRef {
  /** Task execution index in `EState.tasks`. */
  t: number;
  kind: 'action' | 'workflow' | 'timer';
  item: number | null;
  /** Task run number this key belongs to (stale keys from earlier runs are ignored). */
  run: number;
  /** Index of this run among the task's action/workflow executions (the `idx` of failure messages). */
  x?: number;
  reason?: 'wait-before' | 'wait-after' | 'retry' | 'timeout';
  /** The task deadline of `timeout:` (outlives retry iterations, so `run` does not make it stale). */
  deadline?: boolean;
}

/** One failed action/subworkflow run, kept for the workflow's "Failure caused by ..." message. */
export interface FailedRun {
  id: string;
  kind: 'action' | 'workflow';
  idx: number;
  msg: string;
}

/** A task execution. */
export interface TaskEx {
  id: string;
  name: string;
  type: 'ACTION' | 'WORKFLOW';
  state: TaskState;
  info: string | null;
  /** Inbound context (branch variables). */
  inCtx: Record<string, unknown>;
  /** Branch-published variables; null when an advanced publish without `branch` dropped them. */
  pub: Record<string, unknown> | null;
  /** Result of the accepted run (non with-items); undefined = no accepted run. */
  result?: unknown;
  /** Result wiped by `keep-result: false` after publish. */
  wiped?: boolean;
  items?: ItemsState;
  /** Run counter: increments on each retry iteration and rerun; part of keys. */
  run: number;
  /** Value of the retry policy counter, null when the task has no retry policy. */
  retryNo: number | null;
  /** Action/subworkflow executions started (items × attempts). */
  execs: number;
  failed: FailedRun[];
  /** Key of the running timer (wait-before, wait-after, retry delay), if any. */
  timer?: string;
  /** Evaluated `timeout:` (seconds). */
  timeoutSec?: number;
  /** Key of the task deadline timer (`timeout:`), while it runs. */
  deadlineKey?: string;
  /** Key of the action time limit of the current retry iteration, if any. */
  timeoutKey?: string;
  /** Transitions computed (false while completed-but-unprocessed, e.g. while the workflow is paused). */
  processed: boolean;
  /** Names of the tasks the completion transitioned to (engine commands excluded); null until processed. */
  next: string[] | null;
  handled: boolean;
  /** `triggered_by`: [{task, event}] */
  by: Array<{ task: string; event: string }> | null;
  /** pause-before already honoured for this run. */
  pausedOnce?: boolean;
  /** wait-after already applied to this task execution (Mistral applies it once: retry iterations do not wait). */
  waitedAfter?: boolean;
  /** State to complete with once the wait-after timer fires. */
  afterState?: { state: TaskState; info: string | null };
  /** Ad-hoc output transforms (innermost first) applied to successful action results. */
  transforms?: Array<{ action: string; output: unknown }>;
  /** Resolved action/workflow name (for messages). */
  runName?: string;
  /** Class of the system action last started (for the result of a timed-out action). */
  actionClass?: string;
  created: string;
  updated: string;
}

/** A transition saved by a `pause` command, run on resume. */
export interface BacklogEntry {
  t: number;
  target: string;
  command?: 'fail' | 'succeed' | 'pause' | 'noop';
  msg?: unknown;
  event: string;
}

/** The whole execution state. */
export interface EState {
  v: 1;
  id: string;
  rootId: string;
  workflow: string;
  def: Definition;
  state: WorkflowState;
  info: string | null;
  input: Record<string, unknown>;
  params: Record<string, unknown>;
  /** The evaluated root env (`env()`). */
  env: Record<string, unknown>;
  /** Workflow context: vars and global publishes. */
  ctx: Record<string, unknown>;
  output: unknown;
  created: string;
  updated: string;
  tasks: TaskEx[];
  /** Latest task execution index by name. */
  latest: Record<string, number>;
  /** The unique execution index of each join task. */
  joins: Record<string, number>;
  /** Outstanding command keys. */
  keys: Record<string, KeyRef>;
  /** Events that arrived while paused and must be replayed on resume (timer keys). */
  deferred: string[];
  backlog: BacklogEntry[];
  /** True once the workflow is finished (no more commands). */
  done: boolean;
  /** Every task before this index is finished and processed (the completion check resumes here: O(1) per event). */
  scan?: number;
  seq: number;
}

/** One engine call: the state, the host and the commands collected so far. */
export interface Runtime {
  s: EState;
  host: EngineHost;
  cmds: EngineCommand[];
  wf: WorkflowSpec;
  /** Expression steps all evaluations of this engine step share (see STEP_POOL in evaluation.ts). */
  pool: StepPool;
  /** The host's time, read once per engine step (workflow time does not move within one). */
  now?: string;
}

/** The current time of this engine step (ISO text). */
export function stepNow(rt: Runtime): string {
  return (rt.now ??= rt.host.now());
}

/** The spec of a task, task-defaults applied (the spec layer's `effectiveTask`, memoized). */
export function taskSpec(rt: Runtime, name: string): TaskSpec {
  return effectiveSpec(rt.wf, name);
}

/** Marks a change: bumps `updated_at` of the execution (and of the task when given). */
export function touch(rt: Runtime, t?: TaskEx): void {
  const now = stepNow(rt);
  rt.s.updated = now;
  if (t) t.updated = now;
}

/** A task may be open again (completed anew, rerun): the completion check must look at it again. */
export function reopen(rt: Runtime, i: number): void {
  if ((rt.s.scan ?? 0) > i) rt.s.scan = i;
}

/** Terminal task states. */
export function isTaskDone(state: TaskState): boolean {
  return state === 'SUCCESS' || state === 'ERROR' || state === 'CANCELLED' || state === 'SKIPPED';
}

/** Deep copy of plain JSON data. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** True for a plain JSON object (not null, not an array). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Mistral's `merge_dicts(left, right)`: deep merge of right into a copy of left; right wins on leaves. */
export function mergeDicts(left: Record<string, unknown>, right: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...left };
  for (const [k, v] of Object.entries(right)) {
    const cur = out[k];
    out[k] = isPlainObject(cur) && isPlainObject(v) ? mergeDicts(cur, v) : v;
  }
  return out;
}
