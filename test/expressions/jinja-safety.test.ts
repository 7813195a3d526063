// Sandbox and bounds of the Jinja engine: no JS prototype or global is reachable, runaway templates stop with
// clear errors (range() cap: checked against Python Jinja2's SandboxedEnvironment).
import { describe, expect, it } from 'vitest';
import { Budget } from '../../interpreter/expressions/budget';
import { renderJinjaTemplate } from '../../interpreter/expressions/jinja/index';

const render = (t: string, budget?: Budget) => renderJinjaTemplate(t, { vars: { _: { a: { b: 1 }, l: [1] } }, budget });
const failure = (t: string, budget?: Budget) => {
  try {
    return `rendered: ${render(t, budget)}`;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('prototype and global access is refused', () => {
  it.each([
    ['{{ _.constructor }}', "'dict object' has no attribute 'constructor'"],
    ['{{ _.__proto__ }}', "'dict object' has no attribute '__proto__'"],
    ['{{ _["constructor"] }}', "'dict object' has no attribute 'constructor'"],
    ['{{ _.a.toString }}', "'dict object' has no attribute 'toString'"],
    ['{{ _.hasOwnProperty("a") }}', "'dict object' has no attribute 'hasOwnProperty'"],
    ['{{ "x".constructor }}', "'str object' has no attribute 'constructor'"],
    ['{{ _.l.constructor }}', "'list object' has no attribute 'constructor'"],
    ['{{ (1).__class__ }}', "'int object' has no attribute '__class__'"],
    ['{{ range.constructor }}', "'function object' has no attribute 'constructor'"],
    ['{{ globalThis }}', "'globalThis' is undefined"],
    ['{{ process }}', "'process' is undefined"],
    ['{{ _.l.push(2) }}', "'list object' has no attribute 'push'"],
  ])('%s', (t, want) => expect(failure(t)).toBe(want));

  it('a dict literal with a __proto__ key is plain data', () => {
    expect(render('{% set d = {"__proto__": {"x": 1}} %}{{ d.x is defined }} {{ d["__proto__"] }}')).toBe("False {'x': 1}");
  });
});

describe('budgets stop runaway templates', () => {
  it('range() is capped like Jinja2 sandbox (checked against Python Jinja2)', () => {
    expect(failure('{% for i in range(100000000) %}{% endfor %}')).toBe(
      'Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).',
    );
  });
  it('nested loops run out of steps', () => {
    expect(failure('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}')).toBe(
      'expression evaluation exceeded its budget of 200000 steps (runaway loop?)',
    );
  });
  it('the step limit is configurable', () => {
    expect(failure('{% for i in range(50) %}{% endfor %}', new Budget({ maxSteps: 10 }))).toMatch(/budget of 10 steps/);
  });
  it('huge strings and lists are refused before they are built', () => {
    expect(failure('{{ "x" * 100000000 }}')).toBe('expression result too large: 100000000 elements or characters (limit 1000000)');
    expect(failure('{{ [1] * 100000000 }}')).toBe('expression result too large: 100000000 elements or characters (limit 1000000)');
  });
  it('output growth is bounded', () => {
    expect(failure('{% for i in range(100) %}{{ "x" * 900 }}{% endfor %}', new Budget({ maxSize: 50_000 }))).toMatch(
      /expression result too large: \d+ elements or characters \(limit 50000\)/,
    );
  });
  it('unbounded macro recursion is a clear error, not a crash', () => {
    expect(failure('{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}', new Budget({ maxSteps: 1e9 }))).toBe(
      'maximum recursion depth exceeded',
    );
  });
  it('deeply nested expressions are refused by the parser', () => {
    expect(failure('{{ ' + '('.repeat(300) + '1' + ')'.repeat(300) + ' }}')).toBe('expression is nested too deeply');
  });
});
