/**
 * `cron-trigger-*`: Mistral's cron trigger commands (create, list, get, delete) on Temporal Schedules, plus what
 * Mistral lacked: pause, resume, trigger now, backfill, overlap policy, timezone and the next run times.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cronTriggers, parseOverlap, type CronTriggerApi, type CronTriggerRequest } from '../../schedules';
import { readConfig } from '../../workers/config';
import { connectClient } from '../../workers/connect';
import { parseCliTime, readObjectArg, zoneOf } from './cron-trigger-args';
import { parseFormat, renderData, renderTrigger, renderTriggerList } from './cron-trigger-format';

/** Connects, runs `fn` with the cron-trigger API of the configured deployment, prints what it returns. */
async function withTriggers(fn: (api: CronTriggerApi) => Promise<string | undefined>): Promise<void> {
  const cfg = readConfig();
  const { client, close } = await connectClient(cfg);
  try {
    const api = cronTriggers({ client, taskQueue: cfg.taskQueue });
    const out = await fn(api);
    if (out !== undefined) process.stdout.write(`${out}\n`);
  } finally {
    await close();
  }
}

interface CreateOptions {
  params?: string;
  pattern?: string;
  firstTime?: string;
  count?: string;
  utc?: boolean;
  timezone?: string;
  overlap?: string;
  namespace?: string;
  catchupWindow?: string;
  definition?: string;
  format?: string;
}

