/**
 * Scale on a real dev server: 10,000 with-items items complete without any run passing 10,240 history events or
 * Temporal's 4 MB workflow-task limit (batches of items in child workflows, a byte budget per workflow task), and a
 * concurrency-limited fan-out of local activities stays bounded per workflow task and continues-as-new when long.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { historyStats } from '../support/history-stats';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

const items = (n: number, extra = '') =>
  `version: '2.0'\nscale:\n  tasks:\n    each:\n      with-items: i in <% range(0, ${n}) %>\n${extra}      action: std.echo output=<% $.i %>\n      publish:\n        total: <% task().result.sum() %>\n`;

describe('with-items at scale', () => {
  it('runs 10,000 items with no run over 10,240 events', async () => {
    const id = `scale-10k-${Date.now()}`;
    const view = await t.run({ definition: items(10_000) }, id);
    expect(view.state).toBe('SUCCESS');
    expect(view.tasks[0].published).toEqual({ total: (9_999 * 10_000) / 2 });
    expect(view.tasks[0].action_executions).toBe(10_000);
    const stats = await historyStats(t.client, id);
    expect(stats.largest).toBeLessThan(10_240);
    expect(stats.runs).toBeGreaterThan(1); // the items ran in batch children
  }, 180_000);

  it('runs a concurrency-limited fan-out of local activities in bounded workflow tasks', async () => {
    const id = `scale-c100-${Date.now()}`;
    const view = await t.run({ definition: items(2_500, '      concurrency: 100\n') }, id);
    expect(view.state).toBe('SUCCESS');
    expect(view.tasks[0].published).toEqual({ total: (2_499 * 2_500) / 2 });
    const stats = await historyStats(t.client, id);
    expect(stats.largest).toBeLessThan(10_240);
  }, 180_000);
});
