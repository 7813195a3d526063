/**
 * A Temporal Schedule description read back as a Mistral cron trigger (`CronTrigger`), from the memo the trigger was
 * created with and the schedule's live state (remaining actions, pause, next times, recent runs).
 */
import type { ScheduleDescription } from '@temporalio/client';
import type { CronTrigger, OverlapPolicy } from './types';

/** The memo key under which a trigger keeps its Mistral fields; schedules without it are not cron triggers. */
export const MEMO_KEY = 'tramontaneCronTrigger';

/** What the memo holds (set once: Mistral triggers cannot be updated either). */
export interface TriggerMemo {
  name: string;
  workflow: string;
  namespace: string;
  pattern: string | null;
  firstTime: string | null;
  count: number | null;
  timezone: string;
  input: Record<string, unknown>;
  params: Record<string, unknown>;
}

/** `2026-11-21 02:00:00` (UTC), Mistral's time format. */
export function mistralTime(d: Date | undefined | null): string | null {
  if (!d) return null;
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** The trigger memo of a schedule, or undefined when the schedule is not a cron trigger. */
export function triggerMemo(memo: Record<string, unknown> | undefined): TriggerMemo | undefined {
  const m = memo?.[MEMO_KEY];
  return m && typeof m === 'object' ? (m as TriggerMemo) : undefined;
}

/** Builds the `CronTrigger` view of a described schedule. */
export function toCronTrigger(d: ScheduleDescription): CronTrigger {
  const memo = triggerMemo(d.memo) ?? {
    name: d.scheduleId,
    workflow: '',
    namespace: '',
    pattern: null,
    firstTime: null,
    count: null,
    timezone: 'UTC',
    input: {},
    params: {},
  };
  const remaining = d.state.remainingActions ?? null;
  const next = d.info.nextActionTimes.map((t) => mistralTime(t)!);
  return {
    name: memo.name,
    workflow_name: memo.workflow,
    workflow_namespace: memo.namespace,
    workflow_input: memo.input,
    workflow_params: memo.params,
    pattern: memo.pattern,
    first_execution_time: memo.firstTime,
    next_execution_time: remaining === 0 ? null : (next[0] ?? null),
    remaining_executions: remaining,
    exhausted: remaining === 0,
    timezone: memo.timezone,
    overlap: (d.policies.overlap ?? 'SKIP').toLowerCase() as OverlapPolicy,
    paused: d.state.paused,
    note: d.state.note || null,
    next_execution_times: remaining === 0 ? [] : next,
    recent_executions: d.info.recentActions.map((a) => ({
      scheduled_at: mistralTime(a.scheduledAt)!,
      started_at: mistralTime(a.takenAt)!,
      workflow_id: a.action.workflow.workflowId,
    })),
    running_executions: d.info.runningActions.map((a) => a.workflow.workflowId),
    executions_taken: d.info.numActionsTaken,
    executions_skipped_overlap: d.info.numActionsSkippedOverlap,
    executions_missed_catchup: d.info.numActionsMissedCatchupWindow,
    schedule_id: d.scheduleId,
    created_at: mistralTime(d.info.createdAt)!,
    updated_at: mistralTime(d.info.lastUpdatedAt),
  };
}
