/**
 * What a cron trigger is, as callers give it and as they read it back (Mistral's REST field names, plus what Temporal
 * Schedules add: timezone, overlap policy, pause state, the next run times and recent runs).
 */
import type { Client } from '@temporalio/client';
import type { Definition } from '../interpreter/spec/model';

/** Overlap policies, lower case as the CLI takes them (Temporal's `ScheduleOverlapPolicy`). */
export const OVERLAP_POLICIES = ['skip', 'buffer_one', 'buffer_all', 'cancel_other', 'terminate_other', 'allow_all'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

/** A request to create a cron trigger (`cron-trigger-create`). */
export interface CronTriggerRequest {
  /** Unique in the Temporal namespace (Mistral: per project); no whitespace. */
  name: string;
  /** Mistral workflow name (full name for workbook workflows). */
  workflow: string;
  /** Mistral namespace of the definition (default ''). */
  namespace?: string;
  input?: Record<string, unknown>;
  /** Execution params (`env`, `task_name`, ...) passed on every run. */
  params?: Record<string, unknown>;
  /** Cron pattern (croniter syntax, 5 fields + optional seconds) or `@every 5m`. */
  pattern?: string;
  /** First run: an instant, or Mistral's `'YYYY-MM-DD HH:MM'` read in `timezone` (default UTC, as Mistral's API). */
  firstTime?: Date | string;
  /** Remaining executions (≥ 1); unlimited when omitted. Runs started by `triggerNow`/`backfill` do not count. */
  count?: number;
  /** IANA timezone of the pattern (default UTC, as Mistral). */
  timezone?: string;
  /** What happens when a run is due while the previous one still runs (default `skip`). */
  overlap?: OverlapPolicy;
  /** How late a missed run may still start after an outage (Temporal duration, e.g. '1h'; server default 1 year). */
  catchupWindow?: string;
  /**
   * Mistral YAML to run (pinned into the trigger). Without it each run loads the stored definition by name, which must
   * exist at creation (its input is validated then, as Mistral does).
   */
  definition?: string;
}

/** Where and how cron triggers are kept: a connected client and the task queue of the generic workflow. */
export interface CronContext {
  client: Client;
  taskQueue: string;
  /** Finds the workflow's definition, to validate input at creation (default: the definition store). */
  resolveDefinition?: (workflow: string, namespace: string) => Promise<string | Definition | undefined>;
  /** Clock for the "first time in the future" rule (tests). */
  now?: () => Date;
}

/** One run a trigger started. */
export interface CronTriggerRun {
  scheduled_at: string;
  started_at: string;
  workflow_id: string;
}

/** A cron trigger as `cron-trigger-get` shows it. Times are UTC, `YYYY-MM-DD HH:MM:SS` like Mistral's. */
export interface CronTrigger {
  name: string;
  workflow_name: string;
  workflow_namespace: string;
  workflow_input: Record<string, unknown>;
  workflow_params: Record<string, unknown>;
  pattern: string | null;
  first_execution_time: string | null;
  next_execution_time: string | null;
  /** Remaining scheduled executions, null = unlimited. 0 = exhausted (kept, see `exhausted`). */
  remaining_executions: number | null;
  /** Ran its `count` executions: it starts nothing more; creating a trigger of the same name replaces it. */
  exhausted: boolean;
  timezone: string;
  overlap: OverlapPolicy;
  paused: boolean;
  note: string | null;
  /** The next run times (up to 10). */
  next_execution_times: string[];
  recent_executions: CronTriggerRun[];
  running_executions: string[];
  executions_taken: number;
  executions_skipped_overlap: number;
  executions_missed_catchup: number;
  schedule_id: string;
  created_at: string;
  updated_at: string | null;
}
