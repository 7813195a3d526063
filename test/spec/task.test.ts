import { describe, expect, it } from 'vitest';
import { defOf, errorsOf, wfWithTasks } from './helpers';

const task = (body: string) => wfWithTasks(`    t1:\n${body}`);
const t1 = (body: string) => defOf(task(body)).workflows.wf.tasks.t1;

describe('task keywords', () => {
  it('rejects an unknown key, naming it and the allowed ones (oracle: "\'foo\' was unexpected")', () => {
    expect(errorsOf(task('      action: std.noop\n      foo: 1\n'))).toEqual([
      "wf.yaml:6:7: Invalid DSL: Additional properties are not allowed ('foo' was unexpected). Allowed in a task of a direct workflow: description, tags, type, action, workflow, input, with-items, publish, publish-on-error, target, keep-result, safe-rerun, retry, wait-before, wait-after, timeout, pause-before, concurrency, fail-on, join, on-success, on-error, on-complete",
    ]);
  });

  it('reports several errors at once, each at its own line', () => {
    expect(
      errorsOf(task('      action: std.noop\n      timeout: -1\n      keep-result: "yes"\n      target: 5\n')),
    ).toEqual([
      "wf.yaml:6:16: Invalid DSL: 'timeout' must be an integer >= 0 or an expression, got -1",
      "wf.yaml:7:20: Invalid DSL: 'keep-result' must be true, false or an expression, got 'yes'",
      "wf.yaml:8:15: Invalid DSL: 'target' must be a non-empty string, got 5",
    ]);
  });

  it('rejects a task that is not a dict (oracle: "None is not of type \'object\'")', () => {
    expect(errorsOf(task(''))).toEqual(["wf.yaml:4:8: Invalid DSL: task 't1' must be a non-empty dict, got null"]);
  });

  it('rejects action and workflow together (oracle: valid under each of required action / workflow)', () => {
    expect(errorsOf(task('      action: std.noop\n      workflow: other\n'))).toEqual([
      "wf.yaml:6:17: Invalid DSL: a task can have either 'action' or 'workflow', not both",
    ]);
  });

  it('leaves action and workflow unset for a task with neither (the engine runs std.noop)', () => {
    const t = t1('      publish:\n        a: 1\n');
    expect(t.action).toBeUndefined();
    expect(t.workflow).toBeUndefined();
    expect(t.keepResult).toBe(true);
    expect(t.input).toEqual({});
    expect(t.requires).toEqual([]);
  });

  it('rejects a command that does not start with a name (oracle: "Invalid action/workflow task property")', () => {
    expect(errorsOf(task('      action: "!!bad x=1"\n'))).toEqual([
      'wf.yaml:5:15: Invalid action/workflow task property: !!bad x=1',
    ]);
  });

  it('rejects too long task names (Mistral: 255, 208 with join)', () => {
    const long = 'x'.repeat(256);
    expect(errorsOf(wfWithTasks(`    ${long}:\n      action: std.noop\n`))).toEqual([
      `wf.yaml:4:5: The length of a '${long}' task name must not exceed 255 symbols`,
    ]);
  });

  it('accepts task names Mistral accepts (spaces, dashes; oracle)', () => {
    const def = defOf(wfWithTasks('    my task:\n      action: std.noop\n    my-task:\n      action: std.noop\n'));
    expect(Object.keys(def.workflows.wf.tasks)).toEqual(['my task', 'my-task']);
  });
});

