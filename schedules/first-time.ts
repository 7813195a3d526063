/**
 * Mistral's `--first-time 'YYYY-MM-DD HH:MM'`: parsed like Python's `strptime(..., '%Y-%m-%d %H:%M')`, read as UTC
 * (`--utc`), as wall time in an IANA timezone (`--timezone`), or as the machine's local time (mistralclient's default),
 * and turned into an instant. Also the wall-clock parts of an instant in a timezone (for the one-shot calendar).
 */
import { CronTriggerError } from './errors';

/** How to read a first time without an offset. */
export type FirstTimeZone = { utc: true } | { timezone: string } | { local: true };

/** Wall-clock fields of an instant. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Throws a clear error unless `tz` is an IANA timezone this runtime knows. */
export function checkTimezone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new CronTriggerError(`Unknown timezone '${tz}' (use an IANA name such as 'Europe/Paris' or 'UTC')`);
  }
}

/** Wall-clock fields of `at` in timezone `tz` (IANA). */
export function wallTimeIn(at: Date, tz: string): WallTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The instant at which the wall clock of `tz` shows `w` (the earlier one in a DST overlap). */
function instantIn(w: WallTime, tz: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const seen = wallTimeIn(new Date(guess), tz);
    const seenUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess += asUtc - seenUtc;
  }
  return new Date(guess);
}

/**
 * Parses a Mistral first time (`'2026-11-21 02:00'`; single-digit fields accepted like strptime). Errors use Python's
 * wording: `time data '...' does not match format '%Y-%m-%d %H:%M'`.
 */
export function parseFirstTime(text: string, zone: FirstTimeZone): Date {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})$/.exec(text);
  const bad = () => new CronTriggerError(`time data '${text}' does not match format '%Y-%m-%d %H:%M'`);
  if (!m) throw bad();
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) throw bad();
  if ('utc' in zone) return probe;
  if ('local' in zone) return new Date(year, month - 1, day, hour, minute);
  checkTimezone(zone.timezone);
  return instantIn({ year, month, day, hour, minute, second: 0 }, zone.timezone);
}
