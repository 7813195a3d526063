/**
 * Expressions as an attack surface, end to end on the dev server: they read only the execution's own data — not the
 * worker's environment variables, files, JS globals or other executions — and a pathological one fails its task and
 * workflow (cleanly, with the budget named), never a workflow task retried forever or the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

let t: TestTemporal;
const SECRET = `worker-secret-${process.pid}-${Date.now()}`;
beforeAll(async () => {
  process.env.TRAMONTANE_TEST_SECRET = SECRET; // the worker runs in this process
  t = await startTestTemporal();
});
afterAll(async () => {
  delete process.env.TRAMONTANE_TEST_SECRET;
  await t?.stop();
});

describe('expressions cannot reach outside their execution', () => {
  it('see no environment variables, files, globals or prototypes', async () => {
    const def = `
version: '2.0'
probe:
  tasks:
    look:
      action: std.noop
      publish:
        env: <% env() %>
        y_ctor: <% $.get('constructor') %>
        y_proto: <% $.get('__proto__') %>
        j_process: "{{ _.process is defined }}"
        j_class: "{{ _.__class__ is defined }}"
        j_ctor: "{{ ''.constructor is defined }}"
        others: <% tasks().select($.workflow_execution_id).distinct() %>
`;
    const view = await t.run({ definition: def, env: { visible: 1 } }, `probe-${Date.now()}`);
    expect(view.state).toBe('SUCCESS');
    const published = view.tasks[0].published;
    expect(published).toEqual({
      env: { visible: 1 },
      y_ctor: null,
      y_proto: null,
      j_process: false,
      j_class: false,
      j_ctor: false,
      others: [view.id],
    });
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });

  it.each([
    ['YAQL runaway loop', '<% range(0, 100000000).sum() %>', /exceeded the limit of \d+ steps/],
    ['YAQL huge string', "<% 'x' * 100000000 %>", /over the limit of \d+/],
    ['Jinja runaway loop', '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{{ 1 }}', /budget of \d+ steps/],
  ])('a pathological expression (%s) fails the workflow cleanly', async (_name, expr, message) => {
    const def = `
version: '2.0'
bomb:
  tasks:
    boom:
      action: std.noop
      publish:
        x: "${expr}"
`;
    const id = `bomb-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const started = Date.now();
    const view = await t.run({ definition: def }, id);
    expect(view.state).toBe('ERROR');
    expect(view.state_info).toMatch(message);
    expect(Date.now() - started).toBeLessThan(30_000);
    const history = await t.client.workflow.getHandle(id).fetchHistory();
    expect((history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
  });
});
