// Jinja2 engine behaviour. Every expected value here was produced by Python Jinja2 3.1.2 (the version Mistral 15
// runs) with Mistral's environment: SandboxedEnvironment(undefined=StrictUndefined, trim_blocks, lstrip_blocks).
import { describe, expect, it } from 'vitest';
import { evaluateJinjaExpression, renderJinjaTemplate } from '../../interpreter/expressions/jinja/index';
import { pyRepr } from '../../interpreter/expressions/pyrepr';

const data = {
  l: [1, 2, 3],
  n: null,
  s: 'str',
  d: { k: 1, b: [1, { x: 'y' }] },
  f: 1.5,
  srv: [
    { name: 'a', st: 'ACTIVE' },
    { name: 'B', st: 'ERROR' },
    { name: 'c', st: 'ACTIVE' },
  ],
};
const render = (t: string) => renderJinjaTemplate(t, { vars: { _: data } });
const expr = (t: string) => pyRepr(evaluateJinjaExpression(t, { vars: { _: data } }));
const failure = (t: string) => {
  try {
    render(t);
  } catch (e) {
    return `${(e as { pyType: string }).pyType}: ${(e as Error).message}`;
  }
  return 'no error';
};

describe('Jinja values print as Python does', () => {
  it.each([
    ['{{ True }} {{ None }} {{ none }} {{ [1, "a"] }} {{ (1, 2) }} {{ (1,) }}', "True None None [1, 'a'] (1, 2) (1,)"],
    ['{{ 7 // 2 }} {{ 7 / 2 }} {{ 10 / 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7.0 // 2 }} {{ 2 ** -1 }}', '3 3.5 5.0 -4 2 3.0 0.5'],
    ['{{ 1e20 }} {{ 1e16 }} {{ 1e15 }} {{ 0.00001 }} {{ 1/3 }} {{ 0.1 + 0.2 }} {{ -0.0 }}', '1e+20 1e+16 1000000000000000.0 1e-05 0.3333333333333333 0.30000000000000004 -0.0'],
    ['{{ _.d }}', "{'k': 1, 'b': [1, {'x': 'y'}]}"],
    [`{{ "it's" }} {{ ["it's", 'a"b'] }}`, `it's ["it's", 'a"b']`],
    ['{{ _.d.items() }} {{ _.d.keys() }} {{ range(3) }}', "dict_items([('k', 1), ('b', [1, {'x': 'y'}])]) dict_keys(['k', 'b']) range(0, 3)"],
    ['{{ "a" ~ 1 ~ none }} {{ 3 * "ab" }} {{ [1, 2] * 2 }} {{ True + 1 }} {{ 1 == 1.0 }}', 'a1None ababab [1, 2, 1, 2] 2 True'],
    ['{{ 1 < 2 < 3 }} {{ "a" in "cat" }} {{ 5 in _.l }} {{ "k" in _.d }} {{ 1 and 2 }} {{ 0 or "x" }}', 'True True False True 2 x'],
    ['{{ "abcdef"[1:-1:2] }} {{ _.l[-1] }} {{ _.l[:2] + [9] }} {{ "abc"[::-1] }}', 'bd 3 [1, 2, 9] cba'],
  ])('%s', (t, want) => expect(render(t)).toBe(want));
});

describe('a bare expression (compile_expression) keeps its Python type', () => {
  it.each([
    ['_.l', '[1, 2, 3]'],
    ['_.f * 2', '3.0'],
    ['10 / 2', '5.0'],
    ['(1, 2)', '(1, 2)'],
    ['{"a": 1}', "{'a': 1}"],
    ['_.missing | default(None)', 'None'],
    ['_.s.upper()', "'STR'"],
  ])('%s → %s', (t, want) => expect(expr(t)).toBe(want));

  it('rejects trailing text the way Jinja2 does', () => {
    expect(() => expr('_.l }} x')).toThrow('chunk after expression');
  });
});

