/**
 * `action-execution-list TASK`: the action (or subworkflow) runs of a task, one row per with-items item and attempt,
 * derived from the task's item states and attempt counts.
 */
import type { Command } from 'commander';
import { formatOf, printList, withFormat } from '../mistral/format';
import { ACTION_EXECUTION_COLUMNS, actionExecutionRows } from '../mistral/rows';
import { withTramontane } from '../mistral/session';

/** Registers `action-execution-list`. */
export function registerActionExecutionCommands(program: Command): void {
  withFormat(
    program.command('action-execution-list').description('List the action executions of a task (one per item and attempt)').argument('<task>', 'task id'),
  ).action((taskId: string, o: { format?: string }) =>
    withTramontane(async (t) => {
      const format = formatOf(o);
      const { task, execution } = await t.executions.task(taskId);
      const meta = await t.executions.meta(execution.id);
      let name = '';
      try {
        const snap = await t.executions.snapshot(execution.id);
        const def = typeof snap.definition === 'object' ? snap.definition : undefined;
        const spec = def?.workflows[execution.workflow_name]?.tasks[task.name];
        name = spec?.action ?? spec?.workflow ?? (spec ? 'std.noop' : '');
      } catch {
        // The name is cosmetic: keep the rows without it.
      }
      printList(actionExecutionRows(task, execution, meta.workflow_namespace, name), ACTION_EXECUTION_COLUMNS, format);
    }),
  );
}
