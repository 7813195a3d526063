import { describe, expect, it } from 'vitest';
import { errorsOf } from './helpers';

/** A stand-in for the expression layer: flags the word BAD wherever it appears. */
function stubChecker(calls: string[] = []) {
  return (value: string) => {
    calls.push(value);
    const out: { message: string; offset: number }[] = [];
    for (let i = value.indexOf('BAD'); i >= 0; i = value.indexOf('BAD', i + 1)) {
      out.push({ message: 'Parse error: unexpected BAD', offset: i });
    }
    return out;
  };
}

const check = (yaml: string, calls?: string[]) => errorsOf(yaml, { checkExpression: stubChecker(calls) });

describe('expression syntax checks', () => {
  it('locates errors inside plain, quoted and block scalars', () => {
    const yaml = [
      "version: '2.0'", // 1
      'wf:', // 2
      '  vars:', // 3
      '    a: <% BAD %>', // 4
      '    b: "x <% BAD %>"', // 5
      '    c: |', // 6
      '      first line', // 7
      '      then <% BAD %>', // 8
      '  tasks:', // 9
      '    t1:', // 10
      '      action: std.noop', // 11
    ].join('\n');
    expect(check(yaml)).toEqual([
      'wf.yaml:4:11: Parse error: unexpected BAD',
      'wf.yaml:5:14: Parse error: unexpected BAD',
      'wf.yaml:8:15: Parse error: unexpected BAD',
    ]);
  });

  it('checks every place where Mistral allows expressions, at the right column', () => {
    const yaml = [
      "version: '2.0'", // 1
      'wf:', // 2
      '  output:', // 3
      '    r: <% BAD %>', // 4
      '  output-on-error:', // 5
      '    e: [<% BAD %>]', // 6 (nested: checked at any depth)
      '  task-defaults:', // 7
      '    timeout: <% BAD %>', // 8
      '  tasks:', // 9
      '    t1:', // 10
      '      action: std.echo output=<% BAD %> n="{{ BAD }}"', // 11
      '      with-items: x in <% BAD %>', // 12
      '      retry: count=<% BAD %> delay=1', // 13
      '      publish:', // 14
      '        p: <% BAD %>', // 15
      '      input:', // 16
      '        i:', // 17
      '          deep: <% BAD %>', // 18
      '      target: <% BAD %>', // 19
      '      on-success:', // 20
      '        - fail msg=<% BAD %>: <% BAD %>', // 21
      '      keep-result: <% BAD %>', // 22
    ].join('\n');
    expect(check(yaml)).toEqual([
      'wf.yaml:4:11: Parse error: unexpected BAD',
      'wf.yaml:6:12: Parse error: unexpected BAD',
      'wf.yaml:8:17: Parse error: unexpected BAD',
      'wf.yaml:11:34: Parse error: unexpected BAD',
      'wf.yaml:11:47: Parse error: unexpected BAD',
      'wf.yaml:12:27: Parse error: unexpected BAD',
      'wf.yaml:13:23: Parse error: unexpected BAD',
      'wf.yaml:15:15: Parse error: unexpected BAD',
      'wf.yaml:18:20: Parse error: unexpected BAD',
      'wf.yaml:19:18: Parse error: unexpected BAD',
      'wf.yaml:21:23: Parse error: unexpected BAD',
      'wf.yaml:21:34: Parse error: unexpected BAD',
      'wf.yaml:22:23: Parse error: unexpected BAD',
    ]);
  });

  it('checks ad-hoc action base params, base-input and output', () => {
    const yaml = [
      "version: '2.0'",
      'name: wb',
      'actions:',
      '  a1:',
      '    base: std.echo output=<% BAD %>',
      '    base-input:',
      '      x: <% BAD %>',
      '    output: <% BAD %>',
    ].join('\n');
    expect(check(yaml)).toEqual([
      'wf.yaml:5:30: Parse error: unexpected BAD',
      'wf.yaml:7:13: Parse error: unexpected BAD',
      'wf.yaml:8:16: Parse error: unexpected BAD',
    ]);
  });

  it('does not treat static fields as expressions: input defaults, descriptions, names, requires', () => {
    const calls: string[] = [];
    const yaml = [
      "version: '2.0'",
      'wf:',
      '  description: <% BAD %>',
      '  type: reverse',
      '  input:',
      '    - x: <% BAD %>',
      '  tasks:',
      '    t1:',
      '      description: <% BAD %>',
      '      action: std.noop',
      '    t2:',
      '      requires: t1',
      '      action: std.echo output="plain"',
    ].join('\n');
    expect(check(yaml, calls)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('gives each inline parameter to the checker separately (a line may mix languages across params)', () => {
    const calls: string[] = [];
    check(wfYaml('      action: std.echo a=<% 1 %> b={{ 2 }}\n'), calls);
    expect(calls).toEqual(['<% 1 %>', '{{ 2 }}']);
  });

  it('turns a throwing checker into a located error instead of a crash', () => {
    const errs = errorsOf(wfYaml('      publish:\n        a: <% x %>\n'), {
      checkExpression: () => {
        throw new Error('checker exploded');
      },
    });
    expect(errs).toEqual(['wf.yaml:6:12: checker exploded']);
  });
});

function wfYaml(taskBody: string): string {
  return `version: '2.0'\nwf:\n  tasks:\n    t1:\n${taskBody}`;
}
