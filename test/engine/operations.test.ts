/**
 * Operator events on the engine: pause/resume (backlog, results recorded while paused), cancel (work cancelled,
 * CANCELLED state), rerun of an ERROR task, and command summaries that never show secrets. (Reasoned from
 * Mistral's §7.4 semantics; the oracle cannot drive operator events.)
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../interpreter/spec';
import { drive } from './support/driver';

const def = (y: string) => loadDefinition(y, 'ops.yaml');

describe('engine operations', () => {
  it('resume runs the backlog saved by a pause command', () => {
    const run = drive({
      definition: def(`version: '2.0'\nwf:\n  tasks:\n    a:\n      action: std.noop\n      on-success: [pause, b]\n    b:\n      action: std.noop\n`),
      workflow: 'wf',
      operator: [{ resume: null }],
    });
    expect(run.view.state).toBe('SUCCESS');
    expect(run.view.tasks.map((t) => `${t.name}:${t.state}`)).toEqual(['a:SUCCESS', 'b:SUCCESS']);
  });

  it('pause-before parks the task IDLE and pauses the workflow until resume', () => {
    const d = def(`version: '2.0'\nwf:\n  tasks:\n    a:\n      action: std.noop\n      pause-before: true\n`);
    const paused = drive({ definition: d, workflow: 'wf' });
    expect(paused.view.state).toBe('PAUSED');
    expect(paused.view.tasks[0].state).toBe('IDLE');
    const resumed = drive({ definition: d, workflow: 'wf', operator: [{ resume: null }] });
    expect(resumed.view.state).toBe('SUCCESS');
    expect(resumed.view.tasks[0].action_executions).toBe(1);
  });

  it('cancel stops running work and ends CANCELLED with the given message', () => {
    const run = drive({
      definition: def(`version: '2.0'\nwf:\n  tasks:\n    a:\n      action: fake.deploy host="h1"\n`),
      workflow: 'wf',
      mocks: { a: { hang: true } },
      operator: [{ cancel: 'stopped by operator' }],
    });
    expect(run.view.state).toBe('CANCELLED');
    expect(run.view.state_info).toBe('stopped by operator');
    expect(run.view.tasks[0].state).toBe('CANCELLED');
    expect(run.commands.some((c) => c.kind === 'cancel_action')).toBe(true);
  });

  it('rerun of an ERROR task runs it again and the workflow can then succeed', () => {
    const run = drive({
      definition: def(`version: '2.0'\nwf:\n  tasks:\n    a:\n      action: fake.deploy host="h1"\n`),
      workflow: 'wf',
      mocks: { a: [{ error: 'host down' }, { result: 'ok' }] },
      operator: [{ rerun: 'a', reset: true }],
    });
    expect(run.view.state).toBe('SUCCESS');
    expect(run.view.tasks[0].result).toBe('ok');
  });

  it('rerun with reset=false reruns only the failed items of a with-items task', () => {
    const run = drive({
      definition: def(`version: '2.0'\nwf:\n  tasks:\n    a:\n      with-items: h in ["h1", "h2", "h3"]\n      action: fake.deploy host="x"\n`),
      workflow: 'wf',
      mocks: { a: [{ result: 1 }, { error: 'down' }, { result: 3 }, { result: 2 }] },
      operator: [{ rerun: 'a', reset: false }],
    });
    expect(run.view.state).toBe('SUCCESS');
    expect(run.view.tasks[0].result).toEqual([1, 2, 3]);
    expect(run.view.tasks[0].items!.map((i) => i.attempts)).toEqual([1, 2, 1]);
  });

  it('summaries name task, item and action, and never show secret values', () => {
    const run = drive({
      definition: def(`version: '2.0'\nwf:\n  tasks:\n    deploy:\n      with-items: h in ["10.0.0.7"]\n      action: fake.deploy host="10.0.0.7" password="hunter2"\n`),
      workflow: 'wf',
    });
    const cmd = run.commands.find((c) => c.kind === 'run_action')!;
    expect(cmd.summary).toBe('deploy[0] fake.deploy host=10.0.0.7 password=***');
    expect(cmd.summary).not.toContain('hunter2');
  });
});
