import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { loadDefinition, type Definition } from '../../interpreter/spec';
import type { ExecutionView } from '../../interpreter/engine/types';
import { readConfig } from '../../workers/config';
import { connectClient } from '../../workers/connect';
import { readObject } from '../mistral/args';
import { printExecution } from '../output';
import { redactValue } from '../../workers/redact';
import { watchExecution } from '../progress';

interface RunOptions {
  workflow?: string;
  input?: string;
  env?: string;
  params?: string;
  json?: boolean;
  id?: string;
}

/**
 * What `--json` prints: Mistral REST field names, tasks in start order. A with-items task also lists its `items`
 * (`{index, state, attempts}` in item order), so a failed item — e.g. the one host of many that could not be
 * reached — is visible next to the per-item `result` list.
 */
export function runJson(view: ExecutionView): unknown {
  return {
    id: view.id,
    workflow_name: view.workflow_name,
    state: view.state,
    state_info: view.state_info,
    output: redactValue(view.output),
    tasks: view.tasks.map((t) => ({
      name: t.name,
      state: t.state,
      state_info: t.state_info,
      published: redactValue(t.published),
      result: redactValue(t.result),
      action_executions: t.action_executions,
      ...(t.items ? { items: t.items } : {}),
    })),
  };
}

async function run(file: string, opts: RunOptions): Promise<number> {
  const fail = (message: string): number => {
    if (opts.json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    else process.stderr.write(`${message}\n`);
    return 1;
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let definition: Definition;
  let input: Record<string, unknown>;
  let env: Record<string, unknown> | undefined;
  let params: Record<string, unknown>;
  try {
    // Refuse a bad definition here, with file:line:col, before anything starts; the workflow gets the parsed model.
    definition = loadDefinition(text, file);
    input = readObject(opts.input, '--input') ?? {};
    env = readObject(opts.env, '--env');
    params = readObject(opts.params, '--params') ?? {};
  } catch (err) {
    return fail((err as Error).message);
  }
  const cfg = readConfig();
  let connected;
  try {
    connected = await connectClient(cfg);
  } catch (err) {
    return fail((err as Error).message);
  }
  const { client } = connected;
  try {
    const workflowId = opts.id ?? `${(opts.workflow ?? Object.keys(definition.workflows)[0] ?? 'execution').replace(/[^\w.-]+/g, '_')}-${Date.now().toString(36)}`;
    const handle = await client.workflow.start('MistralWorkflow', {
      taskQueue: cfg.taskQueue,
      workflowId,
      args: [{ definition, workflow: opts.workflow, input, params: { ...params, ...(env ? { env } : {}) } }],
    });
    if (!opts.json) process.stderr.write(`Started execution ${workflowId}\n`);
    // Live with-items progress on stderr (stdout keeps only the result).
    const watching = watchExecution(handle, { tty: Boolean(process.stderr.isTTY) });
    try {
      await handle.result();
    } catch (err) {
      if (!(err instanceof WorkflowFailedError)) throw err;
      const cause = err.cause;
      if (cause instanceof ApplicationFailure && (cause.type === 'InputError' || cause.type === 'DefinitionError')) {
        return fail(cause.message);
      }
    } finally {
      await watching;
    }
    const view = await handle.query<ExecutionView>('execution');
    if (opts.json) process.stdout.write(`${JSON.stringify(runJson(view))}\n`);
    else printExecution(view);
    return view.state === 'SUCCESS' ? 0 : 2;
  } finally {
    await connected.close();
  }
}

/** `tramontane run FILE` — start a definition on the configured Temporal, wait, print the execution and its tasks. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run a workflow file on Temporal (TEMPORAL_ADDRESS, default localhost:7233), wait, and print the result')
    .argument('<file>', 'Mistral v2 workflow file or workbook')
    .option('-w, --workflow <name>', 'workflow to run (default: the first in the file)')
    .option('-i, --input <json>', 'workflow input: JSON or @file.json')
    .option('-e, --env <json>', 'environment (env()): JSON or @file.json')
    .option('-p, --params <json>', 'execution params, e.g. {"task_name": "t"} for reverse workflows')
    .option('--id <id>', 'execution (workflow) id')
    .option('--json', 'print one JSON object: state, state_info, output, tasks')
    .addHelpText('after', '\nExit status: 0 SUCCESS, 2 ERROR/CANCELLED, 1 refused (bad file, input or connection).')
    .action(async (file: string, opts: RunOptions) => {
      process.exitCode = await run(file, opts);
    });
}
