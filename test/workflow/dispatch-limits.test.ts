/**
 * The generic workflow's dispatch limits (interpreter/dispatch-limits.ts) on a real dev server: a step's fan-out
 * runs directly in the run when it fits, and yet no workflow task completion passes 4 MB, no run has more than 1,000
 * activities pending (Temporal refuses a 2,001st), and no run passes 10,240 history events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { historyStats } from '../support/history-stats';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

/** The most activities scheduled and not yet closed at any point of each run of the workflow. */
async function maxPendingActivities(client: Client, workflowId: string): Promise<number> {
  let max = 0;
  let runId: string | undefined;
  for (;;) {
    const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    let pending = 0;
    for (const ev of events) {
      if (ev.activityTaskScheduledEventAttributes) pending++;
      if (
        ev.activityTaskCompletedEventAttributes ||
        ev.activityTaskFailedEventAttributes ||
        ev.activityTaskTimedOutEventAttributes ||
        ev.activityTaskCanceledEventAttributes
      ) {
        pending--;
      }
      max = Math.max(max, pending);
    }
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    if (!runId) return max;
  }
}

describe('dispatch limits', () => {
  it('splits local results over 4 MB in one step across workflow tasks', async () => {
    // 300 items echoing 20 KB each: 6 MB of local-activity markers, more than one workflow task completion can carry.
    const def = `version: '2.0'
big:
  input: [blob]
  tasks:
    each:
      with-items: i in <% range(0, 300) %>
      action: std.echo output=<% $.blob %>
      keep-result: false
      publish:
        n: <% task().result.len() %>
        size: <% task().result[299].len() %>
`;
    const view = await t.run({ definition: def, input: { blob: 'x'.repeat(20_000) } });
    expect(view.state, String(view.state_info)).toBe('SUCCESS');
    expect(view.tasks[0].published).toEqual({ n: 300, size: 20_000 });
  }, 120_000);

  it('keeps at most 1,000 activities pending while three fan-outs of 700 run at once', async () => {
    const fanout = (name: string) =>
      `    ${name}:\n      with-items: i in <% range(0, 700) %>\n      action: std.sleep seconds=0\n`;
    const def = `version: '2.0'
three:
  tasks:
${fanout('a')}    b0:
      action: std.noop
      on-success: b
${fanout('b')}    c0:
      action: std.noop
      on-success: c1
    c1:
      action: std.noop
      on-success: c
${fanout('c')}`;
    const id = `pending-cap-${Date.now()}`;
    const view = await t.run({ definition: def }, id);
    expect(view.state, String(view.state_info)).toBe('SUCCESS');
    const fanouts = view.tasks.filter((x) => ['a', 'b', 'c'].includes(x.name));
    expect(fanouts.map((x) => [x.name, x.state, x.action_executions])).toEqual([
      ['a', 'SUCCESS', 700],
      ['b', 'SUCCESS', 700],
      ['c', 'SUCCESS', 700],
    ]);
    const max = await maxPendingActivities(t.client, id);
    expect(max).toBeLessThanOrEqual(1_000);
    expect(max).toBeGreaterThan(700); // the fan-outs did overlap
  }, 180_000);

  it('continues as new before a round of 1,000 activities would pass the history budget', async () => {
    const def = `version: '2.0'
rounds:
  vars:
    round: 0
  tasks:
    start:
      action: std.noop
      on-success: each
    each:
      with-items: i in <% range(0, 1000) %>
      action: std.sleep seconds=0
      publish:
        round: <% $.round + 1 %>
      on-success:
        - each: <% $.round < 3 %>
  output:
    rounds: <% $.round %>
`;
    const id = `rounds-${Date.now()}`;
    const view = await t.run({ definition: def }, id);
    expect(view.state, String(view.state_info)).toBe('SUCCESS');
    expect(view.output).toEqual({ rounds: 3 });
    expect(view.tasks.map((x) => [x.name, x.action_executions])).toEqual([
      ['start', 1],
      ['each', 1000],
      ['each', 1000],
      ['each', 1000],
    ]);
    const stats = await historyStats(t.client, id);
    expect(stats.largest).toBeLessThan(10_240);
    expect(stats.runs).toBeGreaterThan(1); // continued as new (no batch children: each round fits one run)
  }, 300_000);

  it('a task timeout cancels every running activity of the task on the worker (they share one cancellation scope)', async () => {
    const def = `version: '2.0'
slow:
  tasks:
    each:
      with-items: i in <% range(0, 5) %>
      action: std.sleep seconds=60
      timeout: 2
`;
    const id = `timeout-group-${Date.now()}`;
    const t0 = Date.now();
    const view = await t.run({ definition: def }, id);
    expect(Date.now() - t0).toBeLessThan(30_000); // not the 60 s of the sleeps
    expect(view.state).toBe('ERROR');
    expect(view.tasks[0].state_info).toContain('Task timed out');
    const events = (await t.client.workflow.getHandle(id).fetchHistory()).events ?? [];
    expect(events.filter((e) => e.activityTaskCancelRequestedEventAttributes)).toHaveLength(5);
  }, 60_000);
});
