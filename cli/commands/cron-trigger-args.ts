/**
 * Argument readers of the `cron-trigger-*` commands: input/params as mistralclient takes them (inline JSON, or a
 * JSON/YAML file path, or `@file`), and times as `'YYYY-MM-DD HH:MM'` (local, `--utc`, or `--timezone`) or ISO 8601.
 */
import { parseFirstTime, type FirstTimeZone } from '../../schedules';

/** Reads a JSON object argument (inline JSON, `@file`, or a JSON/YAML file path), as the other commands do. */
export { readObject as readObjectArg } from '../mistral/args';

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
