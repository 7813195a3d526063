/**
 * The live task table a person sees in the Temporal Web UI ("current details") and that `tramontane run` prints:
 * one row per task execution, with item progress for with-items tasks.
 */
import type { ExecutionView, TaskView } from './engine/types';

/** Items done / failed / running of a with-items task, or null for a plain task. */
export function itemProgress(task: TaskView): { done: number; failed: number; running: number; total: number } | null {
  if (!task.items) return null;
  let done = 0;
  let failed = 0;
  let running = 0;
  for (const item of task.items) {
    if (item.state === 'SUCCESS') done++;
    else if (item.state === 'ERROR' || item.state === 'CANCELLED') failed++;
    else if (item.state === 'RUNNING' || item.state === 'DELAYED') running++;
  }
  return { done, failed, running, total: task.items.length };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 120);
}

/** Markdown for the Web UI's current details: workflow, state and the task table (at most 200 rows). */
export function renderTaskTable(view: ExecutionView): string {
  const lines = [
    `**${cell(view.workflow_name)}** — ${view.state}${view.state_info ? `: ${cell(view.state_info)}` : ''}`,
    '',
    '| task | state | items | info |',
    '|---|---|---|---|',
  ];
  const tasks = view.tasks.slice(-200);
  for (const t of tasks) {
    const p = itemProgress(t);
    const items = p ? `${p.done}/${p.total} done, ${p.failed} failed, ${p.running} running` : '';
    lines.push(`| ${cell(t.name)} | ${t.state} | ${items} | ${cell(t.state_info ?? '')} |`);
  }
  if (view.tasks.length > tasks.length) lines.push(`| … ${view.tasks.length - tasks.length} earlier | | | |`);
  return lines.join('\n');
}
