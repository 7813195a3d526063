/**
 * Mistral cron patterns (croniter syntax, as Mistral 15 validates them) turned into Temporal Schedule calendars.
 *
 * Accepted like croniter 1.3.5: 5 fields `minute hour day-of-month month day-of-week`, or 6 with a trailing
 * **seconds** field; `*`, `a`, `a-b`, `*\/n`, `a-b/n`, `a/n`, lists; month and weekday names (`jan`, `mon`), weekday 7 =
 * Sunday; `@yearly @annually @monthly @weekly @daily @midnight @hourly`. As in cron (and croniter), when both
 * day-of-month and day-of-week are restricted a day matches either one: that becomes two calendars, because Temporal
 * combines the two fields with AND. croniter's `L` (last day) and `n#k` (k-th weekday) have no Temporal equivalent and
 * are refused with a clear message. Tramontane extension: `@every 30s|5m|2h|1d` (a Temporal interval).
 *
 * We build calendars rather than passing the string through, so the seconds field keeps croniter's position (Temporal's
 * own 6-field form puts seconds first) and Mistral's day OR rule holds.
 */
import type { CalendarSpec, IntervalSpec } from '@temporalio/client';
import { CronTriggerError } from './errors';

/** What a pattern compiles to: Temporal calendars (a union) or one interval. */
export interface CompiledPattern {
  calendars: CalendarSpec[];
  intervals: IntervalSpec[];
}

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const nameMap = (list: readonly string[], base: number): Record<string, number> =>
  Object.fromEntries(list.map((n, i) => [n.slice(0, 3).toLowerCase(), i + base]));

const FIELDS: FieldDef[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: nameMap(MONTHS, 1) },
  { name: 'day of week', min: 0, max: 7, names: nameMap(DAYS, 0) },
  { name: 'second', min: 0, max: 59 },
];

const ALIASES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function invalid(pattern: string, why?: string): CronTriggerError {
  return new CronTriggerError(`The specified pattern is not valid: ${pattern}${why ? ` (${why})` : ''}`);
}

function value(token: string, f: FieldDef, pattern: string): number {
  const named = f.names?.[token];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(token)) throw invalid(pattern, `'${token}' is not a ${f.name}`);
  const n = Number(token);
  if (n < f.min || n > f.max) throw invalid(pattern, `${f.name} ${n} is out of range ${f.min}-${f.max}`);
  return n;
}

/** The set of values one field matches, or null for "every value" (`*` or a full range, as croniter normalizes). */
function expandField(text: string, f: FieldDef, pattern: string): number[] | null {
  const out = new Set<number>();
  for (const original of text.split(',')) {
    const part = original.toLowerCase();
    if (part === 'l' || part.includes('#') || /\dl$|w$/.test(part)) {
      throw invalid(pattern, `'${original}' (last day / n-th weekday) cannot be expressed on Temporal Schedules`);
    }
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) throw invalid(pattern, `'${original}' is not a ${f.name}`);
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) throw invalid(pattern, `step 0 in '${part}'`);
    let lo: number;
    let hi: number;
    if (m[1] === '*') [lo, hi] = [f.min, f.max];
    else if (m[1].includes('-')) {
      const [a, b, ...rest] = m[1].split('-');
      if (rest.length || a === '' || b === '') throw invalid(pattern, `'${original}' is not a ${f.name}`);
      [lo, hi] = [value(a, f, pattern), value(b, f, pattern)];
      if (hi < lo) throw invalid(pattern, `range '${m[1]}' goes backwards`);
    } else {
      lo = value(m[1], f, pattern);
      hi = m[2] === undefined ? lo : f.max;
    }
    for (let v = lo; v <= hi; v += step) out.add(f.name === 'day of week' && v === 7 ? 0 : v);
  }
  const full = f.name === 'day of week' ? 7 : f.max - f.min + 1;
  return out.size >= full ? null : [...out].sort((a, b) => a - b);
}

/** Consecutive runs of sorted values as Temporal ranges. */
function ranges<T>(values: number[], label: (v: number) => T): ({ start: T; end: T } | T)[] {
  const out: ({ start: T; end: T } | T)[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    out.push(i === j ? label(values[i]) : { start: label(values[i]), end: label(values[j]) });
    i = j + 1;
  }
  return out;
}

/**
 * Validates a Mistral cron pattern and compiles it to Temporal calendars (or an `@every` interval). Throws
 * `CronTriggerError('The specified pattern is not valid: <pattern> (why)')` for anything croniter or Temporal refuses.
 */
export function compilePattern(pattern: string): CompiledPattern {
  const trimmed = pattern.trim();
  const every = /^@every\s+(\d+)\s*(s|m|h|d)$/i.exec(trimmed);
  if (every) {
    if (Number(every[1]) < 1) throw invalid(pattern, 'the interval must be at least 1s');
    return { calendars: [], intervals: [{ every: `${every[1]}${every[2].toLowerCase()}` as `${number}s` }] };
  }
  const text = ALIASES[trimmed.toLowerCase()] ?? trimmed;
  const parts = text.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    throw invalid(pattern, 'exactly 5 or 6 fields: minute hour day-of-month month day-of-week [second]');
  }
  const [minute, hour, dom, month, dow, second] = parts.map((p, i) => expandField(p, FIELDS[i], pattern));
  const num = (v: number[] | null) => (v ? ranges(v, (n) => n) : '*');
  const base: CalendarSpec = {
    second: parts.length === 6 ? num(second) : 0,
    minute: num(minute),
    hour: num(hour),
    month: month ? ranges(month, (n) => MONTHS[n - 1]) : '*',
    year: '*',
    comment: pattern,
  };
  const days = dow ? ranges(dow, (n) => DAYS[n]) : '*';
  if (dom && dow) {
    // cron's rule: a restricted day-of-month OR a restricted day-of-week.
    return {
      calendars: [
        { ...base, dayOfMonth: num(dom), dayOfWeek: '*' },
        { ...base, dayOfMonth: '*', dayOfWeek: days },
      ],
      intervals: [],
    };
  }
  return { calendars: [{ ...base, dayOfMonth: num(dom), dayOfWeek: days }], intervals: [] };
}
