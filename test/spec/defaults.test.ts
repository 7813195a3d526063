import { describe, expect, it } from 'vitest';
import {
  effectiveClause,
  effectiveTask,
  inboundTasks,
  outboundTasks,
  startTasks,
} from '../../interpreter/spec/defaults';
import { defOf, wfWithTasks } from './helpers';

const targets = (c: { next: { target: string }[] } | undefined) => c?.next.map((t) => t.target);

describe('task-defaults applied to tasks', () => {
  const wf = defOf(
    wfWithTasks(
      '    t1:\n      action: std.noop\n      timeout: 0\n      pause-before: false\n      wait-before: 5\n' +
        '    t2:\n      action: std.noop\n      on-error: [other]\n      safe-rerun: false\n' +
        '    handler:\n      action: std.noop\n' +
        '    other:\n      action: std.noop\n      on-success:\n        publish:\n          branch:\n            x: 1\n',
      '  task-defaults:\n    timeout: 30\n    pause-before: true\n    wait-before: 1\n    retry:\n      count: 2\n      delay: 0\n' +
        '    safe-rerun: true\n    on-error: [handler]\n    on-success: [handler]\n',
    ),
  ).workflows.wf;

  it('takes a policy from task-defaults when the task value is unset, 0 or false (§2.5 quirk, oracle for pause-before)', () => {
    expect(effectiveTask(wf, 't1').policies).toEqual({
      timeout: 30,
      pauseBefore: true,
      waitBefore: 5,
      retry: { count: 2, delay: 0 },
    });
  });

  it('resolves safe-rerun: task, then defaults, then false', () => {
    expect(effectiveTask(wf, 't1').safeRerun).toBe(true);
    expect(effectiveTask(wf, 't2').safeRerun).toBe(false);
    const plain = defOf(wfWithTasks('    t1:\n      action: std.noop\n')).workflows.wf;
    expect(effectiveTask(plain, 't1').safeRerun).toBe(false);
  });

  it("uses a default clause only when the task's own clause has no transitions", () => {
    expect(targets(effectiveTask(wf, 't1').onError)).toEqual(['handler']);
    expect(targets(effectiveTask(wf, 't2').onError)).toEqual(['other']);
  });

  it('drops a default transition to the task itself', () => {
    expect(effectiveTask(wf, 'handler').onError).toBeUndefined();
    expect(effectiveClause(wf, 'handler', 'onSuccess')).toBeUndefined();
  });

  it("keeps the task's own advanced publish when the transitions come from the defaults", () => {
    expect(effectiveTask(wf, 'other').onSuccess).toEqual({
      next: [{ target: 'handler', params: {}, pos: { line: 12, col: 18 } }],
      publish: { branch: { x: 1 } },
    });
  });

  it('counts inbound and start tasks over all clauses, task-defaults included', () => {
    expect(inboundTasks(wf, 'handler')).toEqual(['t1', 't2', 'other']);
    expect(inboundTasks(wf, 'other')).toEqual(['t2']);
    expect(outboundTasks(wf, 't2')).toEqual(['handler', 'other']);
    expect(startTasks(wf)).toEqual(['t1', 't2']);
  });

  it('does not count transitions to engine commands as inbound, even to a task of that name (§11)', () => {
    const w = defOf(wfWithTasks('    t1:\n      action: std.noop\n      on-error: fail\n    fail:\n      action: std.noop\n')).workflows.wf;
    expect(inboundTasks(w, 'fail')).toEqual([]);
    expect(startTasks(w)).toEqual(['t1', 'fail']);
  });

  it('counts a task that transitions to itself as its own inbound task', () => {
    const w = defOf(wfWithTasks('    t0:\n      on-success: t1\n    t1:\n      on-error: t1\n')).workflows.wf;
    expect(inboundTasks(w, 't1')).toEqual(['t0', 't1']);
  });

  it("throws Mistral's message for an unknown task", () => {
    expect(() => effectiveTask(wf, 'nope')).toThrow("Task 'nope' not found.");
  });
});

describe('reverse requires with task-defaults', () => {
  const wf = defOf(
    wfWithTasks(
      '    init:\n      action: std.noop\n    a:\n      requires: [b]\n    b:\n      action: std.noop\n',
      '  type: reverse\n  task-defaults:\n    requires: [init, a]\n',
    ),
  ).workflows.wf;

  it('unions task and default requires, minus the task itself', () => {
    expect(effectiveTask(wf, 'a').requires).toEqual(['b', 'init']);
    expect(effectiveTask(wf, 'b').requires).toEqual(['init', 'a']);
    expect(effectiveTask(wf, 'init').requires).toEqual(['a']);
  });

  it('has no start task when every task requires another', () => {
    expect(startTasks(wf)).toEqual([]);
  });
});
