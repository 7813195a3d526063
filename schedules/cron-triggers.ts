/**
 * Mistral cron triggers as Temporal Schedules. One schedule per trigger, id `cron-<name>` (names are unique per
 * Temporal namespace, as Mistral's are per project); each run is an ordinary `MistralWorkflow` execution with id
 * `cron-<name>-<scheduled time>` and the `MistralCronTrigger` / `MistralWorkflowName` search attributes set, so it is
 * listed, queried and controlled like any other execution (and `TemporalScheduledById = 'cron-<name>'` works too).
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type ScheduleHandle } from '@temporalio/client';
import { CronTriggerError } from './errors';
import { MEMO_KEY, mistralTime, toCronTrigger, triggerMemo, type TriggerMemo } from './describe';
import { compileTiming } from './schedule-spec';
import { CRON_TRIGGER_KEY, CRON_WORKFLOW_NAME_KEY } from './search-attributes';
import { OVERLAP_POLICIES, type CronContext, type CronTrigger, type CronTriggerRequest, type OverlapPolicy } from './types';
import { storedDefinitionResolver } from './stored-definition';
import { checkTriggerInput } from './workflow-input';

/** The workflow type every trigger starts. */
const WORKFLOW_TYPE = 'MistralWorkflow';

/** Schedule id of a trigger. */
export function scheduleIdOf(name: string): string {
  return `cron-${name}`;
}

function checkName(name: string): void {
  if (!name || /\s/.test(name)) throw new CronTriggerError(`Invalid cron trigger name '${name}': it must be non-empty, without spaces`);
}

/** Parses `skip|buffer_one|...` (any case, `-` or `_`) into an overlap policy. */
export function parseOverlap(text: string): OverlapPolicy {
  const p = text.toLowerCase().replace(/-/g, '_') as OverlapPolicy;
  if (!OVERLAP_POLICIES.includes(p)) {
    throw new CronTriggerError(`Unknown overlap policy '${text}' (one of: ${OVERLAP_POLICIES.join(', ')})`);
  }
  return p;
}

const notFound = (name: string) => new CronTriggerError(`Cron trigger not found [identifier=${name}]`);

async function describeOrNotFound(handle: ScheduleHandle, name: string) {
  try {
    const d = await handle.describe();
    if (!triggerMemo(d.memo)) throw notFound(name);
    return d;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw notFound(name);
    throw err;
  }
}

/** The operations on cron triggers, bound to one client and task queue (used by the CLI and the TS client). */
export interface CronTriggerApi {
  /** Validates like Mistral (pattern, first time, count, input) and creates the schedule. Returns the new trigger. */
  createCronTrigger(req: CronTriggerRequest): Promise<CronTrigger>;
  /** Every cron trigger of the namespace, by name (exhausted ones included, see `CronTrigger.exhausted`). */
  listCronTriggers(): Promise<CronTrigger[]>;
  /** One trigger with its next run times; `Cron trigger not found [identifier=NAME]` when absent. */
  getCronTrigger(name: string): Promise<CronTrigger>;
  /** Deletes the trigger (runs already started go on). */
  deleteCronTrigger(name: string): Promise<void>;
  /** Stops starting runs until resumed (a note says why). */
  pauseCronTrigger(name: string, note?: string): Promise<CronTrigger>;
  resumeCronTrigger(name: string, note?: string): Promise<CronTrigger>;
  /** Starts one run now (not counted against `count`); resolves with its workflow id once the schedule reports it. */
  triggerNow(name: string, overlap?: OverlapPolicy): Promise<string | undefined>;
  /** Runs every time the pattern matched in [start, end] (Temporal backfill; default overlap `allow_all`). */
  backfill(name: string, start: Date, end: Date, overlap?: OverlapPolicy): Promise<void>;
}

