/**
 * Argument readers of the `cron-trigger-*` commands: input/params as mistralclient takes them (inline JSON, or a
 * JSON/YAML file path, or `@file`), and times as `'YYYY-MM-DD HH:MM'` (local, `--utc`, or `--timezone`) or ISO 8601.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseFirstTime, type FirstTimeZone } from '../../schedules';

/** Reads a JSON object argument: inline JSON, `@file`, or an existing .json/.yaml file. Errors name the argument. */
export function readObjectArg(value: string | undefined, what: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const path = value.startsWith('@') ? value.slice(1) : existsSync(value) ? value : undefined;
  let parsed: unknown;
  if (path !== undefined) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(`${what}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    try {
      parsed = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
    } catch (err) {
      throw new Error(`${what}: ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'} (${(err as Error).message})`);
    }
  } else {
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new Error(`${what}: not valid JSON and not a file (${(err as Error).message})`);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${what}: a JSON object is expected`);
  return parsed as Record<string, unknown>;
}

/** The zone a CLI time without offset is read in: `--timezone`, `--utc`, or local time (mistralclient's default). */
export function zoneOf(opts: { utc?: boolean; timezone?: string }): FirstTimeZone {
  if (opts.utc && opts.timezone) throw new Error('--utc and --timezone cannot be used together');
  if (opts.timezone) return { timezone: opts.timezone };
  return opts.utc ? { utc: true } : { local: true };
}

/** A CLI time: ISO 8601 with an offset (`2026-11-21T02:00:00Z`), or Mistral's `YYYY-MM-DD HH:MM` read in `zone`. */
export function parseCliTime(text: string, zone: FirstTimeZone, what: string): Date {
  if (/T.*(Z|[+-]\d\d:?\d\d)$/i.test(text)) {
    const d = new Date(text);
    if (Number.isNaN(d.getTime())) throw new Error(`${what}: '${text}' is not a valid time`);
    return d;
  }
  try {
    return parseFirstTime(text, zone);
  } catch (err) {
    throw new Error(`${what}: ${(err as Error).message}`);
  }
}
