/**
 * Scale: 10,000 with-items items go through the engine quickly, with O(1) work per result and a compact state.
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../interpreter/spec';
import { describeExecution, handleEvent, startExecution } from '../../interpreter/engine';
import { fakeHost } from './support/fake-host';

const YAML = `version: '2.0'
wf:
  tasks:
    fan:
      with-items: x in ${JSON.stringify(Array.from({ length: 10_000 }, (_, i) => i))}
      concurrency: 500
      action: std.noop
`;

describe('engine scale', () => {
  it('runs 10,000 with-items items (concurrency 500) in well under a few seconds; state stays small', () => {
    const definition = loadDefinition(YAML, 'scale.yaml');
    const host = fakeHost();
    const t0 = performance.now();
    let step = startExecution({ definition, workflow: 'wf', input: {}, params: {}, executionId: 'big' }, host);
    const queue = step.commands.filter((c) => c.kind === 'run_action').map((c) => c.key);
    expect(queue.length).toBe(500);
    let finished = false;
    for (let k = 0; k < queue.length; k++) {
      step = handleEvent(step.state, { kind: 'action_result', key: queue[k], ok: true, result: k }, host);
      for (const c of step.commands) {
        if (c.kind === 'run_action') queue.push(c.key);
        if (c.kind === 'workflow_finished') finished = true;
      }
    }
    const elapsed = performance.now() - t0;
    expect(finished).toBe(true);
    const view = describeExecution(step.state);
    expect(view.state).toBe('SUCCESS');
    expect(view.tasks[0].action_executions).toBe(10_000);
    expect((view.tasks[0].result as number[])[9_999]).toBe(9_999);
    expect(elapsed).toBeLessThan(3_000);
    expect(JSON.stringify(step.state).length).toBeLessThan(2_000_000);
  });
});
