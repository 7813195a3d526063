/**
 * How `cron-trigger-*` commands print triggers: python-mistralclient's columns as boxed tables, or the full record
 * with `--format json|yaml`.
 */
import { stringify } from 'yaml';
import type { CronTrigger } from '../../schedules';
import { table } from '../output';

/** Output formats every cron-trigger command accepts. */
export type OutputFormat = 'table' | 'json' | 'yaml';

/** Parses `--format`; throws a clear error for anything else. */
export function parseFormat(text: string | undefined): OutputFormat {
  const f = (text ?? 'table').toLowerCase();
  if (f !== 'table' && f !== 'json' && f !== 'yaml') throw new Error(`--format: expected table, json or yaml (got '${text}')`);
  return f;
}

const json = (v: unknown): string => (v && typeof v === 'object' && Object.keys(v).length === 0 ? '{}' : JSON.stringify(v));

/** Renders data as JSON or YAML (for `--format json|yaml`). */
export function renderData(data: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? JSON.stringify(data, null, 2) : stringify(data).trimEnd();
}

/** `cron-trigger-list`: mistralclient's columns plus the pause state. */
export function renderTriggerList(triggers: CronTrigger[], format: OutputFormat): string {
  if (format !== 'table') return renderData(triggers, format);
  const rows = triggers.map((t) => [
    t.name,
    t.workflow_name,
    json(t.workflow_params),
    t.pattern ?? '',
    t.next_execution_time ?? '',
    t.remaining_executions === null ? '' : String(t.remaining_executions),
    t.paused ? 'yes' : 'no',
    t.created_at,
    t.updated_at ?? '',
  ]);
  return table(['Name', 'Workflow', 'Params', 'Pattern', 'Next execution time', 'Remaining executions', 'Paused', 'Created at', 'Updated at'], rows);
}

/** `cron-trigger-get` / `-create`: one trigger as a Field/Value table, with its next run times. */
export function renderTrigger(t: CronTrigger, format: OutputFormat): string {
  if (format !== 'table') return renderData(t, format);
  const remaining = t.remaining_executions === null ? '' : `${t.remaining_executions}${t.exhausted ? ' (exhausted)' : ''}`;
  const rows: string[][] = [
    ['Name', t.name],
    ['Workflow', t.workflow_name],
    ['Namespace', t.workflow_namespace],
    ['Input', json(t.workflow_input)],
    ['Params', json(t.workflow_params)],
    ['Pattern', t.pattern ?? ''],
    ['Timezone', t.timezone],
    ['First execution time', t.first_execution_time ?? ''],
    ['Next execution time', t.next_execution_time ?? ''],
    ['Next execution times', t.next_execution_times.slice(0, 5).join(', ')],
    ['Remaining executions', remaining],
    ['Overlap policy', t.overlap],
    ['Paused', t.paused ? `yes${t.note ? ` (${t.note})` : ''}` : 'no'],
    ['Executions started', String(t.executions_taken)],
    ['Last execution', t.recent_executions.at(-1)?.workflow_id ?? ''],
    ['Schedule ID', t.schedule_id],
    ['Created at', t.created_at],
    ['Updated at', t.updated_at ?? ''],
  ];
  return table(['Field', 'Value'], rows);
}
