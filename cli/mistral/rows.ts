/**
 * Executions, tasks and action executions as python-mistralclient's rows, built from the engine's views.
 */
import type { ExecutionView, TaskView } from '../../interpreter/engine/types';
import type { ExecutionSummary } from '../../client/index';
import type { Column } from './format';

/** An ISO time as Mistral shows it: `2024-05-01 12:00:00`. */
export function mistralTime(iso: string | null | undefined): string | null {
  return iso ? iso.slice(0, 19).replace('T', ' ') : null;
}

/** An execution as `execution-get` / `execution-list` show it (Mistral's REST field names). */
export interface ExecutionRow extends ExecutionSummary {
  task_execution_id: string | null;
  state_info: string | null;
}

/** The parent task id of a sub-execution (`<root>/<parent task id>/<item>/<attempt>`), else null. */
export function parentTaskOf(id: string): string | null {
  const m = /^(.*)\/(\1-t\d+)\/\d+\/\d+$/.exec(id);
  return m ? m[2] : null;
}

/** An execution row from its view and what the server knows of it (memo, times). */
export function executionRow(view: ExecutionView, meta: { workflow_id: string | null; workflow_namespace: string; description: string }): ExecutionRow {
  return {
    id: view.id,
    workflow_id: meta.workflow_id,
    workflow_name: view.workflow_name,
    workflow_namespace: meta.workflow_namespace,
    description: meta.description,
    task_execution_id: parentTaskOf(view.id),
    root_execution_id: view.id.includes('/') ? view.id.split('/')[0] : null,
    state: view.state,
    state_info: view.state_info,
    created_at: mistralTime(view.created_at)!,
    updated_at: mistralTime(view.updated_at),
  };
}

/** mistralclient's execution columns. */
export const EXECUTION_COLUMNS: Column<ExecutionRow>[] = [
  ['ID', (r) => r.id],
  ['Workflow ID', (r) => r.workflow_id ?? '<inline>'],
  ['Workflow name', (r) => r.workflow_name],
  ['Workflow namespace', (r) => r.workflow_namespace],
  ['Description', (r) => r.description],
  ['Task Execution ID', (r) => r.task_execution_id ?? '<none>'],
  ['Root Execution ID', (r) => r.root_execution_id ?? '<none>'],
  ['State', (r) => r.state],
  ['State info', (r) => r.state_info],
  ['Created at', (r) => r.created_at],
  ['Updated at', (r) => r.updated_at],
];

/** A task as `task-get` / `task-list` show it. */
export interface TaskRow {
  id: string;
  name: string;
  type: string;
  workflow_name: string;
  workflow_namespace: string;
  workflow_execution_id: string;
  state: string;
  state_info: string | null;
  /** Items done/total for with-items tasks (a Tramontane addition). */
  items: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/** A task row of an execution. */
export function taskRow(task: TaskView, execution: ExecutionView, namespace: string): TaskRow {
  const items = task.items ? `${task.items.filter((i) => i.state === 'SUCCESS').length}/${task.items.length}` : null;
  return {
    id: task.id,
    name: task.name,
    type: task.type,
    workflow_name: execution.workflow_name,
    workflow_namespace: namespace,
    workflow_execution_id: execution.id,
    state: task.state,
    state_info: task.state_info,
    items,
    created_at: mistralTime(task.created_at),
    updated_at: mistralTime(task.updated_at),
  };
}

/** mistralclient's task columns (+ Items for with-items progress). */
export const TASK_COLUMNS: Column<TaskRow>[] = [
  ['ID', (r) => r.id],
  ['Name', (r) => r.name],
  ['Workflow name', (r) => r.workflow_name],
  ['Workflow namespace', (r) => r.workflow_namespace],
  ['Workflow Execution ID', (r) => r.workflow_execution_id],
  ['State', (r) => r.state],
  ['State info', (r) => r.state_info],
  ['Items', (r) => r.items ?? ''],
  ['Created at', (r) => r.created_at],
  ['Updated at', (r) => r.updated_at],
];

/** One action (or subworkflow) run of a task: one per with-items item and attempt. */
export interface ActionExecutionRow {
  id: string;
  name: string;
  workflow_name: string;
  workflow_namespace: string;
  task_name: string;
  task_execution_id: string;
  with_items_index: number | null;
  attempt: number;
  state: string;
  /** Whether this run's result counts (false for runs a retry replaced). */
  accepted: boolean;
  created_at: string | null;
  updated_at: string | null;
}

/**
 * The action executions of a task, from its view: each item (or the task itself) ran `attempts` times; the last
 * attempt has the item's state and is the accepted one, earlier attempts failed and were retried.
 */
export function actionExecutionRows(task: TaskView, execution: ExecutionView, namespace: string, actionName: string): ActionExecutionRow[] {
  const units = task.items ?? [{ index: null as number | null, state: task.state, attempts: task.action_executions }];
  const rows: ActionExecutionRow[] = [];
  for (const u of units) {
    for (let a = 0; a < u.attempts; a++) {
      const last = a === u.attempts - 1;
      rows.push({
        id: `${task.id}/${u.index ?? 0}/${a}`,
        name: actionName,
        workflow_name: execution.workflow_name,
        workflow_namespace: namespace,
        task_name: task.name,
        task_execution_id: task.id,
        with_items_index: u.index,
        attempt: a + 1,
        state: last ? u.state : 'ERROR',
        accepted: last && u.state !== 'RUNNING',
        created_at: mistralTime(task.created_at),
        updated_at: mistralTime(task.updated_at),
      });
    }
  }
  return rows;
}

/** mistralclient's action-execution columns (+ item index and attempt). */
export const ACTION_EXECUTION_COLUMNS: Column<ActionExecutionRow>[] = [
  ['ID', (r) => r.id],
  ['Name', (r) => r.name],
  ['Workflow name', (r) => r.workflow_name],
  ['Workflow namespace', (r) => r.workflow_namespace],
  ['Task name', (r) => r.task_name],
  ['Task ID', (r) => r.task_execution_id],
  ['Item', (r) => (r.with_items_index === null ? '' : String(r.with_items_index))],
  ['Attempt', (r) => String(r.attempt)],
  ['State', (r) => r.state],
  ['Accepted', (r) => r.accepted],
  ['Created at', (r) => r.created_at],
  ['Updated at', (r) => r.updated_at],
];
