/**
 * `execution-create/list/get/get-input/get-output/update`: executions of stored workflows (Temporal workflow ids are
 * the execution ids), with python-mistralclient's columns.
 */
import type { Command } from 'commander';
import type { Tramontane } from '../../client/index';
import { watchExecution } from '../progress';
import { readObject } from '../mistral/args';
import { formatOf, printList, printOne, printValue, withFormat } from '../mistral/format';
import { EXECUTION_COLUMNS, executionRow, type ExecutionRow } from '../mistral/rows';
import { withTramontane } from '../mistral/session';

/** The execution as `execution-get` shows it. */
export async function getExecutionRow(t: Tramontane, id: string): Promise<ExecutionRow> {
  const [view, meta] = await Promise.all([t.getExecution(id), t.executions.meta(id)]);
  return executionRow(view, meta);
}

interface CreateOpts {
  namespace?: string;
  description?: string;
  wait?: boolean;
  format?: string;
}

const STATES = ['PAUSED', 'RUNNING', 'CANCELLED'] as const;

/** Registers the execution commands. */
export function registerExecutionCommands(program: Command): void {
  withFormat(
    program
      .command('execution-create')
      .description('Start an execution of a stored workflow')
      .argument('<workflow>', 'workflow name or id')
      .argument('[input]', 'workflow input: JSON, or a JSON/YAML file')
      .argument('[params]', 'execution params (env: dict or environment name, task_name for reverse workflows): JSON or file')
      .option('--namespace <namespace>', 'Mistral namespace of the workflow', '')
      .option('-d, --description <text>', 'execution description', '')
      .option('--wait', 'wait for the end, showing progress; exit status 0 on SUCCESS, 2 on ERROR/CANCELLED')
      .addHelpText('after', `\nExample:\n  tramontane execution-create upgrade_kernel '{"hosts": ["a"]}' '{"env": "prod"}' --wait`),
  ).action((workflow: string, inputArg: string | undefined, paramsArg: string | undefined, o: CreateOpts) =>
    withTramontane(async (t) => {
      const format = formatOf(o);
      const input = readObject(inputArg, 'input') ?? {};
      const params = readObject(paramsArg, 'params') ?? {};
      const started = await t.startExecution(workflow, input, { namespace: o.namespace ?? '', description: o.description ?? '', params });
      if (!o.wait) return printOne(await getExecutionRow(t, started.id), EXECUTION_COLUMNS, format);
      process.stderr.write(`Started execution ${started.id}\n`);
      await watchExecution(t.client.workflow.getHandle(started.id), { tty: Boolean(process.stderr.isTTY) });
      const done = await t.waitExecution(started.id);
      printOne(await getExecutionRow(t, started.id), EXECUTION_COLUMNS, format);
      return done.state === 'SUCCESS' ? 0 : 2;
    }),
  );

  withFormat(
    program
      .command('execution-list')
      .description('List executions, newest first (the listing is eventually consistent: a new execution may take a moment to appear)')
      .option('--workflow <name>', 'only executions of this workflow')
      .option('--state <state>', 'only executions in this state (RUNNING, PAUSED, SUCCESS, ERROR, CANCELLED)')
      .option('--limit <n>', 'at most this many', '100')
      .option('--rootsonly', 'only root executions (no sub-executions)'),
  ).action((o: { workflow?: string; state?: string; limit: string; rootsonly?: boolean; format?: string }) =>
    withTramontane(async (t) => {
      const format = formatOf(o);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit: a positive integer is expected (got '${o.limit}')`);
      const rows = await t.listExecutions({ workflow: o.workflow, state: o.state, limit, rootsOnly: o.rootsonly });
      printList(rows.map((r) => ({ ...r, task_execution_id: null, state_info: null })), EXECUTION_COLUMNS.filter(([h]) => h !== 'State info'), format);
    }),
  );

  withFormat(program.command('execution-get').description('Show an execution').argument('<id>', 'execution id')).action(
    (id: string, o: { format?: string }) => withTramontane(async (t) => printOne(await getExecutionRow(t, id), EXECUTION_COLUMNS, formatOf(o))),
  );

  for (const [what, pick] of [
    ['input', (v: { input: unknown }) => v.input],
    ['output', (v: { output: unknown }) => v.output],
  ] as const) {
    withFormat(program.command(`execution-get-${what}`).description(`Print an execution's ${what} (JSON)`).argument('<id>', 'execution id')).action(
      (id: string, o: { format?: string }) =>
        withTramontane(async (t) => {
          const format = formatOf(o);
          printValue(pick(await t.getExecution(id)), format);
        }),
    );
  }

  withFormat(
    program
      .command('execution-update')
      .description('Pause, resume or cancel an execution')
      .argument('<id>', 'execution id')
      .requiredOption('-s, --state <state>', `new state: ${STATES.join(', ')}`)
      .option('-e, --env <json>', 'env to merge when resuming: JSON or a JSON/YAML file')
      .option('--state-info <text>', 'reason, when cancelling'),
  ).action((id: string, o: { state: string; env?: string; stateInfo?: string; format?: string }) =>
    withTramontane(async (t) => {
      const format = formatOf(o);
      const state = o.state.toUpperCase();
      if (!(STATES as readonly string[]).includes(state)) throw new Error(`--state: expected one of ${STATES.join(', ')} (got '${o.state}')`);
      const env = readObject(o.env, '--env');
      if (state === 'PAUSED') await t.pause(id);
      else if (state === 'RUNNING') await t.resume(id, env);
      else await t.cancel(id, o.stateInfo);
      printOne(await getExecutionRow(t, id), EXECUTION_COLUMNS, format);
    }),
  );
}
