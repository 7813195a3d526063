/**
 * The generic workflow on a real Temporal dev server: definitions in, Mistral states and data out.
 * Expected values marked "oracle" were checked against the real Mistral 15.0.0 (../shared/tools/mistral-oracle).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

const hello = readFileSync(new URL('../../examples/hello.yaml', import.meta.url), 'utf8');

describe('MistralWorkflow on a dev server', () => {
  it('runs a trivial workflow and returns its output (oracle)', async () => {
    const view = await t.run({ definition: hello, input: { name: 'operator' } });
    expect(view.state).toBe('SUCCESS');
    expect(view.output).toEqual({ greeting: 'Hello, operator!' });
    expect(view.tasks.map((x) => [x.name, x.state, x.published])).toEqual([
      ['greet', 'SUCCESS', { greeting: 'Hello, operator!' }],
    ]);
  });

  it('applies input defaults and refuses unexpected input like Mistral', async () => {
    const ok = await t.run({ definition: hello });
    expect(ok.output).toEqual({ greeting: 'Hello, world!' });
    await expect(t.run({ definition: hello, input: { nam: 'typo' } })).rejects.toThrow(
      /Invalid input \[name=hello.*unexpected=\['nam'\]/,
    );
  });

  it('runs with-items in order, fails the task when one item fails, and keeps the others (oracle)', async () => {
    const def = `
version: '2.0'
wf:
  tasks:
    each:
      with-items: x in <% [1, 2, 3] %>
      action: std.echo output=<% $.x * 10 %>
      publish:
        got: <% task().result %>
    failing:
      with-items: x in <% [1, 2, 3] %>
      action: std.fail error_data=<% $.x %>
`;
    const view = await t.run({ definition: def });
    expect(view.state).toBe('ERROR');
    const each = view.tasks.find((x) => x.name === 'each')!;
    expect(each.state).toBe('SUCCESS');
    expect(each.published).toEqual({ got: [10, 20, 30] });
    expect(each.action_executions).toBe(3);
    const failing = view.tasks.find((x) => x.name === 'failing')!;
    expect(failing.state).toBe('ERROR');
    expect(failing.action_executions).toBe(3);
  });

  it('runs a subworkflow as a child workflow and passes its output up', async () => {
    const def = `
version: '2.0'
parent:
  tasks:
    call:
      workflow: child
      input:
        n: 2
      publish:
        doubled: <% task().result.doubled %>
  output:
    doubled: <% $.doubled %>
child:
  input:
    - n
  tasks:
    calc:
      action: std.echo output=<% $.n * 2 %>
      publish:
        doubled: <% task().result %>
`;
    const view = await t.run({ definition: def, workflow: 'parent' });
    expect(view.state).toBe('SUCCESS');
    expect(view.output).toEqual({ doubled: 4 });
  });

  it('fails an unknown action with a clear error, without a stuck workflow', async () => {
    const def = `
version: '2.0'
wf:
  tasks:
    t1:
      action: cinder.no_such_thing
`;
    const view = await t.run({ definition: def });
    expect(view.state).toBe('ERROR');
    expect(view.state_info).toMatch(/cinder\.no_such_thing/);
  });
});
