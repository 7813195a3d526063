// Mistral's evaluation rules on top of YAQL and Jinja. Cases marked [oracle] were run through the real Mistral
// 15.0.0 (shared/tools/mistral-oracle) as a task `publish:` value; the expected text is what it produced (Mistral 15
// also appends `, data={...}` to evaluation errors; newer Mistral and Tramontane leave the data context out).
import { describe, expect, it } from 'vitest';
import {
  ExpressionError, LocatedExpressionError, checkSyntax, evaluate, hasExpression, isTruthy, pyStr,
  type MistralFunctions,
} from '../../interpreter/expressions/index';
import { PyFloat, PyTuple } from '../../interpreter/expressions/pyvalues';

const data = { a: 1, cfg: { p: 1 }, nul: null, l: [1, 2], d: { b: [1, 'é'], a: null } };
const ev = (value: unknown, functions?: MistralFunctions) => evaluate(value, { data, functions });
const err = (value: unknown, functions?: MistralFunctions) => {
  try {
    ev(value, functions);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return (e as Error).message;
  }
  return 'no error';
};

describe('whole-string expressions keep their type, mixed text is Python str()', () => {
  it('[oracle] YAQL interpolation uses Python str()', () => {
    expect(ev("a <% $.cfg %> b <% true %> <% null %> <% 1.5 %> <% 2.0 %> <% [1, 'x'] %>")).toBe(
      "a {'p': 1} b True None 1.5 2.0 [1, 'x']",
    );
  });
  it('[oracle] a whole-string expression returns the value itself', () => {
    expect(ev('<% $.cfg %>')).toEqual({ p: 1 });
    expect(ev('{{ _.cfg }}')).toEqual({ p: 1 });
    expect(ev('<%$.a%>')).toBe(1);
    expect(ev('  <% $.a %>')).toBe('  1');
  });
  it('[oracle] mixed Jinja text is rendered as a template', () => {
    expect(ev('x{{ _.cfg }}')).toBe("x{'p': 1}");
    expect(ev('{{ _.a }}{{ _.a }}')).toBe('11');
    expect(ev('{% for x in _.l %}{{ x }},{% endfor %}')).toBe('1,2,');
    expect(ev('{{ 10 / 4 }} {{ _.missing is defined }}')).toBe('2.5 False');
  });
  it("[oracle] '{{ {...} }}' ends at the first '}}', so it is rendered text, not a dict", () => {
    expect(ev("{{ {'a': {'b': 1}} }}")).toBe("{'a': {'b': 1}}");
  });
  it('Jinja typed results become plain data (tuples → lists, integral floats → numbers)', () => {
    expect(ev('{{ (1, 2.0) }}')).toEqual([1, 2]);
    expect(ev('{{ _.cfg.items() | list }}')).toEqual([['p', 1]]);
    expect(ev('{{ 1 if false }}')).toBeNull();
  });
  it('expressions are evaluated recursively; keys and non-strings are untouched', () => {
    expect(ev({ '<% $.a %>': ['<% $.a %>', 5, true, null, { k: '{{ _.a + 1 }}' }], plain: 'text' })).toEqual({
      '<% $.a %>': [1, 5, true, null, { k: 2 }],
      plain: 'text',
    });
  });
  it('the same expression twice in one string is replaced everywhere', () => {
    expect(ev('<% $.a %>-<% $.a %>')).toBe('1-1');
  });
});

describe('missing data, errors', () => {
  it.each([
    ['<% $.missing %>', "Can not evaluate YAQL expression [expression=$.missing, error='missing']"],
    ['<% $.cfg.x %>', "Can not evaluate YAQL expression [expression=$.cfg.x, error='x']"],
    ['<% $.nul.x %>', 'Can not evaluate YAQL expression [expression=$.nul.x, error=Unknown function "#property#x"]'],
    ['{{ _.cfg.x }}', "Can not evaluate Jinja expression [expression={{ _.cfg.x }}, error='dict object' has no attribute 'x']"],
    ['{{ _.a | nofilter }}', "Can not evaluate Jinja expression [expression={{ _.a | nofilter }}, error=No filter named 'nofilter'.]"],
    ['{{ _.a | json_dump }}', "Can not evaluate Jinja expression [expression={{ _.a | json_dump }}, error=json_dump_() missing 1 required positional argument: 'data']"],
    ['{{ json_dump() }}', "Can not evaluate Jinja expression [expression={{ json_dump() }}, error=json_dump_() missing 1 required positional argument: 'data']"],
    ['<% json_dump() %>', 'Can not evaluate YAQL expression [expression=json_dump(), error=No function "json_dump" matches supplied arguments]'],
    ['{% if _.cfg %}yes{% endif %}', 'Can not evaluate Jinja expression [expression={% if _.cfg %}yes{% endif %}, error=list index out of range]'],
  ])('[oracle] %s', (value, message) => expect(err(value)).toBe(message));

  it.each([
    ['<% $.cfg.get(x) %>', null],
    ['<% $.get(missing) %>', null],
    ['<% $.nul?.x %>', null],
    ['<% $.cfg.containsKey(x) %>', false],
  ])('[oracle] %s is safe', (value, want) => expect(ev(value)).toBe(want));

  it('errors carry the offset of the failing expression for a caret', () => {
    try {
      ev('abc <% $.missing %>');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LocatedExpressionError);
      expect((e as LocatedExpressionError).offset).toBe(7);
      expect((e as LocatedExpressionError).pyType).toBe('KeyError');
    }
  });
  it('prototype names are just missing keys in YAQL too', () => {
    expect(err('<% $.constructor %>')).toBe("Can not evaluate YAQL expression [expression=$.constructor, error='constructor']");
  });
  it('a YAQL runaway stops with a budget error', () => {
    expect(err('<% range(0, 100000000).sum() %>')).toMatch(/exceeded the limit of 200000 steps/);
  });
});