describe('inline parameters', () => {
  it('drops unquoted words like Mistral (oracle: std.echo output=hello → missing output)', () => {
    const t = t1('      action: std.echo output=hello n=1\n');
    expect(t.action).toBe('std.echo');
    expect(t.inlineParams).toEqual({ n: 1 });
  });

  // Expected values below were produced by Mistral's own `_parse_cmd_and_input` (15.0.0).
  it('keeps quoted strings as strings and decodes JSON lists, numbers, true/false/null; keeps expressions', () => {
    const t = t1(`      action: std.echo h={{ _.y }} c=[1, "b"] a="x y" b='1' d=true e=null f=42 g=<% $.x %> n=-1 x=1.5 w=word\n`);
    expect(t.inlineParams).toEqual({ h: '{{ _.y }}', c: [1, 'b'], a: 'x y', b: '1', d: true, e: null, f: 42, g: '<% $.x %>', x: 1 });
  });

  it('lets a [...] value run to the last "]" on the line, like Mistral (then it is not JSON and stays text)', () => {
    expect(t1(`      action: std.echo a="x" c=[1, "b"] d=true i=[1, 'b']\n`).inlineParams).toEqual({
      a: 'x',
      c: `[1, "b"] d=true i=[1, 'b']`,
    });
  });

  it('splits workflow names from inline params (oracle: sub x="1" y=2 gives x="1", y=2)', () => {
    const t = t1('      workflow: sub x="1" y=2\n');
    expect(t.workflow).toBe('sub');
    expect(t.inlineParams).toEqual({ x: '1', y: 2 });
  });

  it('keeps an expression action name as written', () => {
    expect(t1('      action: <% $.name %> x=1\n').action).toBe('<% $.name %>');
  });

  it('rejects inline params combined with an expression input', () => {
    expect(errorsOf(task('      action: std.echo output="x"\n      input: <% $.in %>\n'))).toEqual([
      "wf.yaml:6:14: Invalid DSL: inline parameters cannot be combined with an expression 'input'; use an 'input' dict",
    ]);
  });
});

describe('input and publish', () => {
  it('accepts an input dict or an expression string (oracle: input: <% {output => 1} %>)', () => {
    expect(t1('      action: std.echo\n      input:\n        output: <% $.x %>\n').input).toEqual({ output: '<% $.x %>' });
    expect(t1('      action: std.echo\n      input: <% {output => 1} %>\n').input).toBe('<% {output => 1} %>');
  });

  it('requires publish and publish-on-error to be non-empty dicts', () => {
    expect(errorsOf(task('      action: std.noop\n      publish: {}\n      publish-on-error: [a]\n'))).toEqual([
      "wf.yaml:6:16: Invalid DSL: 'publish' must be a non-empty dict, got {}",
      "wf.yaml:7:25: Invalid DSL: 'publish-on-error' must be a non-empty dict, got a list",
    ]);
  });

  it('accepts publish keys that are not plain words (oracle: my-var)', () => {
    expect(t1('      action: std.noop\n      publish:\n        my-var: 1\n').publish).toEqual({ 'my-var': 1 });
  });
});

