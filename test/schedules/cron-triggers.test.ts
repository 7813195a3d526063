/**
 * Cron triggers on the suite's real Temporal dev server: a trigger starts ordinary MistralWorkflow executions that
 * are listable by trigger, count and first time keep Mistral's meaning, and the pattern's run times match croniter's
 * (Mistral 15.0.0's scheduler; expected times computed with croniter 1.3.5 from the oracle's Python tree).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { compileTiming, cronTriggers, CronTriggerError, runsOfTriggerQuery, type CronTriggerApi } from '../../schedules';
import { RegistryClient } from '../../store/registry-client';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

let t: TestTemporal;
let cron: CronTriggerApi;
const prefix = `t${process.pid}-${Date.now().toString(36)}`;
const created: string[] = [];

beforeAll(async () => {
  t = await startTestTemporal();
  cron = cronTriggers({ client: t.client, taskQueue: t.taskQueue });
});
afterAll(async () => {
  for (const name of created) await cron.deleteCronTrigger(name).catch(() => {});
  await t?.stop();
});

const greet = `
version: '2.0'
greet:
  input:
    - name
  tasks:
    hello:
      action: std.echo output="Hello, <% $.name %>!"
      publish:
        greeting: <% task().result %>
  output:
    greeting: <% $.greeting %>
`;

function trigger(suffix: string): string {
  const name = `${prefix}-${suffix}`;
  created.push(name);
  return name;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function listIds(client: Client, query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
  return ids.sort();
}

describe('cron triggers on Temporal Schedules', () => {
  it('trigger-now starts a normal execution, listable by trigger, that completes with the output', async () => {
    const name = trigger('now');
    const created = await cron.createCronTrigger({
      name,
      workflow: 'greet',
      definition: greet,
      input: { name: 'cron' },
      pattern: '0 2 * * mon',
    });
    expect(created).toMatchObject({ name, workflow_name: 'greet', pattern: '0 2 * * mon', remaining_executions: null, overlap: 'skip' });
    expect(created.next_execution_times.length).toBeGreaterThan(0);
    for (const n of created.next_execution_times) expect(n).toMatch(/^\d{4}-\d\d-\d\d 02:00:00$/);

    const id = await cron.triggerNow(name);
    expect(id).toMatch(new RegExp(`^cron-${name}-\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$`));
    const result = await t.client.workflow.getHandle(id!).result();
    expect(result).toEqual({ state: 'SUCCESS', output: { greeting: 'Hello, cron!' } });

    const byTrigger = await until('the run in visibility', async () => {
      const ids = await listIds(t.client, `${runsOfTriggerQuery(name)} AND ExecutionStatus = 'Completed'`);
      return ids.length ? ids : undefined;
    });
    expect(byTrigger).toEqual([id]);
    expect(await listIds(t.client, `TemporalScheduledById = 'cron-${name}'`)).toEqual([id]);
    expect(await listIds(t.client, `MistralWorkflowName = 'greet' AND ${runsOfTriggerQuery(name)}`)).toEqual([id]);
    const desc = await t.client.workflow.getHandle(id!).describe();
    expect(await desc.staticSummary()).toBe(`greet — started by cron trigger ${name}`);

    await cron.deleteCronTrigger(name);
    await expect(cron.getCronTrigger(name)).rejects.toThrow(`Cron trigger not found [identifier=${name}]`);
    await expect(cron.deleteCronTrigger(name)).rejects.toThrow(`Cron trigger not found [identifier=${name}]`);
  });

  it('runs the stored workflow by name: validated at creation, each run takes the definition current at its start', async () => {
    const store = new RegistryClient(t.client, t.taskQueue);
    await expect(cron.createCronTrigger({ name: trigger('ghost'), workflow: 'stored_greet', pattern: '0 2 * * *' })).rejects.toThrow(
      'Workflow not found [workflow_identifier=stored_greet, namespace=]',
    );
    await store.putDefinition({ kind: 'workflow', mode: 'create', text: greet.replace('greet:', 'stored_greet:') });
    await expect(
      cron.createCronTrigger({ name: trigger('stored-bad'), workflow: 'stored_greet', input: {}, pattern: '0 2 * * *' }),
    ).rejects.toThrow("Invalid input [name=stored_greet, class=DirectWorkflowSpec, missing=['name']]");

    const name = trigger('stored');
    await cron.createCronTrigger({ name, workflow: 'stored_greet', input: { name: 'store' }, pattern: '0 2 * * *' });
    const first = await cron.triggerNow(name);
    expect(await t.client.workflow.getHandle(first!).result()).toEqual({ state: 'SUCCESS', output: { greeting: 'Hello, store!' } });

    // Mistral triggers point at the workflow, not at a copy: an updated definition applies from the next run.
    await store.putDefinition({ kind: 'workflow', mode: 'update', text: greet.replace('greet:', 'stored_greet:').replace('Hello', 'Bonjour') });
    const second = await cron.triggerNow(name);
    expect(second).not.toBe(first);
    expect(await t.client.workflow.getHandle(second!).result()).toEqual({ state: 'SUCCESS', output: { greeting: 'Bonjour, store!' } });
    const ids = await until('both runs in visibility', async () => {
      const found = await listIds(t.client, `${runsOfTriggerQuery(name)} AND ExecutionStatus = 'Completed'`);
      return found.length === 2 ? found : undefined;
    });
    expect(ids).toEqual([first, second].sort());
  });

  it('fires on its own pattern (seconds field) and stops after count runs, staying as exhausted', async () => {
    const name = trigger('count');
    await cron.createCronTrigger({ name, workflow: 'greet', definition: greet, input: { name: 'tick' }, pattern: '* * * * * */2', count: 2 });
    const runs = await until('two scheduled runs', async () => {
      const d = await cron.getCronTrigger(name);
      return d.remaining_executions === 0 ? d : undefined;
    });
    expect(runs.exhausted).toBe(true);
    expect(runs.next_execution_time).toBeNull();
    expect(runs.next_execution_times).toEqual([]);
    expect(runs.executions_taken).toBe(2);
    const ids = runs.recent_executions.map((r) => r.workflow_id);
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect(await t.client.workflow.getHandle(id).result()).toEqual({ state: 'SUCCESS', output: { greeting: 'Hello, tick!' } });
    }
    // Nothing more starts.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await cron.getCronTrigger(name)).executions_taken).toBe(2);
    // Mistral deletes an exhausted trigger, so its name is free again: a new trigger replaces it.
    const again = await cron.createCronTrigger({ name, workflow: 'greet', definition: greet, input: { name: 'x' }, pattern: '0 3 * * *' });
    expect(again).toMatchObject({ pattern: '0 3 * * *', remaining_executions: null, exhausted: false, executions_taken: 0 });
  });

  it('runs a first time exactly once without a pattern, then the pattern after it', async () => {
    const first = new Date(Date.UTC(2031, 0, 1, 5, 17));
    const once = await cron.createCronTrigger({ name: trigger('once'), workflow: 'greet', definition: greet, input: { name: 'a' }, firstTime: first });
    expect(once).toMatchObject({ first_execution_time: '2031-01-01 05:17:00', remaining_executions: 1, next_execution_times: ['2031-01-01 05:17:00'] });
    const then = await cron.createCronTrigger({
      name: trigger('first-then-pattern'),
      workflow: 'greet',
      definition: greet,
      input: { name: 'a' },
      firstTime: '2031-01-01 05:17',
      pattern: '0 2 * * mon',
    });
    // Mistral: next_execution_time = first time, then croniter(pattern, first time).
    expect(then.next_execution_times.slice(0, 3)).toEqual(['2031-01-01 05:17:00', '2031-01-06 02:00:00', '2031-01-13 02:00:00']);
  });

  it('computes the same run times as croniter for Mistral patterns (croniter)', async () => {
    const expected: Record<string, string[]> = {
      '0 2 * * mon': ['2030-01-07 02:00:00', '2030-01-14 02:00:00', '2030-01-21 02:00:00', '2030-01-28 02:00:00', '2030-02-04 02:00:00'],
      '0 0 1 * mon': ['2030-01-01 00:00:00', '2030-01-07 00:00:00', '2030-01-14 00:00:00', '2030-01-21 00:00:00', '2030-01-28 00:00:00'],
      '30 4 1,15 * *': ['2030-01-01 04:30:00', '2030-01-15 04:30:00', '2030-02-01 04:30:00', '2030-02-15 04:30:00', '2030-03-01 04:30:00'],
      '@weekly': ['2030-01-06 00:00:00', '2030-01-13 00:00:00', '2030-01-20 00:00:00', '2030-01-27 00:00:00', '2030-02-03 00:00:00'],
      '0 12 * * 5-7': ['2030-01-04 12:00:00', '2030-01-05 12:00:00', '2030-01-06 12:00:00', '2030-01-11 12:00:00', '2030-01-12 12:00:00'],
      '5/20 9-17/4 * * *': ['2030-01-01 09:05:00', '2030-01-01 09:25:00', '2030-01-01 09:45:00', '2030-01-01 13:05:00', '2030-01-01 13:25:00'],
      '0 0 * * * */20': ['2030-01-01 00:00:00', '2030-01-01 00:00:20', '2030-01-01 00:00:40', '2030-01-02 00:00:00', '2030-01-02 00:00:20'],
      '0 6 * feb,jun sun': ['2030-02-03 06:00:00', '2030-02-10 06:00:00', '2030-02-17 06:00:00', '2030-02-24 06:00:00', '2030-06-02 06:00:00'],
    };
    let i = 0;
    for (const [pattern, times] of Object.entries(expected)) {
      const scheduleId = `${prefix}-croniter-${i++}`;
      const { spec } = compileTiming({ pattern });
      const h = await t.client.schedule.create({
        scheduleId,
        spec: { ...spec, startAt: new Date('2030-01-01T00:00:00Z') },
        action: { type: 'startWorkflow', workflowType: 'MistralWorkflow', taskQueue: t.taskQueue, args: [] },
        state: { paused: true },
      });
      try {
        const next = (await h.describe()).info.nextActionTimes.slice(0, 5).map((d) => d.toISOString().slice(0, 19).replace('T', ' '));
        expect([pattern, next]).toEqual([pattern, times]);
      } finally {
        await h.delete();
      }
    }
  });

  it('evaluates the pattern in a timezone when asked (Mistral: always UTC)', async () => {
    const tr = await cron.createCronTrigger({
      name: trigger('tz'),
      workflow: 'greet',
      definition: greet,
      input: { name: 'a' },
      pattern: '0 8 * * *',
      timezone: 'Asia/Kolkata',
    });
    expect(tr.timezone).toBe('Asia/Kolkata');
    for (const n of tr.next_execution_times) expect(n).toMatch(/ 02:30:00$/); // 08:00 IST = 02:30 UTC
  });

  it('refuses bad requests with Mistral\'s messages before creating anything', async () => {
    const base = { workflow: 'greet', definition: greet, input: { name: 'a' } };
    await expect(cron.createCronTrigger({ ...base, name: trigger('bad1'), pattern: '0 25 * * *' })).rejects.toThrow(
      'The specified pattern is not valid: 0 25 * * * (hour 25 is out of range 0-23)',
    );
    await expect(cron.createCronTrigger({ ...base, name: trigger('bad2'), firstTime: new Date(Date.now() + 30_000) })).rejects.toThrow(
      'first_execution_time must be at least 1 minute in the future.',
    );
    await expect(cron.createCronTrigger({ ...base, name: trigger('bad3'), pattern: '0 2 * * *', input: { nam: 'typo' } })).rejects.toThrow(
      "Invalid input [name=greet, class=DirectWorkflowSpec, missing=['name'], unexpected=['nam']]",
    );
    await expect(cron.createCronTrigger({ ...base, name: trigger('bad4'), workflow: 'nope', pattern: '0 2 * * *' })).rejects.toThrow(
      'Workflow not found [workflow_identifier=nope, namespace=]',
    );
    await expect(cron.createCronTrigger({ ...base, name: 'has space', pattern: '0 2 * * *' })).rejects.toThrow(
      "Invalid cron trigger name 'has space': it must be non-empty, without spaces",
    );
    for (const n of ['bad1', 'bad2', 'bad3', 'bad4']) {
      await expect(cron.getCronTrigger(`${prefix}-${n}`)).rejects.toBeInstanceOf(CronTriggerError);
    }
    const dup = trigger('dup');
    await cron.createCronTrigger({ ...base, name: dup, pattern: '0 2 * * *' });
    await expect(cron.createCronTrigger({ ...base, name: dup, pattern: '0 4 * * *' })).rejects.toThrow(
      `Duplicate entry for cron trigger ['name', 'project_id']: ${dup}, default`,
    );
  });

  it('pauses, resumes, lists, and backfills the times the pattern missed', async () => {
    const name = trigger('ops');
    await cron.createCronTrigger({ name, workflow: 'greet', definition: greet, input: { name: 'back' }, pattern: '0 * * * *' });
    const paused = await cron.pauseCronTrigger(name, 'maintenance window');
    expect([paused.paused, paused.note]).toEqual([true, 'maintenance window']);
    expect((await cron.resumeCronTrigger(name)).paused).toBe(false);
    const listed = await until('the trigger in the list', async () => {
      const all = await cron.listCronTriggers();
      return all.some((x) => x.name === name) ? all : undefined;
    });
    expect(listed.find((x) => x.name === name)).toMatchObject({ workflow_name: 'greet', pattern: '0 * * * *' });

    await cron.backfill(name, new Date('2026-01-01T00:30:00Z'), new Date('2026-01-01T03:30:00Z'));
    const ids = await until('three backfilled runs', async () => {
      const found = await listIds(t.client, `${runsOfTriggerQuery(name)} AND ExecutionStatus = 'Completed'`);
      return found.length >= 3 ? found : undefined;
    });
    expect(ids).toEqual([1, 2, 3].map((h) => `cron-${name}-2026-01-01T0${h}:00:00Z`));
    await expect(cron.backfill(name, new Date('2026-01-02'), new Date('2026-01-01'))).rejects.toThrow(
      'backfill: --start must be before --end',
    );
  });
});
