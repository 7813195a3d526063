/**
 * yaql `date_time.py` basics: `datetime()`, `timespan()`, `now()`, `localtz()`/`utctz()` (UTC in the sandbox),
 * arithmetic and comparison, the `.year` … `.microsecond`, `.date`, `.time`, `.utc`, `.offset`, `.timestamp`
 * properties, `replace`, `format` (strftime subset), `isDatetime`, `isTimespan`. Time zones are fixed offsets.
 */
import { YaqlError } from '../errors';
import { METHOD, T, fn, p } from '../registry';
import type { PType } from '../types';
import { isPyInt, num, pyFloat, setCustomEquals, setCustomRepr, setCustomStr, setCustomTruthy } from '../values';

const US_PER_DAY = 86_400_000_000;

/** A timezone-aware datetime: an instant (µs since the epoch, UTC) and a fixed UTC offset (µs). */
export class YDateTime {
  constructor(
    readonly us: number,
    readonly offsetUs: number,
  ) {}
  /** Wall-clock fields in the datetime's own offset. */
  fields(): { year: number; month: number; day: number; hour: number; minute: number; second: number; microsecond: number; weekday: number } {
    const local = this.us + this.offsetUs;
    const ms = Math.floor(local / 1000);
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
      minute: d.getUTCMinutes(), second: d.getUTCSeconds(), microsecond: ((local % 1_000_000) + 1_000_000) % 1_000_000,
      weekday: (d.getUTCDay() + 6) % 7,
    };
  }
}

/** A duration in microseconds (Python timedelta). */
export class YTimespan {
  constructor(readonly us: number) {}
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

function offsetStr(offUs: number, colon = true): string {
  const sign = offUs < 0 ? '-' : '+';
  const m = Math.abs(Math.round(offUs / 60_000_000));
  return `${sign}${pad(Math.floor(m / 60))}${colon ? ':' : ''}${pad(m % 60)}`;
}

/** Python `str(datetime)`. */
export function datetimeStr(dt: YDateTime): string {
  const f = dt.fields();
  const frac = f.microsecond ? '.' + pad(f.microsecond, 6) : '';
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${frac}${offsetStr(dt.offsetUs)}`;
}

/** Python `str(timedelta)`. */
export function timespanStr(ts: YTimespan): string {
  const days = Math.floor(ts.us / US_PER_DAY);
  let rest = ts.us - days * US_PER_DAY;
  const us = rest % 1_000_000;
  rest = (rest - us) / 1_000_000;
  const s = rest % 60;
  const m = Math.floor(rest / 60) % 60;
  const h = Math.floor(rest / 3600);
  const dayPart = days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ` : '';
  return `${dayPart}${h}:${pad(m)}:${pad(s)}${us ? '.' + pad(us, 6) : ''}`;
}

setCustomStr((v) => (v instanceof YDateTime ? datetimeStr(v) : v instanceof YTimespan ? timespanStr(v) : undefined));
setCustomRepr((v) => (v instanceof YDateTime ? `datetime(${datetimeStr(v)})` : v instanceof YTimespan ? `timedelta(${timespanStr(v)})` : undefined));
setCustomEquals((a, b) => (a instanceof YDateTime && b instanceof YDateTime && a.us === b.us) ||
  (a instanceof YTimespan && b instanceof YTimespan && a.us === b.us));
setCustomTruthy((v) => (v instanceof YTimespan ? v.us !== 0 : undefined));

const DT: PType = { base: 'datetime', nullable: false, check: (v) => v instanceof YDateTime };
const TS: PType = { base: 'timespan', nullable: false, check: (v) => v instanceof YTimespan };
const ZERO = new YTimespan(0);

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, us: number, offUs: number): YDateTime {
  if (mo < 1 || mo > 12) throw new YaqlError('ValueError', 'month must be in 1..12');
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > dim) throw new YaqlError('ValueError', 'day is out of range for month');
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || us < 0 || us > 999_999) {
    throw new YaqlError('ValueError', 'time field out of range');
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return new YDateTime(date.getTime() * 1000 + us - offUs, offUs);
}

fn('datetime', [p('year', T.int), p('month', T.int), p('day', T.int), p('hour', T.int, 0), p('minute', T.int, 0),
  p('second', T.int, 0), p('microsecond', T.int, 0), p('offset', TS, ZERO)], {},
(_c, a) => build(num(a[0]), num(a[1]), num(a[2]), num(a[3]), num(a[4]), num(a[5]), num(a[6]), (a[7] as YTimespan).us));
fn('datetime', [p('timestamp', T.number), p('offset', TS, ZERO)], {}, (_c, [t, off]) =>
  new YDateTime(Math.round(num(t) * 1_000_000), (off as YTimespan).us));