/** Binds the cron-trigger operations to a connected client (see `CronContext`). */
export function cronTriggers(ctx: CronContext): CronTriggerApi {
  const handle = (name: string) => ctx.client.schedule.getHandle(scheduleIdOf(name));
  const resolveDefinition = ctx.resolveDefinition ?? storedDefinitionResolver(ctx.client, ctx.taskQueue);

  const api: CronTriggerApi = {
    async createCronTrigger(req) {
      checkName(req.name);
      const timing = compileTiming(req, ctx.now?.() ?? new Date());
      const namespace = req.namespace ?? '';
      const input = req.input ?? {};
      const params = req.params ?? {};
      const overlap = parseOverlap(req.overlap ?? 'skip');
      const definition = req.definition ?? (await resolveDefinition(req.workflow, namespace));
      if (definition === undefined) {
        throw new CronTriggerError(`Workflow not found [workflow_identifier=${req.workflow}, namespace=${namespace}]`);
      }
      checkTriggerInput(definition, req.workflow, namespace, input);
      const memo: TriggerMemo = {
        name: req.name,
        workflow: req.workflow,
        namespace,
        pattern: timing.pattern,
        firstTime: mistralTime(timing.firstTime),
        count: timing.remainingActions ?? null,
        timezone: timing.timezone,
        input,
        params,
      };
      const scheduleId = scheduleIdOf(req.name);
      const create = () =>
        ctx.client.schedule.create({
          scheduleId,
          spec: timing.spec,
          action: {
            type: 'startWorkflow',
            workflowType: WORKFLOW_TYPE,
            taskQueue: ctx.taskQueue,
            workflowId: scheduleId,
            args: [
              {
                workflow: req.workflow,
                ...(req.namespace ? { namespace: req.namespace } : {}),
                ...(req.definition ? { definition: req.definition } : {}),
                input,
                params,
              },
            ],
            typedSearchAttributes: [
              { key: CRON_TRIGGER_KEY, value: req.name },
              { key: CRON_WORKFLOW_NAME_KEY, value: req.workflow },
            ],
            staticSummary: `${req.workflow} — started by cron trigger ${req.name}`,
          },
          policies: {
            overlap: overlap.toUpperCase() as Uppercase<OverlapPolicy>,
            ...(req.catchupWindow ? { catchupWindow: req.catchupWindow as `${number}s` } : {}),
          },
          state: timing.remainingActions !== undefined ? { remainingActions: timing.remainingActions } : {},
          memo: { [MEMO_KEY]: memo },
        });
      try {
        await create();
      } catch (err) {
        if (!(err instanceof ScheduleAlreadyRunning)) throw err;
        // An exhausted trigger is gone in Mistral's eyes: a new one may take its name.
        const existing = await handle(req.name).describe().catch(() => undefined);
        if (!existing || existing.state.remainingActions !== 0 || existing.info.runningActions.length) {
          throw new CronTriggerError(`Duplicate entry for cron trigger ['name', 'project_id']: ${req.name}, ${ctx.client.options.namespace}`);
        }
        await handle(req.name).delete();
        await create();
      }
      return api.getCronTrigger(req.name);
    },

    async listCronTriggers() {
      const names: string[] = [];
      for await (const s of ctx.client.schedule.list()) {
        const memo = triggerMemo(s.memo);
        if (memo && s.scheduleId === scheduleIdOf(memo.name)) names.push(memo.name);
      }
      const out: CronTrigger[] = [];
      for (const name of names.sort()) {
        try {
          out.push(await api.getCronTrigger(name));
        } catch (err) {
          if (!(err instanceof CronTriggerError)) throw err; // deleted meanwhile (the list is eventually consistent)
        }
      }
      return out;
    },

    async getCronTrigger(name) {
      return toCronTrigger(await describeOrNotFound(handle(name), name));
    },

    async deleteCronTrigger(name) {
      await describeOrNotFound(handle(name), name);
      await handle(name).delete();
    },

    async pauseCronTrigger(name, note) {
      await describeOrNotFound(handle(name), name);
      await handle(name).pause(note ?? 'Paused with tramontane cron-trigger-pause');
      return api.getCronTrigger(name);
    },

    async resumeCronTrigger(name, note) {
      await describeOrNotFound(handle(name), name);
      await handle(name).unpause(note ?? 'Resumed with tramontane cron-trigger-resume');
      return api.getCronTrigger(name);
    },

    async triggerNow(name, overlap = 'allow_all') {
      const before = await describeOrNotFound(handle(name), name);
      const seen = new Set(before.info.recentActions.map((a) => a.action.workflow.workflowId));
      // A run's id ends with its start time in whole seconds: a second run in the same second would collide.
      const last = before.info.recentActions.at(-1)?.scheduledAt.getTime();
      if (last !== undefined) {
        const wait = Math.floor(last / 1000) * 1000 + 1000 - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 1000) + 50));
      }
      await handle(name).trigger(overlap.toUpperCase() as Uppercase<OverlapPolicy>);
      for (let i = 0; i < 50; i++) {
        const d = await handle(name).describe();
        const started = [...d.info.recentActions].reverse().find((a) => !seen.has(a.action.workflow.workflowId));
        if (started) return started.action.workflow.workflowId;
        await new Promise((r) => setTimeout(r, 100));
      }
      return undefined;
    },

    async backfill(name, start, end, overlap = 'allow_all') {
      if (!(start.getTime() < end.getTime())) throw new CronTriggerError('backfill: --start must be before --end');
      await describeOrNotFound(handle(name), name);
      await handle(name).backfill({ start, end, overlap: overlap.toUpperCase() as Uppercase<OverlapPolicy> });
    },
  };
  return api;
}
