/**
 * Cron patterns and trigger timing, without a server: what Mistral accepts and refuses, with its messages.
 * "croniter" marks expectations checked against croniter 1.3.5 as Mistral 15.0.0 uses it (the oracle's Python tree:
 * `croniter.croniter(pattern)` is exactly Mistral's validation), and the Mistral texts come from
 * `mistral/services/triggers.py` of the same release.
 */
import { describe, expect, it } from 'vitest';
import { compilePattern, compileTiming, parseFirstTime } from '../../schedules';

const NOW = new Date('2026-11-21T12:00:00Z');

describe('cron pattern validation (croniter)', () => {
  it.each([
    '0 2 * * mon',
    '*/15 * * * *',
    '0 2 * * MON-FRI',
    '0 2 * * 7',
    '0 0 1 jan *',
    '5/15 * * * *',
    '1-5/2 * * * *',
    '*/60 * * * *',
    '0 0 * * * */5',
    '@daily',
    '@hourly',
    '@annually',
    ' 0  2 * * * ',
  ])('accepts %j like croniter', (p) => {
    expect(() => compilePattern(p)).not.toThrow();
  });

  it.each([
    ['61 * * * *', 'minute 61 is out of range 0-59'],
    ['0 24 * * *', 'hour 24 is out of range 0-23'],
    ['0 2 * * 8', 'day of week 8 is out of range 0-7'],
    ['0 0 0 * *', 'day of month 0 is out of range 1-31'],
    ['0 0 * 13 *', 'month 13 is out of range 1-12'],
    ['0 0 * * * 60', 'second 60 is out of range 0-59'],
    ['* * * *', 'exactly 5 or 6 fields: minute hour day-of-month month day-of-week [second]'],
    ['* * * * * * *', 'exactly 5 or 6 fields: minute hour day-of-month month day-of-week [second]'],
    ['abc', 'exactly 5 or 6 fields: minute hour day-of-month month day-of-week [second]'],
    ['@reboot', 'exactly 5 or 6 fields: minute hour day-of-month month day-of-week [second]'],
    ['*/0 * * * *', "step 0 in '*/0'"],
    ['5-1 * * * *', "range '5-1' goes backwards"],
    ['0 0 * * fri-mon', "range 'fri-mon' goes backwards"],
    ['-1 * * * *', "'-1' is not a minute"],
    ['1,,2 * * * *', "'' is not a minute"],
    ['0 0 ? * *', "'?' is not a day of month"],
  ])('refuses %j like croniter: "The specified pattern is not valid: ..."', (p, why) => {
    expect(() => compilePattern(p)).toThrow(`The specified pattern is not valid: ${p} (${why})`);
  });

  it("refuses croniter's L and # forms, which Temporal cannot express, saying so", () => {
    expect(() => compilePattern('0 0 L * *')).toThrow(
      "The specified pattern is not valid: 0 0 L * * ('L' (last day / n-th weekday) cannot be expressed on Temporal Schedules)",
    );
    expect(() => compilePattern('0 0 * * 1#2')).toThrow('cannot be expressed on Temporal Schedules');
  });

  it('keeps cron\'s "day of month OR day of week" rule as two calendars (Temporal ANDs the fields)', () => {
    const c = compilePattern('0 0 1 * mon');
    expect(c.calendars.map((x) => [x.dayOfMonth, x.dayOfWeek])).toEqual([
      [[1], '*'],
      ['*', ['MONDAY']],
    ]);
    expect(compilePattern('0 2 * * mon').calendars).toHaveLength(1);
  });

  it('reads the 6th field as seconds (croniter), not as Temporal\'s leading seconds', () => {
    const [cal] = compilePattern('0 0 * * * */20').calendars;
    expect([cal.second, cal.minute, cal.hour]).toEqual([[0, 20, 40], [0], [0]]);
  });

  it('accepts the @every extension as a Temporal interval', () => {
    expect(compilePattern('@every 90s')).toEqual({ calendars: [], intervals: [{ every: '90s' }] });
    expect(() => compilePattern('@every 0s')).toThrow('The specified pattern is not valid: @every 0s (the interval must be at least 1s)');
  });
});

describe('trigger timing (Mistral validate_cron_trigger_input)', () => {
  it('needs a pattern or a first time', () => {
    expect(() => compileTiming({}, NOW)).toThrow('Pattern or first_execution_time must be specified.');
  });

  it('wants the first time at least one minute ahead', () => {
    expect(() => compileTiming({ firstTime: '2026-11-21 12:00' }, NOW)).toThrow(
      'first_execution_time must be at least 1 minute in the future.',
    );
    expect(() => compileTiming({ firstTime: '2026-11-21 12:01' }, NOW)).not.toThrow();
  });

  it('makes a first time without pattern a one-shot, and refuses a count above 1 for it', () => {
    const once = compileTiming({ firstTime: '2026-11-22 02:00' }, NOW);
    expect(once.remainingActions).toBe(1);
    expect(once.spec.startAt).toEqual(new Date('2026-11-22T02:00:00Z'));
    expect(() => compileTiming({ firstTime: '2026-11-22 02:00', count: 3 }, NOW)).toThrow(
      'Pattern must be provided if count is superior to 1.',
    );
  });

  it('maps count to remaining executions and leaves it unlimited otherwise', () => {
    expect(compileTiming({ pattern: '0 2 * * *', count: 5 }, NOW).remainingActions).toBe(5);
    expect(compileTiming({ pattern: '0 2 * * *' }, NOW).remainingActions).toBeUndefined();
    expect(() => compileTiming({ pattern: '0 2 * * *', count: 0 }, NOW)).toThrow('count must be an integer of at least 1 (got 0)');
  });

  it('checks the pattern after the first time, as Mistral does', () => {
    expect(() => compileTiming({ pattern: 'nope', firstTime: '2026-11-21 11:00' }, NOW)).toThrow(
      'first_execution_time must be at least 1 minute in the future.',
    );
  });

  it('refuses an unknown timezone', () => {
    expect(() => compileTiming({ pattern: '0 2 * * *', timezone: 'Mars/Olympus' }, NOW)).toThrow(
      "Unknown timezone 'Mars/Olympus' (use an IANA name such as 'Europe/Paris' or 'UTC')",
    );
  });
});

describe('first time parsing (strptime %Y-%m-%d %H:%M)', () => {
  it('reads UTC, a timezone (with DST) or local time', () => {
    expect(parseFirstTime('2026-11-21 02:00', { utc: true }).toISOString()).toBe('2026-11-21T02:00:00.000Z');
    expect(parseFirstTime('2026-07-01 08:30', { timezone: 'Europe/Paris' }).toISOString()).toBe('2026-07-01T06:30:00.000Z');
    expect(parseFirstTime('2026-01-01 08:30', { timezone: 'Europe/Paris' }).toISOString()).toBe('2026-01-01T07:30:00.000Z');
    expect(parseFirstTime('2026-1-2 3:04', { local: true }).getTime()).toBe(new Date(2026, 0, 2, 3, 4).getTime());
  });

  it("refuses other shapes with Python's message", () => {
    for (const bad of ['2026-11-21', '2026-11-21T02:00', '2026-02-30 02:00', '2026-11-21 24:00']) {
      expect(() => parseFirstTime(bad, { utc: true })).toThrow(`time data '${bad}' does not match format '%Y-%m-%d %H:%M'`);
    }
  });
});