/** Parses common ISO-like date strings (what dateutil's parser accepts most often). */
function parseDate(s: string): YDateTime {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(s);
  if (!m) throw new YaqlError('ValueError', `Unknown string format: ${s}`);
  let off = 0;
  if (m[8] && m[8].toUpperCase() !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000_000;
  }
  const us = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), us, off);
}
fn('datetime', [p('string', T.string), p('format', T.stringN, null)], {}, (_c, [s, f]) => {
  if (f) throw new YaqlError('NotImplementedError', 'datetime(string, format) is not supported; use an ISO 8601 string');
  return parseDate(s as string);
});

const tsParam = (name: string, type: PType = T.int): ReturnType<typeof p> => p(name, type, 0);
fn('timespan', [tsParam('days'), tsParam('hours'), tsParam('minutes'), tsParam('seconds', T.integer),
  tsParam('milliseconds', T.integer), tsParam('microseconds', T.integer)], {}, (_c, a) =>
  new YTimespan(num(a[0]) * US_PER_DAY + num(a[1]) * 3_600_000_000 + num(a[2]) * 60_000_000 + num(a[3]) * 1_000_000 +
    num(a[4]) * 1000 + num(a[5])));

const prop = (name: string, type: PType, f: (v: never) => unknown): void => {
  fn(`#property#${name}`, [p('obj', type)], {}, (_c, [v]) => f(v as never));
};
prop('microseconds', TS, (t: YTimespan) => t.us);
prop('milliseconds', TS, (t: YTimespan) => pyFloat(t.us / 1000));
prop('seconds', TS, (t: YTimespan) => pyFloat(t.us / 1e6));
prop('minutes', TS, (t: YTimespan) => pyFloat(t.us / 6e7));
prop('hours', TS, (t: YTimespan) => pyFloat(t.us / 3.6e9));
prop('days', TS, (t: YTimespan) => pyFloat(t.us / US_PER_DAY));
for (const f of ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'weekday'] as const) {
  prop(f, DT, (d: YDateTime) => d.fields()[f]);
}
prop('date', DT, (d: YDateTime) => {
  const f = d.fields();
  return build(f.year, f.month, f.day, 0, 0, 0, 0, d.offsetUs);
});
prop('time', DT, (d: YDateTime) => {
  const f = d.fields();
  return new YTimespan(d.us - build(f.year, f.month, f.day, 0, 0, 0, 0, d.offsetUs).us);
});
prop('utc', DT, (d: YDateTime) => new YDateTime(d.us, 0));
prop('offset', DT, (d: YDateTime) => new YTimespan(d.offsetUs));
prop('timestamp', DT, (d: YDateTime) => pyFloat(d.us / 1e6));

/** Current time source; inside a Temporal workflow `Date.now()` is the deterministic workflow clock. */
fn('now', [p('offset', TS, ZERO)], {}, (_c, [off]) => new YDateTime(Date.now() * 1000, (off as YTimespan).us));
fn('localtz', [], {}, () => ZERO);
fn('utctz', [], {}, () => ZERO);

