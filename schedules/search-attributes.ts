/**
 * The search attributes a cron trigger sets on every run it starts, so `execution-list` (and the Web UI) can filter
 * runs by trigger and by Mistral workflow name before the run's first workflow task. Names match the ones
 * `workers/temporal-cli.ts` registers on the dev server.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** `MistralCronTrigger`: the name of the cron trigger that started the run. */
export const CRON_TRIGGER_KEY = defineSearchAttributeKey('MistralCronTrigger', SearchAttributeType.KEYWORD);

/** `MistralWorkflowName`: the Mistral workflow the run interprets (the workflow upserts the full name too). */
export const CRON_WORKFLOW_NAME_KEY = defineSearchAttributeKey('MistralWorkflowName', SearchAttributeType.KEYWORD);

/** Visibility query selecting the runs of one cron trigger. */
export function runsOfTriggerQuery(name: string): string {
  return `MistralCronTrigger = '${name.replace(/'/g, "\\'")}'`;
}