/** Builds the create request from the command line (times without offset are local unless --utc/--timezone). */
export function createRequest(name: string, workflow: string, input: string | undefined, o: CreateOptions): CronTriggerRequest {
  const zone = zoneOf(o);
  let count: number | undefined;
  if (o.count !== undefined) {
    count = Number(o.count);
    if (!Number.isInteger(count) || count < 1) throw new Error(`--count: a positive integer is expected (got '${o.count}')`);
  }
  let definition: string | undefined;
  if (o.definition) {
    try {
      definition = readFileSync(o.definition, 'utf8');
    } catch (err) {
      throw new Error(`--definition: cannot read ${o.definition} (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
  }
  return {
    name,
    workflow,
    input: readObjectArg(input, 'workflow input'),
    params: readObjectArg(o.params, '--params'),
    pattern: o.pattern,
    firstTime: o.firstTime === undefined ? undefined : parseCliTime(o.firstTime, zone, '--first-time'),
    count,
    timezone: o.timezone,
    overlap: o.overlap === undefined ? undefined : parseOverlap(o.overlap),
    namespace: o.namespace,
    catchupWindow: o.catchupWindow,
    definition,
  };
}

const FORMAT_HELP = 'output format: table, json or yaml';

/** Registers every `cron-trigger-*` command. */
export function registerCronTrigger(program: Command): void {
  program
    .command('cron-trigger-create')
    .description('Create a cron trigger: run WORKFLOW on a cron pattern (a Temporal Schedule)')
    .argument('<name>', 'trigger name (unique, no spaces)')
    .argument('<workflow>', 'stored workflow name')
    .argument('[input]', 'workflow input: JSON, or a JSON/YAML file')
    .option('--params <json>', 'execution params (env, task_name, ...): JSON or file')
    .option('--pattern <cron>', "cron pattern, e.g. '0 2 * * mon' (5 fields + optional seconds; '@every 5m')")
    .option('--first-time <time>', "first execution, 'YYYY-MM-DD HH:MM' (local time unless --utc/--timezone)")
    .option('--count <n>', 'number of executions, then the trigger is exhausted')
    .option('--utc', '--first-time is in UTC')
    .option('--timezone <tz>', 'IANA timezone of the pattern and of --first-time (default: pattern in UTC)')
    .option('--overlap <policy>', 'when a run is due while one still runs: skip (default), buffer_one, buffer_all, cancel_other, terminate_other, allow_all')
    .option('--catchup-window <duration>', 'how late a missed run may still start after an outage, e.g. 1h (default: 1 year)')
    .option('--namespace <ns>', 'Mistral namespace of the workflow', '')
    .option('--definition <file>', 'run this YAML file instead of the stored definition (pinned into the trigger)')
    .option('-f, --format <format>', FORMAT_HELP, 'table')
    .addHelpText('after', `
Examples:
  tramontane cron-trigger-create nightly upgrade_kernel '{"hosts": ["a"]}' --pattern '0 2 * * mon'
  tramontane cron-trigger-create once upgrade_kernel --first-time '2030-01-01 02:00' --utc
  tramontane cron-trigger-create paris report --pattern '0 8 * * mon-fri' --timezone Europe/Paris`)
    .action(async (name: string, workflow: string, input: string | undefined, o: CreateOptions) => {
      const format = parseFormat(o.format);
      const req = createRequest(name, workflow, input, o);
      await withTriggers(async (api) => renderTrigger(await api.createCronTrigger(req), format));
    });

  program
    .command('cron-trigger-list')
    .description('List cron triggers')
    .option('-f, --format <format>', FORMAT_HELP, 'table')
    .action(async (o: { format?: string }) => {
      const format = parseFormat(o.format);
      await withTriggers(async (api) => renderTriggerList(await api.listCronTriggers(), format));
    });

  program
    .command('cron-trigger-get')
    .description('Show a cron trigger and its next execution times')
    .argument('<name>', 'trigger name')
    .option('-f, --format <format>', FORMAT_HELP, 'table')
    .action(async (name: string, o: { format?: string }) => {
      const format = parseFormat(o.format);
      await withTriggers(async (api) => renderTrigger(await api.getCronTrigger(name), format));
    });

  program
    .command('cron-trigger-delete')
    .description('Delete cron triggers (executions already started go on)')
    .argument('<name...>', 'trigger names')
    .action(async (names: string[]) => {
      await withTriggers(async (api) => {
        let failed = false;
        for (const name of names) {
          try {
            await api.deleteCronTrigger(name);
            process.stdout.write(`Request to delete cron trigger ${name} has been accepted.\n`);
          } catch (err) {
            failed = true;
            process.stderr.write(`${(err as Error).message}\n`);
          }
        }
        if (failed) throw new Error('Unable to delete the specified cron trigger(s).');
        return undefined;
      });
    });

  for (const [verb, what] of [
    ['pause', 'Pause a cron trigger: no execution starts until it is resumed'],
    ['resume', 'Resume a paused cron trigger'],
  ] as const) {
    program
      .command(`cron-trigger-${verb}`)
      .description(what)
      .argument('<name>', 'trigger name')
      .option('--note <text>', 'why (shown by cron-trigger-get and in the Web UI)')
      .option('-f, --format <format>', FORMAT_HELP, 'table')
      .action(async (name: string, o: { note?: string; format?: string }) => {
        const format = parseFormat(o.format);
        await withTriggers(async (api) => {
          const t = verb === 'pause' ? await api.pauseCronTrigger(name, o.note) : await api.resumeCronTrigger(name, o.note);
          return renderTrigger(t, format);
        });
      });
  }

  program
    .command('cron-trigger-trigger')
    .description('Start one execution of the trigger now (not counted against --count)')
    .argument('<name>', 'trigger name')
    .option('--overlap <policy>', 'overlap policy for this run (default allow_all)')
    .option('-f, --format <format>', FORMAT_HELP, 'table')
    .action(async (name: string, o: { overlap?: string; format?: string }) => {
      const format = parseFormat(o.format);
      const overlap = o.overlap === undefined ? undefined : parseOverlap(o.overlap);
      await withTriggers(async (api) => {
        const id = await api.triggerNow(name, overlap);
        if (format !== 'table') return renderData({ trigger: name, execution_id: id ?? null }, format);
        return id ? `Started execution ${id}` : `Requested an execution of cron trigger ${name}`;
      });
    });

  program
    .command('cron-trigger-backfill')
    .description('Run the executions the pattern would have started between --start and --end')
    .argument('<name>', 'trigger name')
    .requiredOption('--start <time>', "'YYYY-MM-DD HH:MM' (local unless --utc/--timezone) or ISO 8601")
    .requiredOption('--end <time>', "'YYYY-MM-DD HH:MM' (local unless --utc/--timezone) or ISO 8601")
    .option('--utc', 'times are in UTC')
    .option('--timezone <tz>', 'IANA timezone of the times')
    .option('--overlap <policy>', 'overlap policy for these runs (default allow_all)')
    .action(async (name: string, o: { start: string; end: string; utc?: boolean; timezone?: string; overlap?: string }) => {
      const zone = zoneOf(o);
      const start = parseCliTime(o.start, zone, '--start');
      const end = parseCliTime(o.end, zone, '--end');
      const overlap = o.overlap === undefined ? undefined : parseOverlap(o.overlap);
      await withTriggers(async (api) => {
        await api.backfill(name, start, end, overlap);
        return `Backfill of cron trigger ${name} from ${start.toISOString()} to ${end.toISOString()} requested.`;
      });
    });
}
