/**
 * Mistral's trigger rules (`validate_cron_trigger_input`, in its order and words) and the Temporal `ScheduleSpec`
 * they become: pattern → calendars, first time → `startAt` plus a one-off calendar at exactly that minute (Mistral
 * fires at the first time even when it does not match the pattern), count → `remainingActions`.
 */
import type { CalendarSpec, ScheduleSpec } from '@temporalio/client';
import { CronTriggerError } from './errors';
import { checkTimezone, parseFirstTime, wallTimeIn } from './first-time';
import { compilePattern } from './pattern';

/** The part of a request the spec depends on. */
export interface TriggerTiming {
  pattern?: string;
  firstTime?: Date | string;
  count?: number;
  timezone?: string;
}

/** A validated trigger timing, ready for `client.schedule.create`. */
export interface CompiledTiming {
  spec: ScheduleSpec;
  /** `state.remainingActions` (undefined = unlimited). */
  remainingActions?: number;
  firstTime: Date | null;
  pattern: string | null;
  timezone: string;
}

/** The one-off calendar of a first time: that exact second, in the schedule's timezone. */
function exactly(at: Date, tz: string): CalendarSpec {
  const w = wallTimeIn(at, tz);
  const months = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
  return {
    year: w.year,
    month: months[w.month - 1],
    dayOfMonth: w.day,
    hour: w.hour,
    minute: w.minute,
    second: w.second,
    dayOfWeek: '*',
    comment: 'first execution time',
  };
}

/**
 * Validates pattern / first time / count like Mistral and compiles them. Errors (exact texts):
 * `Pattern or first_execution_time must be specified.`, `first_execution_time must be at least 1 minute in the
 * future.`, `Pattern must be provided if count is superior to 1.`, `The specified pattern is not valid: <pattern>`.
 */
export function compileTiming(t: TriggerTiming, now: Date = new Date()): CompiledTiming {
  const timezone = t.timezone ?? 'UTC';
  checkTimezone(timezone);
  const pattern = t.pattern?.trim() ? t.pattern.trim() : null;
  if (t.count !== undefined && (!Number.isInteger(t.count) || t.count < 1)) {
    throw new CronTriggerError(`count must be an integer of at least 1 (got ${t.count})`);
  }
  const firstTime =
    t.firstTime === undefined ? null : t.firstTime instanceof Date ? t.firstTime : parseFirstTime(t.firstTime, { timezone });
  if (firstTime && Number.isNaN(firstTime.getTime())) throw new CronTriggerError('first time is not a valid date');
  if (!firstTime && !pattern) throw new CronTriggerError('Pattern or first_execution_time must be specified.');
  let count = t.count;
  if (firstTime) {
    if (firstTime.getTime() < now.getTime() + 60_000) {
      throw new CronTriggerError('first_execution_time must be at least 1 minute in the future.');
    }
    if (!pattern && count !== undefined && count > 1) {
      throw new CronTriggerError('Pattern must be provided if count is superior to 1.');
    }
    if (!pattern) count = 1;
  }
  const compiled = pattern ? compilePattern(pattern) : { calendars: [], intervals: [] };
  const spec: ScheduleSpec = {
    calendars: [...compiled.calendars, ...(firstTime ? [exactly(firstTime, timezone)] : [])],
    intervals: compiled.intervals,
    timezone,
    ...(firstTime ? { startAt: firstTime } : {}),
  };
  return { spec, remainingActions: count, firstTime, pattern, timezone };
}
