/**
 * The engine's contract: a pure, serializable state machine. `(state, event) → (state, commands)`.
 *
 * No Temporal import here or anywhere under `interpreter/engine/`: the workflow (`interpreter/workflow.ts`) turns
 * commands into activities, child workflows and timers and feeds their outcomes back as events.
 */
import type { Definition } from '../spec/model';
import type { ActionSignature } from '../../activities/types';

export type WorkflowState = 'IDLE' | 'RUNNING' | 'PAUSED' | 'SUCCESS' | 'ERROR' | 'CANCELLED';
export type TaskState = 'IDLE' | 'WAITING' | 'RUNNING' | 'DELAYED' | 'PAUSED' | 'SUCCESS' | 'ERROR' | 'CANCELLED' | 'SKIPPED';

/** Everything needed to start one execution. */
export interface StartRequest {
  definition: Definition;
  /** Full workflow name (`wb.name` inside a workbook). */
  workflow: string;
  input: Record<string, unknown>;
  /** Mistral execution params: `env` (dict), `task_name` (reverse target), `evaluate_env`, anything else kept. */
  params: Record<string, unknown>;
  executionId: string;
  rootExecutionId?: string;
  /** For subworkflows: the root execution's env (children always read the root env). */
  rootEnv?: Record<string, unknown>;
}

/** What the engine may ask of its host. Pure and deterministic inside the workflow. */
export interface EngineHost {
  /** Signature of a system action, or undefined if unknown. */
  action(name: string): ActionSignature | undefined;
  /** Current time, ISO 8601 (the workflow's deterministic clock). */
  now(): string;
  /** A UUID4 string from the workflow's seeded randomness. */
  uuid(): string;
}

/** Run a system action (ad-hoc actions are already expanded: `action` is always a system action). */
export interface RunActionCommand {
  kind: 'run_action';
  /** Unique, deterministic id of this action execution (stable across replays). */
  key: string;
  taskExecutionId: string;
  taskName: string;
  /** with-items index, or null. */
  itemIndex: number | null;
  /** Retry iteration (0 for the first run). */
  attempt: number;
  action: string;
  input: Record<string, unknown>;
  /** Evaluated `target:` → Temporal task queue. */
  target?: string;
  /** Evaluated `timeout:` seconds (0/undefined = none). */
  timeoutSec?: number;
  safeRerun: boolean;
  /** One line for the Web UI, e.g. `upgrade[3] std.ssh_proxied host=10.0.0.7`. No secrets. */
  summary: string;
}

export interface StartWorkflowCommand {
  kind: 'start_workflow';
  key: string;
  taskExecutionId: string;
  taskName: string;
  itemIndex: number | null;
  attempt: number;
  /** Full name of the subworkflow. */
  workflow: string;
  input: Record<string, unknown>;
  params: Record<string, unknown>;
  timeoutSec?: number;
  target?: string;
  summary: string;
}

export interface StartTimerCommand {
  kind: 'start_timer';
  key: string;
  taskExecutionId: string;
  seconds: number;
  reason: 'wait-before' | 'wait-after' | 'retry' | 'timeout';
  summary: string;
}

export interface CancelCommand {
  kind: 'cancel_timer' | 'cancel_action' | 'cancel_workflow';
  key: string;
}

export interface WorkflowFinishedCommand {
  kind: 'workflow_finished';
  state: 'SUCCESS' | 'ERROR' | 'CANCELLED';
  output: unknown;
  stateInfo: string | null;
}

export interface WorkflowPausedCommand {
  kind: 'workflow_paused';
  stateInfo: string | null;
}

export type EngineCommand =
  | RunActionCommand
  | StartWorkflowCommand
  | StartTimerCommand
  | CancelCommand
  | WorkflowFinishedCommand
  | WorkflowPausedCommand;

export type EngineEvent =
  /** An action finished. `ok: false` carries Mistral error data (string or structure). */
  | { kind: 'action_result'; key: string; ok: true; result: unknown }
  | { kind: 'action_result'; key: string; ok: false; error: unknown }
  /** A subworkflow finished. */
  | { kind: 'workflow_result'; key: string; state: 'SUCCESS' | 'ERROR' | 'CANCELLED'; output: unknown; stateInfo: string | null }
  | { kind: 'timer_fired'; key: string }
  | { kind: 'pause' }
  | { kind: 'resume'; env?: Record<string, unknown> }
  | { kind: 'cancel'; stateInfo?: string }
  /** Operator rerun of an ERROR task (`reset: false` only for with-items: rerun failed/unstarted items). */
  | { kind: 'rerun_task'; taskExecutionId: string; reset: boolean; env?: Record<string, unknown> };

/** Per-item view of a with-items task. */
export interface ItemView {
  index: number;
  state: TaskState;
  /** Action/subworkflow runs of this item (retries included). */
  attempts: number;
}

/** A task execution as Mistral's REST API shows it (field names as Mistral's). */
export interface TaskView {
  id: string;
  name: string;
  type: 'ACTION' | 'WORKFLOW';
  state: TaskState;
  state_info: string | null;
  published: Record<string, unknown>;
  result: unknown;
  /** Action or subworkflow runs of the task: items × attempts. */
  action_executions: number;
  retry_no: number;
  items?: ItemView[];
  created_at: string;
  updated_at: string;
}

export interface ExecutionView {
  id: string;
  workflow_name: string;
  state: WorkflowState;
  state_info: string | null;
  input: Record<string, unknown>;
  output: unknown;
  params: Record<string, unknown>;
  /** In creation order. */
  tasks: TaskView[];
  /** Tasks left out at the end of `tasks` to keep a query's answer under Temporal's payload limit (rare). */
  tasks_omitted?: number;
  created_at: string;
  updated_at: string;
}

/** The serializable execution state. Opaque to callers: a plain JSON object (continue-as-new carries it). */
export type ExecutionState = { readonly __brand?: 'ExecutionState' } & Record<string, unknown>;

export interface Step {
  state: ExecutionState;
  commands: EngineCommand[];
}
