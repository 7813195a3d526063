import { describe, expect, it } from 'vitest';
import { defOf, errorsOf, wfWithTasks } from './helpers';

describe('on-* clauses', () => {
  it('normalizes the simple forms: a name, a list of names and guarded names', () => {
    const wf = defOf(
      wfWithTasks(
        '    t1:\n      action: std.noop\n      on-success: t2\n      on-error:\n        - t2\n        - t3: <% $.x > 1 %>\n    t2: {}\n    t3:\n      action: std.noop\n'.replace(
          '    t2: {}\n',
          '    t2:\n      action: std.noop\n',
        ),
      ),
    ).workflows.wf;
    expect(wf.tasks.t1.onSuccess).toEqual({ next: [{ target: 't2', params: {}, pos: { line: 6, col: 19 } }] });
    expect(wf.tasks.t1.onError).toEqual({
      next: [
        { target: 't2', params: {}, pos: { line: 8, col: 11 } },
        { target: 't3', params: {}, condition: '<% $.x > 1 %>', pos: { line: 9, col: 11 } },
      ],
    });
    expect(wf.tasks.t1.onComplete).toBeUndefined();
  });

  it('marks engine commands and parses their msg in every form (oracle: fail msg="stop": <% true %> ends ERROR "stop")', () => {
    const wf = defOf(
      wfWithTasks(
        '    t1:\n      action: std.noop\n      on-success:\n        - fail msg="stop": <% $.bad %>\n' +
          "        - fail(msg='x'): <% $.worse %>\n        - succeed\n      on-error:\n        - pause\n" +
          '        - fail(msg=<% $.why %>)\n        - noop\n',
      ),
    ).workflows.wf;
    const strip = (ts: unknown[]) => ts.map((t) => ({ ...(t as object), pos: undefined }));
    expect(strip(wf.tasks.t1.onSuccess!.next)).toEqual([
      { target: 'fail', command: 'fail', params: { msg: 'stop' }, condition: '<% $.bad %>', pos: undefined },
      // Mistral 15 itself only parses the function form when it contains a space (oracle: "Task 'fail(msg='x')' not
      // found."); the documented syntax is supported here.
      { target: 'fail', command: 'fail', params: { msg: 'x' }, condition: '<% $.worse %>', pos: undefined },
      { target: 'succeed', command: 'succeed', params: {}, pos: undefined },
    ]);
    expect(strip(wf.tasks.t1.onError!.next)).toEqual([
      { target: 'pause', command: 'pause', params: {}, pos: undefined },
      { target: 'fail', command: 'fail', params: { msg: '<% $.why %>' }, pos: undefined },
      { target: 'noop', command: 'noop', params: {}, pos: undefined },
    ]);
  });

  it('marks a command even when a task has the same name (§11: the command wins)', () => {
    const wf = defOf(wfWithTasks('    t1:\n      action: std.noop\n      on-error: fail\n    fail:\n      action: std.noop\n')).workflows.wf;
    expect(wf.tasks.t1.onError!.next[0].command).toBe('fail');
  });

  it('reads the advanced form with publish scopes and next (oracle: branch + global + atomic accepted)', () => {
    const wf = defOf(
      wfWithTasks(
        '    t1:\n      action: std.noop\n      on-success:\n        publish:\n          branch:\n            b: 2\n' +
          '          global:\n            g: <% 3 %>\n          atomic:\n            c: 4\n        next:\n          - t2: <% true %>\n' +
          '      on-complete:\n        publish:\n          global:\n            done: true\n    t2:\n      action: std.noop\n',
      ),
    ).workflows.wf;
    expect(wf.tasks.t1.onSuccess).toEqual({
      next: [{ target: 't2', params: {}, condition: '<% true %>', pos: { line: 15, col: 13 } }],
      publish: { branch: { b: 2 }, global: { g: '<% 3 %>' }, atomic: { c: 4 } },
    });
    expect(wf.tasks.t1.onComplete).toEqual({ next: [], publish: { global: { done: true } } });
  });

  it('rejects wrong clause shapes with located messages (oracle rejects each)', () => {
    expect(
      errorsOf(
        wfWithTasks(
          '    t1:\n      action: std.noop\n      on-success: []\n      on-error:\n        - t2: true\n' +
            '      on-complete:\n        - t2 and more\n    t2:\n      action: std.noop\n',
        ),
      ),
    ).toEqual([
      "wf.yaml:6:19: Invalid DSL: 'on-success' must not be an empty list",
      "wf.yaml:8:15: Invalid DSL: 't2' condition in 'on-error' must be an expression (<% ... %> or {{ ... }}), got true",
      "wf.yaml:10:11: Invalid DSL: 't2 and more' is not a valid transition in 'on-complete': use 'task_name', 'command key=value' or 'command(key=value)' (targets cannot be expressions)",
    ]);
  });

  it('rejects an empty or unknown advanced publish (oracle messages)', () => {
    expect(
      errorsOf(
        wfWithTasks(
          '    t1:\n      action: std.noop\n      on-success:\n        publish: {}\n      on-error:\n        publish:\n          local:\n            a: 1\n',
        ),
      ),
    ).toEqual([
      "wf.yaml:7:18: Either 'branch', 'global' or 'atomic' must be specified",
      "wf.yaml:10:11: Invalid DSL: Additional properties are not allowed ('local' was unexpected). Allowed in an on-* 'publish': branch, global, atomic",
    ]);
  });
});

