/**
 * Order of the after-completion policies, as the command stream shows it. Checked against the Mistral 15 oracle's
 * task events for the same workflow (`retry-wait-after.yaml`): SUCCEEDED → DELAYED (wait-after) → SUCCEEDED →
 * DELAYED (retry) → LAUNCHED → SUCCEEDED → DELAYED (retry) → LAUNCHED → SUCCEEDED, then `b`. So wait-after runs
 * first, once per task execution, and retry iterations do not wait again.
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../interpreter/spec';
import type { EngineCommand } from '../../interpreter/engine';
import { drive } from './support/driver';

const trace = (cmds: EngineCommand[]) =>
  cmds.flatMap((c) =>
    c.kind === 'run_action' ? [`run ${c.taskName}`] : c.kind === 'start_timer' ? [`timer ${c.reason} ${c.seconds}s`] : [],
  );

describe('after-completion policy order', () => {
  it('waits after the first completion only, then retries without waiting again (checked against Mistral 15 oracle)', () => {
    const definition = loadDefinition(
      `version: '2.0'
wf:
  tasks:
    a:
      action: std.echo output=0
      wait-after: 1
      retry:
        count: 2
        delay: 0
        continue-on: <% task().result < 2 %>
      on-success: [b]
    b:
      action: std.noop
`,
      'wf.yaml',
    );
    const run = drive({ definition, workflow: 'wf' });
    expect(run.view.state).toBe('SUCCESS');
    expect(trace(run.commands)).toEqual(['run a', 'timer wait-after 1s', 'run a', 'run a', 'run b']);
  });

  it('fail-on is decided after the wait-after delay, and retry then sees the ERROR (checked against Mistral 15 oracle)', () => {
    const definition = loadDefinition(
      `version: '2.0'
wf:
  tasks:
    a:
      action: std.echo output=1
      wait-after: 2
      fail-on: <% task().result = 1 %>
      retry: count=1 delay=3
`,
      'wf.yaml',
    );
    const run = drive({ definition, workflow: 'wf' });
    expect(trace(run.commands)).toEqual(['run a', 'timer wait-after 2s', 'timer retry 3s', 'run a']);
    expect(run.view.state).toBe('ERROR');
    expect(run.view.tasks[0].state_info).toBe("Failed by 'fail-on' policy");
    expect(run.view.tasks[0].retry_no).toBe(1);
  });
});
