/**
 * One engine step shares one expression budget: a with-items whose items are each cheap but together too much work for
 * one workflow activation fails its task with a clear message (instead of timing out workflow tasks forever), while
 * the same work spread over steps runs.
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../interpreter/spec';
import { describeExecution, handleEvent, startExecution } from '../../interpreter/engine';
import { fakeHost } from './support/fake-host';

/** Each item's input costs ~30,000 steps: well under the 200,000 of one expression. */
const items = (n: number, concurrency?: number) => `version: '2.0'
wf:
  tasks:
    heavy:
      with-items: i in <% range(0, ${n}) %>
${concurrency ? `      concurrency: ${concurrency}\n` : ''}      action: std.echo output=<% range(0, 10000).select($ * 2).sum() + $.i %>
`;

function run(yaml: string) {
  const definition = loadDefinition(yaml, 'pool.yaml');
  const host = fakeHost();
  let step = startExecution({ definition, workflow: 'wf', input: {}, params: {}, executionId: 'pool' }, host);
  const queue = step.commands.filter((c) => c.kind === 'run_action').map((c) => c.key);
  for (let k = 0; k < queue.length; k++) {
    step = handleEvent(step.state, { kind: 'action_result', key: queue[k], ok: true, result: k }, host);
    for (const c of step.commands) if (c.kind === 'run_action') queue.push(c.key);
  }
  return describeExecution(step.state);
}

describe('shared expression budget of one engine step', () => {
  it('fails a with-items task whose items together pass the budget, naming the cause', () => {
    const view = run(items(60));
    expect(view.state).toBe('ERROR');
    expect(view.tasks[0].state).toBe('ERROR');
    expect(view.tasks[0].state_info).toContain('exceeded their shared budget of 1500000 evaluation steps');
  });

  it('runs the same items when concurrency spreads them over steps', () => {
    const view = run(items(60, 10));
    expect(view.state).toBe('SUCCESS');
    expect(view.tasks[0].action_executions).toBe(60);
  });
});
