/**
 * Human output of executions and tasks, in the spirit of python-mistralclient's tables.
 */
import type { ExecutionView } from '../interpreter/engine/types';
import { itemProgress } from '../interpreter/progress';
import { redactValue } from '../workers/redact';

/** Renders rows as a boxed table like mistralclient's (cliff) output. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const sep = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [sep, line(headers), sep, ...rows.map(line), sep].join('\n');
}

function short(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Prints an execution and its task table to stdout. */
export function printExecution(view: ExecutionView): void {
  const rows: string[][] = [
    ['ID', view.id],
    ['Workflow name', view.workflow_name],
    ['State', view.state],
    ['State info', view.state_info ?? ''],
    ['Output', short(redactValue(view.output), 200)],
  ];
  console.log(table(['Field', 'Value'], rows));
  const taskRows = view.tasks.map((t) => {
    const p = itemProgress(t);
    return [
      t.name,
      t.state,
      p ? `${p.done}/${p.total} ok, ${p.failed} failed` : String(t.action_executions),
      short(t.state_info ?? '', 50),
      short(redactValue(t.published), 50),
    ];
  });
  console.log(table(['Task', 'State', 'Actions', 'State info', 'Published'], taskRows));
}
