import { describe, expect, it } from 'vitest';
import { defOf, errorsOf, wfWithTasks } from './helpers';

const ONE_TASK = '    t1:\n      action: std.noop\n';

describe('workflow keywords', () => {
  it('reads type, description, tags, input, output, output-on-error and vars', () => {
    const wf = defOf(
      wfWithTasks(
        ONE_TASK,
        '  type: direct\n  description: Does things\n  tags: [a, b]\n  input:\n    - host\n    - port: 22\n    - opt: null\n' +
          '  output:\n    result: <% $.r %>\n  output-on-error:\n    why: <% $.w %>\n  vars:\n    retries: 3\n',
      ),
    ).workflows.wf;
    expect(wf).toMatchObject({
      name: 'wf',
      type: 'direct',
      description: 'Does things',
      tags: ['a', 'b'],
      input: [
        { name: 'host', required: true },
        { name: 'port', required: false, default: 22 },
        { name: 'opt', required: false, default: null },
      ],
      output: { result: '<% $.r %>' },
      outputOnError: { why: '<% $.w %>' },
      vars: { retries: 3 },
      taskDefaults: { requires: [], policies: {} },
    });
    expect(defOf(wfWithTasks(ONE_TASK)).workflows.wf.output).toBeUndefined();
  });

  it('rejects unknown workflow keys (stricter than Mistral 15, which ignores them: oracle)', () => {
    expect(errorsOf(wfWithTasks(ONE_TASK, '  typo: 1\n'))).toEqual([
      "wf.yaml:3:3: Invalid DSL: Additional properties are not allowed ('typo' was unexpected). Allowed in a workflow: type, description, tags, input, output, output-on-error, vars, task-defaults, tasks",
    ]);
  });

  it('requires output, output-on-error and vars to be dicts (oracle: "\'<% $.x %>\' is not of type \'object\'")', () => {
    expect(errorsOf(wfWithTasks(ONE_TASK, '  output: <% $.x %>\n  output-on-error: []\n  vars: [1]\n'))).toEqual([
      "wf.yaml:3:11: Invalid DSL: 'output' must be a non-empty dict, got '<% $.x %>'",
      "wf.yaml:4:20: Invalid DSL: 'output-on-error' must be a non-empty dict, got []",
      "wf.yaml:5:9: Invalid DSL: 'vars' must be a non-empty dict, got a list",
    ]);
  });

  it('rejects repeated or malformed inputs (oracle: non-unique elements, too many properties)', () => {
    expect(errorsOf(wfWithTasks(ONE_TASK, '  input:\n    - a\n    - a: 1\n    - b: 1\n      c: 2\n    - 7\n'))).toEqual([
      "wf.yaml:5:7: Invalid DSL: 'input' has non-unique elements ('a' is declared twice)",
      "wf.yaml:6:7: Invalid DSL: each 'input' item must be a name or a one-key dict (name: default), got a dict with 2 keys",
      "wf.yaml:8:7: Invalid DSL: each 'input' item must be a name or a one-key dict (name: default), got 7",
    ]);
  });

  it('rejects repeated tags and a wrong type (oracle: non-unique elements)', () => {
    expect(errorsOf(wfWithTasks(ONE_TASK, '  tags: [a, a]\n  type: sideways\n'))).toEqual([
      "wf.yaml:3:13: Invalid DSL: 'tags' has non-unique elements ('a' is repeated)",
      "wf.yaml:4:9: Invalid DSL: workflow 'type' must be 'direct' or 'reverse', got 'sideways'",
    ]);
  });

  it('requires tasks (oracle: "\'tasks\' is a required property"; empty: "Workflow doesn\'t have any tasks")', () => {
    expect(errorsOf("version: '2.0'\nwf:\n  input: [a]\n")).toEqual(["wf.yaml:3:3: Invalid DSL: 'tasks' is a required property"]);
    expect(errorsOf("version: '2.0'\nwf:\n  tasks: {}\n")).toEqual(["wf.yaml:3:10: Workflow doesn't have any tasks"]);
  });
});

describe('task-defaults', () => {
  it('reads policies, clauses, safe-rerun and requires', () => {
    const wf = defOf(
      wfWithTasks(
        ONE_TASK + '    handler:\n      action: std.noop\n',
        '  task-defaults:\n    retry: count=2 delay=1\n    timeout: 10\n    safe-rerun: true\n    on-error:\n      - handler\n',
      ),
    ).workflows.wf;
    expect(wf.taskDefaults).toEqual({
      requires: [],
      policies: { retry: { count: 2, delay: 1 }, timeout: 10 },
      safeRerun: true,
      onError: { next: [{ target: 'handler', params: {}, pos: { line: 8, col: 9 } }] },
    });
  });

  it('rejects keys that task-defaults cannot hold (oracle: \'publish\' / \'join\' was unexpected)', () => {
    expect(errorsOf(wfWithTasks(ONE_TASK, '  task-defaults:\n    join: all\n'))).toEqual([
      "wf.yaml:4:5: Invalid DSL: Additional properties are not allowed ('join' was unexpected). Allowed in 'task-defaults': retry, wait-before, wait-after, timeout, pause-before, concurrency, fail-on, on-success, on-error, on-complete, safe-rerun, requires",
    ]);
  });
});

describe('reverse workflows', () => {
  const reverse = (tasks: string, extra = '') => wfWithTasks(tasks, `  type: reverse\n${extra}`);

  it('reads requires as a string or a list', () => {
    const wf = defOf(reverse('    a:\n      action: std.noop\n    b:\n      requires: a\n    c:\n      requires: [a, b]\n')).workflows.wf;
    expect(wf.tasks.b.requires).toEqual(['a']);
    expect(wf.tasks.c.requires).toEqual(['a', 'b']);
  });

  it("reports unknown requirements, engine commands included (oracle: \"Task 'fail' not found.\")", () => {
    expect(errorsOf(reverse('    t1:\n      requires: [t2, fail]\n    t2:\n      action: std.noop\n'))).toEqual([
      "wf.yaml:6:22: Task 'fail' not found.",
    ]);
  });

  it('rejects direct-only keys with a hint (oracle: \'on-success\' / \'join\' was unexpected)', () => {
    expect(errorsOf(reverse('    t1:\n      on-success: t2\n      join: all\n    t2:\n      action: std.noop\n'))).toEqual([
      "wf.yaml:6:7: Invalid DSL: Additional properties are not allowed ('on-success' was unexpected): 'on-success' is only allowed in direct workflows",
      "wf.yaml:7:7: Invalid DSL: Additional properties are not allowed ('join' was unexpected): 'join' is only allowed in direct workflows",
    ]);
  });

  it('does not reject requirement cycles at upload (Mistral does not either)', () => {
    expect(errorsOf(reverse('    a:\n      requires: b\n    b:\n      requires: a\n'))).toEqual([]);
  });
});
