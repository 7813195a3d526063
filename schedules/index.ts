/**
 * Cron triggers on Temporal Schedules: the public API used by the CLI (`cron-trigger-*`) and the TS client.
 *
 * ```ts
 * const cron = cronTriggers({ client, taskQueue: 'tramontane' });
 * await cron.createCronTrigger({ name: 'nightly', workflow: 'upgrade_kernel', pattern: '0 2 * * mon' });
 * ```
 */
export { cronTriggers, scheduleIdOf, parseOverlap, type CronTriggerApi } from './cron-triggers';
export { CronTriggerError } from './errors';
export { compilePattern, type CompiledPattern } from './pattern';
export { compileTiming, type TriggerTiming, type CompiledTiming } from './schedule-spec';
export { parseFirstTime, type FirstTimeZone } from './first-time';
export { CRON_TRIGGER_KEY, runsOfTriggerQuery } from './search-attributes';
export { mistralTime } from './describe';
export { storedDefinitionResolver } from './stored-definition';
export * from './types';