fn('#operator_+', [p('dt', DT), p('ts', TS)], {}, (_c, [d, t]) => new YDateTime((d as YDateTime).us + (t as YTimespan).us, (d as YDateTime).offsetUs));
fn('#operator_+', [p('ts', TS), p('dt', DT)], {}, (_c, [t, d]) => new YDateTime((d as YDateTime).us + (t as YTimespan).us, (d as YDateTime).offsetUs));
fn('#operator_-', [p('dt', DT), p('ts', TS)], {}, (_c, [d, t]) => new YDateTime((d as YDateTime).us - (t as YTimespan).us, (d as YDateTime).offsetUs));
fn('#operator_-', [p('dt1', DT), p('dt2', DT)], {}, (_c, [a, b]) => new YTimespan((a as YDateTime).us - (b as YDateTime).us));
fn('#operator_+', [p('ts1', TS), p('ts2', TS)], {}, (_c, [a, b]) => new YTimespan((a as YTimespan).us + (b as YTimespan).us));
fn('#operator_-', [p('ts1', TS), p('ts2', TS)], {}, (_c, [a, b]) => new YTimespan((a as YTimespan).us - (b as YTimespan).us));
for (const op of ['>', '>=', '<', '<='] as const) {
  const cmp = (x: number, y: number): boolean => (op === '>' ? x > y : op === '>=' ? x >= y : op === '<' ? x < y : x <= y);
  fn(`#operator_${op}`, [p('dt1', DT), p('dt2', DT)], {}, (_c, [a, b]) => cmp((a as YDateTime).us, (b as YDateTime).us));
  fn(`#operator_${op}`, [p('ts1', TS), p('ts2', TS)], {}, (_c, [a, b]) => cmp((a as YTimespan).us, (b as YTimespan).us));
}
fn('#operator_*', [p('ts', TS), p('n', T.number)], {}, (_c, [t, n]) => new YTimespan(Math.round((t as YTimespan).us * num(n))));
fn('#operator_*', [p('n', T.number), p('ts', TS)], {}, (_c, [n, t]) => new YTimespan(Math.round((t as YTimespan).us * num(n))));
fn('#operator_/', [p('ts1', TS), p('ts2', TS)], {}, (_c, [a, b]) => {
  if ((b as YTimespan).us === 0) throw new YaqlError('ZeroDivisionError', 'division by zero');
  return pyFloat((a as YTimespan).us / (b as YTimespan).us);
});
fn('#operator_/', [p('ts', TS), p('n', T.number)], {}, (_c, [t, n]) => {
  if (num(n) === 0) throw new YaqlError('ZeroDivisionError', 'division by zero');
  const r = (t as YTimespan).us / num(n);
  return new YTimespan(isPyInt(n) ? Math.floor(r) : Math.round(r));
});
fn('#unary_operator_-', [p('ts', TS)], {}, (_c, [t]) => new YTimespan(-(t as YTimespan).us));
fn('#unary_operator_+', [p('ts', TS)], {}, (_c, [t]) => t);

fn('replace', [p('dt', DT), p('year', T.intN, null), p('month', T.intN, null), p('day', T.intN, null),
  p('hour', T.intN, null), p('minute', T.intN, null), p('second', T.intN, null), p('microsecond', T.intN, null),
  p('offset', { ...TS, nullable: true }, null)], METHOD, (_c, a) => {
  const d = a[0] as YDateTime;
  const f = d.fields();
  const pick = (v: unknown, dflt: number): number => (v === null ? dflt : num(v));
  const off = a[8] === null ? d.offsetUs : (a[8] as YTimespan).us;
  return build(pick(a[1], f.year), pick(a[2], f.month), pick(a[3], f.day), pick(a[4], f.hour), pick(a[5], f.minute),
    pick(a[6], f.second), pick(a[7], f.microsecond), off);
});

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
/** `strftime` for the common directives. */
export function strftime(d: YDateTime, fmt: string): string {
  const f = d.fields();
  return fmt.replace(/%([a-zA-Z%])/g, (all, c: string) => {
    switch (c) {
      case 'Y': return pad(f.year, 4);
      case 'y': return pad(f.year % 100);
      case 'm': return pad(f.month);
      case 'd': return pad(f.day);
      case 'H': return pad(f.hour);
      case 'I': return pad(((f.hour + 11) % 12) + 1);
      case 'p': return f.hour < 12 ? 'AM' : 'PM';
      case 'M': return pad(f.minute);
      case 'S': return pad(f.second);
      case 'f': return pad(f.microsecond, 6);
      case 'z': return offsetStr(d.offsetUs, false);
      case 'Z': return d.offsetUs === 0 ? 'UTC' : 'UTC' + offsetStr(d.offsetUs);
      case 'a': return DAYS[f.weekday]!.slice(0, 3);
      case 'A': return DAYS[f.weekday]!;
      case 'b': return MONTHS[f.month - 1]!.slice(0, 3);
      case 'B': return MONTHS[f.month - 1]!;
      case 'w': return String((f.weekday + 1) % 7);
      case '%': return '%';
      default: return all;
    }
  });
}
fn('format', [p('dt', DT), p('format', T.string)], METHOD, (_c, [d, f]) => strftime(d as YDateTime, f as string));
fn('isDatetime', [p('value', T.any)], {}, (_c, [v]) => v instanceof YDateTime);
fn('isTimespan', [p('value', T.any)], {}, (_c, [v]) => v instanceof YTimespan);
