/**
 * `task-list/get/get-result/get-published/rerun`: task executions of an execution. Task ids are `<execution id>-t<N>`.
 */
import type { Command } from 'commander';
import type { Tramontane } from '../../client/index';
import { readObject } from '../mistral/args';
import { formatOf, printList, printOne, printValue, withFormat } from '../mistral/format';
import { TASK_COLUMNS, taskRow } from '../mistral/rows';
import { withTramontane } from '../mistral/session';

async function namespaceOf(t: Tramontane, id: string): Promise<string> {
  return (await t.executions.meta(id)).workflow_namespace;
}

/** Registers the task commands. */
export function registerTaskCommands(program: Command): void {
  withFormat(program.command('task-list').description('List the tasks of an execution, in creation order').argument('<execution>', 'execution id')).action(
    (id: string, o: { format?: string }) =>
      withTramontane(async (t) => {
        const format = formatOf(o);
        const [view, ns] = await Promise.all([t.getExecution(id), namespaceOf(t, id)]);
        printList(view.tasks.map((task) => taskRow(task, view, ns)), TASK_COLUMNS, format);
      }),
  );

  withFormat(program.command('task-get').description('Show a task').argument('<task>', 'task id')).action((taskId: string, o: { format?: string }) =>
    withTramontane(async (t) => {
      const format = formatOf(o);
      const { task, execution } = await t.executions.task(taskId);
      printOne(taskRow(task, execution, await namespaceOf(t, execution.id)), TASK_COLUMNS, format);
    }),
  );

  for (const [what, pick] of [
    ['result', (x: { result: unknown }) => x.result],
    ['published', (x: { published: unknown }) => x.published],
  ] as const) {
    withFormat(program.command(`task-get-${what}`).description(`Print a task's ${what} (JSON)`).argument('<task>', 'task id')).action(
      (taskId: string, o: { format?: string }) =>
        withTramontane(async (t) => {
          const format = formatOf(o);
          printValue(pick((await t.executions.task(taskId)).task), format);
        }),
    );
  }

  withFormat(
    program
      .command('task-rerun')
      .description('Rerun a failed task (the execution runs again from it)')
      .argument('<task>', 'task id')
      .option('--resume', 'with-items: rerun only the failed and unstarted items (reset=false)')
      .option('-e, --env <json>', 'env to merge first: JSON or a JSON/YAML file'),
  ).action((taskId: string, o: { resume?: boolean; env?: string; format?: string }) =>
    withTramontane(async (t) => {
      const format = formatOf(o);
      const env = readObject(o.env, '--env');
      const view = await t.rerunTask(taskId, { reset: !o.resume, env });
      const task = view.tasks.find((x) => x.id === taskId)!;
      printOne(taskRow(task, view, await namespaceOf(t, view.id)), TASK_COLUMNS, format);
    }),
  );
}