describe('direct workflow graph', () => {
  it("reports every unknown target (oracle: \"Task 't9' not found.\")", () => {
    expect(
      errorsOf(wfWithTasks('    t1:\n      on-success: [t2, t9]\n    t2:\n      on-error: t8\n', '  task-defaults:\n    on-complete: [t7]\n')),
    ).toEqual([
      "wf.yaml:4:19: Task 't7' not found.",
      "wf.yaml:7:24: Task 't9' not found.",
      "wf.yaml:9:17: Task 't8' not found.",
    ]);
  });

  it('requires a start task (oracle message)', () => {
    expect(errorsOf(wfWithTasks('    t1:\n      on-success: t2\n    t2:\n      on-success: t1\n'))).toEqual([
      'wf.yaml:4:5: Failed to find start tasks in direct workflow. There must be at least one task without inbound transition. [workflow_name=wf]',
    ]);
  });

  it('counts task-defaults transitions as inbound (no start task left here)', () => {
    expect(errorsOf(wfWithTasks('    t1:\n      action: std.noop\n    t2:\n      action: std.noop\n', '  task-defaults:\n    on-complete: [t1, t2]\n'))).toEqual([
      'wf.yaml:6:5: Failed to find start tasks in direct workflow. There must be at least one task without inbound transition. [workflow_name=wf]',
    ]);
  });

  it('checks join inbound counts (oracle messages)', () => {
    expect(errorsOf(wfWithTasks('    t1:\n      on-success: t3\n    t2:\n      action: std.noop\n    t3:\n      join: 2\n'))).toEqual([
      "wf.yaml:9:13: Not enough inbound tasks for task with 'join' [task_name=t3, join=2, inbound_tasks=1]",
    ]);
    expect(errorsOf(wfWithTasks('    t1:\n      action: std.noop\n    t3:\n      join: all\n'))).toEqual([
      "wf.yaml:7:13: No inbound tasks for task with 'join: all' [task_name=t3]",
    ]);
    expect(errorsOf(wfWithTasks('    t1:\n      action: std.noop\n    t3:\n      join: some\n'))).toEqual([
      "wf.yaml:7:13: Invalid DSL: 'join' must be 'all', 'one' or an integer >= 0, got 'some'",
    ]);
  });

  it("normalizes join: one → 1 and join: 0 → not a join (oracle: join: 0 runs like a plain task)", () => {
    const wf = defOf(
      wfWithTasks('    a:\n      on-success: [c, d]\n    b:\n      on-success: [c]\n    c:\n      join: one\n    d:\n      join: 0\n'),
    ).workflows.wf;
    expect(wf.tasks.c.join).toBe(1);
    expect(wf.tasks.d.join).toBeUndefined();
  });

  it('rejects reverse-only keys in direct tasks with a hint (oracle: \'requires\' was unexpected)', () => {
    expect(errorsOf(wfWithTasks('    t1:\n      requires: [t2]\n    t2:\n      action: std.noop\n'))).toEqual([
      "wf.yaml:5:7: Invalid DSL: Additional properties are not allowed ('requires' was unexpected): 'requires' is only allowed in reverse workflows",
    ]);
  });
});
