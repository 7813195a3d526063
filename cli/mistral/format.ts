/**
 * Output of the Mistral-style commands: python-mistralclient's boxed tables (a Field/Value table for one record, one
 * row per record for lists), or the full records with Mistral's REST field names for `-f json|yaml`.
 */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { table } from '../output';

export type Format = 'table' | 'json' | 'yaml';

/** Adds `-f, --format table|json|yaml` to a command. */
export function withFormat(cmd: Command): Command {
  return cmd.option('-f, --format <format>', 'output format: table, json or yaml', 'table');
}

/** Parses `--format`, refusing anything else with a clear message. */
export function formatOf(opts: { format?: string }): Format {
  const f = (opts.format ?? 'table').toLowerCase();
  if (f !== 'table' && f !== 'json' && f !== 'yaml') throw new Error(`--format: expected table, json or yaml (got '${opts.format}')`);
  return f;
}

/** A table cell the way mistralclient shows values: null as `None`, lists joined, objects as JSON, cut at `max`. */
export function cell(value: unknown, max = 0): string {
  let text: string;
  if (value === null || value === undefined) text = 'None';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'boolean') text = value ? 'True' : 'False';
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) text = value.join(', ');
  else text = JSON.stringify(value);
  return max > 0 && text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Renders data as JSON (2-space) or YAML. */
export function renderData(data: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? JSON.stringify(data, null, 2) : stringify(data).trimEnd();
}

/** One column: its header and how to read it from a record. */
export type Column<T> = [header: string, get: (r: T) => unknown];

/** Prints one record: a Field/Value table, or `record` itself as JSON/YAML. */
export function printOne<T>(record: T, columns: Column<T>[], format: Format): void {
  if (format !== 'table') return void console.log(renderData(record, format));
  console.log(table(['Field', 'Value'], columns.map(([h, get]) => [h, cell(get(record))])));
}

/** Prints records: one row each (long values cut), or the records as JSON/YAML. */
export function printList<T>(records: T[], columns: Column<T>[], format: Format): void {
  if (format !== 'table') return void console.log(renderData(records, format));
  console.log(table(columns.map(([h]) => h), records.map((r) => columns.map(([, get]) => cell(get(r), 50)))));
}

/** Prints a JSON value on its own (`*-get-input`, `task-get-result`): pretty JSON, or YAML with `-f yaml`. */
export function printValue(value: unknown, format: Format): void {
  console.log(format === 'yaml' ? renderData(value, 'yaml') : JSON.stringify(value, null, 4));
}