describe('blocks, loops, whitespace control', () => {
  it.each([
    ['{% for x in _.l %}{{ loop.index }}:{{ x }}{% if not loop.last %},{% endif %}{% endfor %}', '1:1,2:2,3:3'],
    ['{% for x in _.l %}\n  {{ loop.index0 }} {{ loop.revindex }} {{ loop.first }} {{ loop.length }}\n{% endfor %}\nend', '  0 3 True 3\n  1 2 False 3\n  2 1 False 3\nend'],
    ['  {% if true %}\n    yes\n  {% endif %}\n', '    yes\n'],
    ['{%- if true -%}   a   {%- endif -%}  b', 'ab'],
    ['{% for k, v in _.d.items() %}{{ k }}={{ v }};{% endfor %}', "k=1;b=[1, {'x': 'y'}];"],
    ['{% for x in [] %}a{% else %}empty{% endfor %}', 'empty'],
    ['{% for x in _.l if x > 1 %}{{ x }}{{ loop.length }}{% endfor %}', '2232'],
    ['{% set y = 5 %}{% for x in _.l %}{% set y = x %}{% endfor %}{{ y }}', '5'],
    ['{% set ns = namespace(t=0) %}{% for x in _.l %}{% set ns.t = ns.t + x %}{% endfor %}{{ ns.t }}', '6'],
    ['{% if _.n %}a{% elif _.l %}b{% else %}c{% endif %}', 'b'],
    ['{% macro m(a, b=2) %}[{{ a }}{{ b }}]{% endmacro %}{{ m(1) }}{{ m(1, b=3) }}', '[12][13]'],
    ['{% filter upper %}abc{% endfilter %}{% set x %}in{{ 1 }}{% endset %}{{ x }}', 'ABCin1'],
    ['{# comment #}\nA{#- c -#}  B\n  {# c2 #}\nC', 'AB\nC'],
    ['{% raw %}{{ x }}{% endraw %}\nZ', '{{ x }}Z'],
    ['{{ 1 if false }}|{{ "x" if _.l else "y" }}', '|x'],
  ])('%j', (t, want) => expect(render(t)).toBe(want));
});

describe('filters and tests', () => {
  it.each([
    ['{{ _.srv | map(attribute="name") | list }} {{ _.srv | selectattr("st", "equalto", "ACTIVE") | map(attribute="name") | join(",") }}', "['a', 'B', 'c'] a,c"],
    ['{{ _.srv | sort(attribute="name") | map(attribute="name") | list }} {{ _.srv | rejectattr("st", "eq", "ACTIVE") | list | length }}', "['a', 'B', 'c'] 1"],
    ['{{ [3,1,2] | sort }} {{ [3,1,2] | sort(reverse=true) }} {{ ["b","A","c"] | sort }} {{ [1,2,2,3] | unique | list }}', "[1, 2, 3] [3, 2, 1] ['A', 'b', 'c'] [1, 2, 3]"],
    ['{{ [1,2,3] | sum }} {{ [1,2,3] | max }} {{ [1,2,3] | min }} {{ -3 | abs }} {{ "a b c" | wordcount }}', '6 3 1 3 3'],
    ['{{ "hello world" | upper }} {{ "  x  " | trim }} {{ "abc" | replace("b", "X") }} {{ [1,2] | first }} {{ [1,2] | last }}', 'HELLO WORLD x aXc 1 2'],
    ['{{ "3" | int }} {{ "3.5" | float }} {{ 3 | float }} {{ 2.5 | round }} {{ 3.14159 | round(2) }} {{ 3.1 | round(method="ceil") }} {{ "x" | int }} {{ 42 | string }}', '3 3.5 3.0 2.0 3.14 4.0 0 42'],
    [`{{ {"b":1,"a":[1,2]} | tojson }} {{ "<&>'" | tojson }}`, '{"a": [1, 2], "b": 1} "\\u003c\\u0026\\u003e\\u0027"'],
    ['{{ {"b":1,"a":2} | dictsort }} {{ [1,2,3,4,5] | batch(2) | list }} {{ "a\\nb" | indent(2) }} {{ "abc" | reverse }}', "[('a', 2), ('b', 1)] [[1, 2], [3, 4], [5]] a\n  b cba"],
    ['{{ _.l | select("odd") | list }} {{ _.l | reject("odd") | list }} {{ _.l | map("string") | join("-") }} {{ [none, 1, 0] | select | list }}', '[1, 3] [2] 1-2-3 [1]'],
    ['{{ _.missing | default(5) }} {{ _.missing | d("x") }} {{ "" | default("e", true) }} {{ _.d | length }} {{ _.l | count }}', '5 x e 2 3'],
    ['{{ _.missing is defined }} {{ _.missing is undefined }} {{ none is none }} {{ 3 is divisibleby 3 }} {{ 1.0 is float }} {{ 2 is in [1,2] }} {{ 1 is not sameas 1 }}', 'False True True True True True False'],
    ['{{ "a,b,c".split(",") }} {{ " x ".strip() }} {{ "abc".startswith("a") }} {{ _.d.get("zz", 9) }} {{ _.d.values() | list }}', "['a', 'b', 'c'] x True 9 [1, [1, {'x': 'y'}]]"],
    ['{{ "{:>5}|{:<4}|{:.2f}|{:,}|{:05d}|{!r}".format("a", "b", 3.14159, 1234567, 42, "q") }}', "    a|b   |3.14|1,234,567|00042|'q'"],
    ['{{ "%5s|%-4s|%.3f|%05d|%x|%r" % ("a", "b", 3.14159, 42, 255, "q") }} {{ "%s-%s" | format(1, 2) }}', "    a|b   |3.142|00042|ff|'q' 1-2"],
  ])('%s', (t, want) => expect(render(t)).toBe(want));
});

