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

function cell(text: string, max = 120): string {
  const flat = text.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Markdown for the Web UI's current details: workflow and state in bold, then the task table (the latest 200 task
 * executions) as aligned columns in a code block, which the UI shows in a fixed-width font (its markdown tables
 * have no cell padding).
 */
export function renderTaskTable(view: ExecutionView): string {
  const tasks = view.tasks.slice(-200);
  const rows: string[][] = [['TASK', 'STATE', 'ITEMS', 'INFO']];
  if (view.tasks.length > tasks.length) rows.push([`… ${view.tasks.length - tasks.length} earlier`, '', '', '']);
  for (const t of tasks) {
    const p = itemProgress(t);
    const items = p ? `${p.done}/${p.total} done, ${p.failed} failed, ${p.running} running` : '';
    rows.push([cell(t.name, 60), t.state, items, cell(t.state_info ?? '', 80)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
  const head = `**${cell(view.workflow_name)}** — ${view.state}${view.state_info ? `: ${cell(view.state_info)}` : ''}`;
  return [head, '', '```', ...lines, '```'].join('\n');
}
