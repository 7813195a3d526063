/**
 * Operator rerun of a failed task (`task-rerun`): the request and its preconditions, checked on the execution view
 * with the engine's own messages before the engine sees the event. Pure (used inside the workflow and by clients).
 */
import type { ExecutionView } from '../interpreter/engine/types';

/** Rerun of an ERROR task; `reset: false` (CLI `--resume`) reruns only failed and unstarted with-items items. */
export interface RerunRequest {
  taskExecutionId: string;
  reset: boolean;
  /** Merged into the execution's env first. */
  env?: Record<string, unknown>;
}

/** Why the rerun cannot happen, or undefined when it can. */
export function rerunProblem(view: ExecutionView, req: RerunRequest): string | undefined {
  const t = view.tasks.find((x) => x.id === req.taskExecutionId);
  if (!t) return `Task execution not found [id=${req.taskExecutionId}]`;
  if (t.state !== 'ERROR') return `Only ERROR tasks can be rerun [task=${t.name}, state=${t.state}]`;
  if (view.state === 'PAUSED') return 'The workflow is paused: resume it before rerunning a task';
  if (!req.reset && !t.items) return `Only with-items tasks can be rerun with reset=false [task=${t.name}]`;
  return undefined;
}

/** The execution id of a task id (`<executionId>-t<N>`: everything before the last `-t`). */
export function executionIdOfTask(taskId: string): string | undefined {
  const m = /^(.*)-t\d+$/.exec(taskId);
  return m ? m[1] : undefined;
}