describe('with-items', () => {
  it('reads "var in <% expr %>", inline JSON lists and lists of those', () => {
    expect(t1('      with-items: x in <% $.xs %>\n      action: std.noop\n').withItems).toEqual([
      { var: 'x', collection: '<% $.xs %>' },
    ]);
    expect(t1('      with-items: x in [1, 2, "a"]\n      action: std.noop\n').withItems).toEqual([
      { var: 'x', collection: [1, 2, 'a'] },
    ]);
    expect(
      t1('      with-items:\n        - a in <% $.as %>\n        - b in {{ _.bs }}\n      action: std.noop\n').withItems,
    ).toEqual([
      { var: 'a', collection: '<% $.as %>' },
      { var: 'b', collection: '{{ _.bs }}' },
    ]);
  });

  it('rejects a wrong format with Mistral\'s message (oracle)', () => {
    expect(errorsOf(task('      with-items: x in $.foo\n      action: std.noop\n'))).toEqual([
      "wf.yaml:5:19: Wrong format of 'with-items' property. Please use format 'var in {[some, list] | <% $.array %> }': 'x in $.foo'",
    ]);
  });

  it('rejects an inline list that is not JSON (oracle: "Invalid array in \'with-items\' clause")', () => {
    const errs = errorsOf(task('      with-items: x in [1, 2, a]\n      action: std.noop\n'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^wf\.yaml:5:19: Invalid array in 'with-items' clause: \[1, 2, a\], error: /);
  });

  it('rejects non-string items and repeated items', () => {
    expect(errorsOf(task('      with-items:\n        - 5\n        - x in <% 1 %>\n        - x in <% 1 %>\n'))).toEqual([
      "wf.yaml:6:11: 'with-items' elements should be strings: got 5",
      "wf.yaml:8:11: Invalid DSL: 'with-items' has non-unique elements ('x in <% 1 %>' is repeated)",
    ]);
  });
});

describe('policies', () => {
  it('reads every policy, values as written (numbers, booleans, expressions)', () => {
    const t = t1(
      '      action: std.noop\n      wait-before: 1\n      wait-after: <% $.w %>\n      timeout: 30\n' +
        '      pause-before: true\n      fail-on: <% $.bad %>\n      concurrency: 2\n      safe-rerun: true\n' +
        '      keep-result: false\n      target: <% $.host %>\n',
    );
    expect(t.policies).toEqual({
      waitBefore: 1,
      waitAfter: '<% $.w %>',
      timeout: 30,
      pauseBefore: true,
      failOn: '<% $.bad %>',
      concurrency: 2,
    });
    expect(t.safeRerun).toBe(true);
    expect(t.keepResult).toBe(false);
    expect(t.target).toBe('<% $.host %>');
  });

  it('rejects values of the wrong type (oracle: "\'5\'", 1.5, -1 and 1 are not valid)', () => {
    expect(
      errorsOf(task('      action: std.noop\n      wait-before: "5"\n      wait-after: 1.5\n      pause-before: 1\n')),
    ).toEqual([
      "wf.yaml:6:20: Invalid DSL: 'wait-before' must be an integer >= 0 or an expression, got '5'",
      "wf.yaml:7:19: Invalid DSL: 'wait-after' must be an integer >= 0 or an expression, got 1.5",
      "wf.yaml:8:21: Invalid DSL: 'pause-before' must be true, false or an expression, got 1",
    ]);
  });

  it('rejects a string that is not exactly one expression (oracle: " <% 1 %>" and "<% 1 %> x")', () => {
    expect(errorsOf(task('      action: std.noop\n      timeout: "<% 1 %> x"\n'))).toEqual([
      "wf.yaml:6:16: Invalid DSL: 'timeout' must be an integer >= 0 or an expression, got '<% 1 %> x'",
    ]);
  });

  it('reads retry as a dict', () => {
    expect(t1('      action: std.noop\n      retry:\n        count: 3\n        delay: 1\n        break-on: <% $.x %>\n').policies.retry).toEqual({
      count: 3,
      delay: 1,
      breakOn: '<% $.x %>',
    });
  });

  it('reads the one-line retry form (oracle: count=2 delay=0 break-on=<% false %> is accepted)', () => {
    expect(t1('      action: std.noop\n      retry: count=2 delay=<% $.d %> continue-on=<% $.again %>\n').policies.retry).toEqual({
      count: 2,
      delay: '<% $.d %>',
      continueOn: '<% $.again %>',
    });
  });

  it('rejects a retry without delay, with unknown keys, or with quoted numbers (oracle rejects each)', () => {
    expect(errorsOf(task('      action: std.noop\n      retry: count=3\n'))).toEqual([
      "wf.yaml:6:14: Invalid DSL: 'delay' is a required property of 'retry' (unquoted words are ignored: 'count=3 delay=1')",
    ]);
    expect(errorsOf(task('      action: std.noop\n      retry:\n        count: 3\n        delay: 1\n        foo: 2\n'))).toEqual([
      "wf.yaml:9:9: Invalid DSL: Additional properties are not allowed ('foo' was unexpected). Allowed in 'retry': count, delay, break-on, continue-on",
    ]);
    expect(errorsOf(task('      action: std.noop\n      retry: count="2" delay=0\n'))).toEqual([
      "wf.yaml:6:14: Invalid DSL: 'retry count' must be an integer >= 0 or an expression, got \"2\"",
    ]);
  });
});