describe('validation (checkSyntax)', () => {
  it('[oracle] mixing YAQL and Jinja in one string is refused', () => {
    expect(checkSyntax('<% $.a %>{{ _.a }}')).toEqual([
      { message: "The line already contains an expression of type 'jinja'. Mixing expression types in a single line is not allowed.", offset: 0 },
    ]);
  });
  it('[oracle] grammar errors use Mistral messages', () => {
    expect(checkSyntax('{{ 1 + }}')).toEqual([{ message: "Syntax error 'unexpected 'end of print statement''.", offset: 7 }]);
    expect(checkSyntax('x {% if %}')[0].message).toBe("Syntax error 'Expected an expression, got 'end of statement block''.");
    expect(checkSyntax('<% $.a + %>')).toEqual([{ message: 'Parse error: unexpected end of statement', offset: 8 }]);
  });
  it('[oracle] unknown filters pass validation (they fail when evaluated)', () => {
    expect(checkSyntax('{{ _.a | nofilter }}')).toEqual([]);
  });
  it('plain text and valid expressions have no problem', () => {
    expect(checkSyntax('just text')).toEqual([]);
    expect(checkSyntax('<% $.a %> and <% $.b.len() %>')).toEqual([]);
  });
  it('hasExpression follows Mistral detection (one line per expression)', () => {
    expect(hasExpression('a <% $.x %>')).toBe(true);
    expect(hasExpression('{% if x %}')).toBe(true);
    expect(hasExpression('{{ x }}')).toBe(true);
    expect(hasExpression('<% $.x\n %>')).toBe(false);
    expect(hasExpression('100%')).toBe(false);
  });
});

describe("Mistral's functions", () => {
  it('[oracle] json_dump indents by 4 and escapes non-ASCII, in both languages', () => {
    const want = '{\n    "b": [\n        1,\n        "\\u00e9"\n    ],\n    "a": null\n}';
    expect(ev('{{ json_dump(_.d) }}')).toBe(want);
    expect(ev('<% json_dump($.d) %>')).toBe(want);
  });
  it('[oracle] yaml_dump is block style with sorted keys', () => {
    expect(ev('{{ yaml_dump({"b": [1, 2], "a": "x y", "c": {"e": true, "f": ""}}) }}')).toBe("a: x y\nb:\n- 1\n- 2\nc:\n  e: true\n  f: ''\n");
    expect(ev('{{ yaml_dump(5) }}')).toBe('5\n...\n');
  });
  it('[oracle] json_parse; env() and the env filter read __env', () => {
    expect(ev(`<% json_parse('{"a": [1, 2.5]}') %>`)).toEqual({ a: [1, 2.5] });
    expect(evaluate('{{ _ | env }}', { data: { __env: { k: 'v' } } })).toEqual({ k: 'v' });
    expect(evaluate('<% env().k %>', { data: { __env: { k: 'v' } } })).toBe('v');
  });
  it('yaml_parse does not expand aliases (billion laughs)', () => {
    expect(ev('{{ yaml_parse("a: &x [1]\\nb: *x") }}')).toEqual({ a: [1], b: '*x' });
  });
  it('engine functions get the arguments, including YAQL bare identifiers and keyword arguments', () => {
    const calls: unknown[] = [];
    const fns: MistralFunctions = {
      task: (name) => (calls.push(['task', name]), { result: [name] }),
      tasks: (args) => (calls.push(['tasks', args]), []),
      global: (name) => (calls.push(['global', name]), 'g'),
      uuid: () => 'u-1',
    };
    expect(ev('<% task(t1).result %>', fns)).toEqual(['t1']);
    expect(ev("{{ task('t2').result }}", fns)).toEqual(['t2']);
    expect(ev('<% tasks(state => ERROR) %>', fns)).toEqual([]);
    expect(ev('{{ global("x") }} <% uuid() %>', fns)).toBe('g <% uuid() %>');
    expect(ev('<% uuid() %>', fns)).toBe('u-1');
    expect(calls).toEqual([
      ['task', 't1'],
      ['task', 't2'],
      ['tasks', { workflowExecutionId: null, recursive: false, state: 'ERROR', flat: false }],
      ['global', 'x'],
    ]);
  });
  it('a function the engine did not supply fails clearly', () => {
    expect(err('<% execution().id %>')).toBe(
      'Can not evaluate YAQL expression [expression=execution().id, error=execution() is not available here: the engine did not provide it for this evaluation]',
    );
  });
});

describe('isTruthy and pyStr (Python rules)', () => {
  it.each([
    [null, false], [false, false], [0, false], ['', false], [[], false], [{}, false], [new PyFloat(0), false],
    [new PyTuple([]), false], [1, true], ['0', true], [[0], true], [{ a: null }, true], [NaN, true],
  ])('bool(%j) is %s', (v, want) => expect(isTruthy(v)).toBe(want));

  it.each([
    [true, 'True'], [null, 'None'], [1.5, '1.5'], [new PyFloat(1), '1.0'], [1e16, '10000000000000000'],
    [{ a: [1, 'x', null, false] }, "{'a': [1, 'x', None, False]}"], ["it's", "it's"], [["it's"], `["it's"]`],
  ])('str(%j) is %s', (v, want) => expect(pyStr(v)).toBe(want));
});
