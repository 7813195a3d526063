/** `describeExecution`: the execution and its tasks as Mistral's REST API shows them (for queries and the CLI). */
import { taskResult } from './context';
import type { EState, TaskEx } from './state';
import type { ExecutionView, ItemView, TaskState, TaskView } from './types';

const ITEM_STATE: Record<string, TaskState> = { I: 'IDLE', R: 'RUNNING', S: 'SUCCESS', E: 'ERROR', C: 'CANCELLED' };

function taskView(t: TaskEx): TaskView {
  const view: TaskView = {
    id: t.id,
    name: t.name,
    type: t.type,
    state: t.state,
    state_info: t.info,
    // Mistral shows null after an advanced publish with only `global:`; the view keeps a dict (`task().published` is null).
    published: t.pub ?? {},
    result: taskResult(t),
    action_executions: t.execs,
    retry_no: t.retryNo ?? 0,
    created_at: t.created,
    updated_at: t.updated,
  };
  if (t.items) {
    const items: ItemView[] = [];
    for (let k = 0; k < t.items.n; k++) items.push({ index: k, state: ITEM_STATE[t.items.st[k]], attempts: t.items.att[k] });
    view.items = items;
  }
  return view;
}

/** The serializable view of an execution; tasks in creation order. */
export function viewOf(s: EState): ExecutionView {
  return {
    id: s.id,
    workflow_name: s.workflow,
    state: s.state,
    state_info: s.info,
    input: s.input,
    output: s.done ? s.output : {},
    params: s.params,
    tasks: s.tasks.map(taskView),
    created_at: s.created,
    updated_at: s.updated,
  };
}