describe('StrictUndefined and errors (messages as Jinja2 words them)', () => {
  it.each([
    ['{{ x }}', "UndefinedError: 'x' is undefined"],
    ['{{ _.a }}', "UndefinedError: 'dict object' has no attribute 'a'"],
    ['{{ _.d.x.y }}', "UndefinedError: 'dict object' has no attribute 'x'"],
    ['{{ _.l[5] }}', 'UndefinedError: list object has no element 5'],
    ['{{ _.n.x }}', "UndefinedError: 'None' has no attribute 'x'"],
    ['{% if _.missing %}x{% endif %}', "UndefinedError: 'dict object' has no attribute 'missing'"],
    ['{{ _.missing == 1 }}', "UndefinedError: 'dict object' has no attribute 'missing'"],
    ['{% for x in _.missing %}{% endfor %}', "UndefinedError: 'dict object' has no attribute 'missing'"],
    ['{{ [] | first }}', 'UndefinedError: No first item, sequence was empty.'],
    ['{{ 1 + "a" }}', "TypeError: unsupported operand type(s) for +: 'int' and 'str'"],
    ['{{ "a" + 1 }}', 'TypeError: can only concatenate str (not "int") to str'],
    ['{{ 1 < "a" }}', "TypeError: '<' not supported between instances of 'int' and 'str'"],
    ['{{ 1 / 0 }}', 'ZeroDivisionError: division by zero'],
    ['{{ 1 // 0 }}', 'ZeroDivisionError: integer division or modulo by zero'],
    ['{% for a, b in [[1,2],[3]] %}{% endfor %}', 'ValueError: not enough values to unpack (expected 2, got 1)'],
    ['{{ 1 + }}', "TemplateSyntaxError: unexpected 'end of print statement'"],
    ['{{ foo( }}', "TemplateSyntaxError: unexpected '}', expected ')'"],
    ['{% for %}', "TemplateSyntaxError: Expected an expression, got 'end of statement block'"],
    ['{% if 1 %}', "TemplateSyntaxError: Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'."],
    ['{% endfor %}', "TemplateSyntaxError: Encountered unknown tag 'endfor'."],
    ['{{ 1 | nofilter }}', "TemplateAssertionError: No filter named 'nofilter'."],
    ['{{ 1 is foo }}', "TemplateAssertionError: No test named 'foo'."],
  ])('%s', (t, want) => expect(failure(t)).toBe(want));

  it('locates syntax errors in the source', () => {
    try {
      render('ab {{ 1 + }}');
      expect.unreachable();
    } catch (e) {
      expect((e as { offset: number }).offset).toBe(10);
    }
  });
});
