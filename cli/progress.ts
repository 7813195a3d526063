/**
 * Live progress of an execution while a command waits for it (`tramontane run`, `execution-create --wait`): items
 * done / failed / running of its with-items tasks, read by polling the workflow's `execution` query.
 *
 * On a terminal it is one line rewritten in place (and erased at the end); otherwise (logs, CI, pipes) one plain
 * line per with-items task each time its counts change, so a log shows how a long fan-out went without noise.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { ExecutionView, TaskView } from '../interpreter/engine/types';
import { itemProgress } from '../interpreter/progress';

export interface WatchOptions {
  /** Rewrite one line in place (a terminal) instead of printing plain lines on change. */
  tty: boolean;
  /** Where progress goes (default: stderr, so stdout keeps only the result). */
  write?: (text: string) => void;
  /** Poll period (default 1000 ms). */
  intervalMs?: number;
  /** Terminal width for the in-place line (default: stderr's columns, else 100). */
  columns?: number;
}

const FINAL = new Set(['SUCCESS', 'ERROR', 'CANCELLED', 'SKIPPED']);

/** `each: 3/10 done, 1 failed, 2 running` (plus `(SUCCESS)` once the task is over), or null for a plain task. */
export function taskProgressText(task: TaskView): string | null {
  const p = itemProgress(task);
  if (!p) return null;
  const end = FINAL.has(task.state) ? ` (${task.state})` : '';
  return `${task.name}: ${p.done}/${p.total} done, ${p.failed} failed, ${p.running} running${end}`;
}

/**
 * Plain-mode lines for a new view: one per with-items task whose counts changed since `seen` (task id → last text),
 * which is updated. Tasks are reported in start order.
 */
export function changedProgressLines(view: ExecutionView, seen: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const task of view.tasks) {
    const text = taskProgressText(task);
    if (text === null || seen.get(task.id) === text) continue;
    seen.set(task.id, text);
    lines.push(text);
  }
  return lines;
}

/** The in-place line: the execution state, then the running with-items tasks (or the running task names). */
export function statusLine(view: ExecutionView, columns = 100): string {
  const running = view.tasks.filter((t) => !FINAL.has(t.state));
  const withItems = running.map(taskProgressText).filter((t): t is string => t !== null);
  const rest = running.filter((t) => !t.items).map((t) => t.name);
  const parts = [view.state, ...withItems];
  if (rest.length) parts.push(`running: ${rest.join(', ')}`);
  const line = parts.join(' · ');
  return line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line;
}

/**
 * Watches an execution until it closes, writing progress (see the module comment). Never throws: a query that fails
 * (worker busy or gone) just skips a beat. Resolves once the workflow has closed and the last counts are written.
 */
export async function watchExecution(handle: WorkflowHandle, opts: WatchOptions): Promise<void> {
  const write = opts.write ?? ((t: string) => void process.stderr.write(t));
  const interval = opts.intervalMs ?? 1000;
  const columns = opts.columns ?? process.stderr.columns ?? 100;
  let closed = false;
  const done = handle.result().then(
    () => void (closed = true),
    () => void (closed = true),
  );
  const seen = new Map<string, string>();
  let shown = '';
  const poll = async (): Promise<void> => {
    let view: ExecutionView;
    try {
      view = await handle.query<ExecutionView>('execution');
    } catch {
      return;
    }
    if (!view || !Array.isArray(view.tasks)) return;
    if (opts.tty) {
      const line = statusLine(view, columns);
      if (line !== shown) write(`\r\x1b[K${line}`);
      shown = line;
    } else {
      for (const line of changedProgressLines(view, seen)) write(`${line}\n`);
    }
  };
  while (!closed) {
    await poll();
    if (closed) break;
    await Promise.race([done, new Promise((r) => setTimeout(r, interval))]);
  }
  if (!opts.tty) await poll(); // the final counts
  else if (shown) write('\r\x1b[K');
}
