/**
 * Random and mutated YAQL (`<% %>`) and Jinja (`{{ }}`) expressions: built from a small grammar of Mistral's usual
 * shapes (data access, functions, operators, filters, comprehensions), or corpus expressions with characters
 * deleted, duplicated or injected.
 */
import type { Rng } from './rng';

const YAQL_ATOMS = ['$', '$.a', '$.x', '$.hosts', '$.a.b', '$[0]', '1', '0', '-1', '2.5', "'s'", '"str"', 'null', 'true', 'false', '[]', '{}', '[1, 2, 3]', '{a => 1}', '$.__proto__', '$.constructor', '$__env', '$__execution', 'task()', 'task(a)', 'task().result', 'execution()', 'env()', 'tasks()', 'uuid()', 'global(x)'];
const YAQL_FUNCS = ['len', 'str', 'int', 'float', 'list', 'dict', 'keys', 'values', 'sum', 'max', 'min', 'range', 'json_pp', 'yaml_pp', 'regex', 'bool', 'isString', 'isList', 'isDict', 'distinct', 'flatten', 'toUpper', 'toLower', 'split', 'join', 'concat', 'format', 'now', 'sleep', 'eval', 'let', 'call', 'def', 'repeat', 'cycle', 'sequence', 'generate'];
const YAQL_METHODS = ['select($ * 2)', 'where($ > 1)', 'len()', 'first()', 'last()', 'distinct()', 'orderBy($)', 'toList()', 'sum()', 'keys()', 'values()', 'get(a)', 'get(a, 1)', 'join(",")', 'split(",")', 'toUpper()', 'contains(1)', 'count()', 'skip(1)', 'take(2)', 'flatten()', 'selectMany($)', 'groupBy($)', 'zip([1])', 'indexOf(1)', 'substring(1)', 'replace(a, b)', 'format(1)', 'items()', 'set(a, 1)', 'sequence()', 'repeat(1000000)', 'cycle()'];
const YAQL_OPS = ['+', '-', '*', '/', 'mod', '=', '!=', '<', '>', '<=', '>=', 'and', 'or', 'in', '.', '?.', '->'];

const JINJA_ATOMS = ['_', '_.a', '_.x', '_.hosts', '_["a"]', '_.a.b', '1', '0', '-1', '2.5', "'s'", '"str"', 'none', 'None', 'true', 'True', '[]', '{}', '[1, 2, 3]', '{"a": 1}', '__env', '__execution', 'task()', 'task("a").result', 'execution()', 'env()', 'range(3)', 'range(100000000)', '_.__class__', '_.__init__', 'lipsum', 'cycler', 'namespace()', 'self', 'config', 'loop'];
const JINJA_FILTERS = ['length', 'string', 'int', 'float', 'list', 'join(",")', 'upper', 'lower', 'first', 'last', 'sort', 'unique', 'sum', 'max', 'min', 'tojson', 'to_json', 'to_yaml', 'default(1)', 'd', 'replace("a", "b")', 'map("upper")', 'select("odd")', 'reject', 'attr("a")', 'items', 'dictsort', 'batch(2)', 'slice(2)', 'wordcount', 'format(1)', 'indent', 'trim', 'abs', 'round', 'safe', 'e', 'regex_replace("a", "b")', 'json_parse', 'yaml_parse'];
const JINJA_OPS = ['+', '-', '*', '/', '//', '%', '**', '==', '!=', '<', '>', 'and', 'or', 'in', 'not in', '~', 'is', 'is not'];

function yaqlExpr(rng: Rng, depth: number): string {
  if (depth <= 0) return rng.pick(YAQL_ATOMS);
  switch (rng.int(0, 5)) {
    case 0:
      return `${yaqlExpr(rng, depth - 1)} ${rng.pick(YAQL_OPS)} ${yaqlExpr(rng, depth - 1)}`;
    case 1:
      return `${rng.pick(YAQL_FUNCS)}(${Array.from({ length: rng.int(0, 3) }, () => yaqlExpr(rng, depth - 1)).join(', ')})`;
    case 2:
      return `${yaqlExpr(rng, depth - 1)}.${rng.pick(YAQL_METHODS)}`;
    case 3:
      return `(${yaqlExpr(rng, depth - 1)})`;
    case 4:
      return `not ${yaqlExpr(rng, depth - 1)}`;
    default:
      return rng.pick(YAQL_ATOMS);
  }
}

function jinjaExpr(rng: Rng, depth: number): string {
  if (depth <= 0) return rng.pick(JINJA_ATOMS);
  switch (rng.int(0, 6)) {
    case 0:
      return `${jinjaExpr(rng, depth - 1)} ${rng.pick(JINJA_OPS)} ${jinjaExpr(rng, depth - 1)}`;
    case 1:
      return `${jinjaExpr(rng, depth - 1)} | ${rng.pick(JINJA_FILTERS)}`;
    case 2:
      return `(${jinjaExpr(rng, depth - 1)})`;
    case 3:
      return `${jinjaExpr(rng, depth - 1)} if ${jinjaExpr(rng, depth - 1)} else ${jinjaExpr(rng, depth - 1)}`;
    case 4:
      return `${jinjaExpr(rng, depth - 1)}[${jinjaExpr(rng, 0)}]`;
    case 5:
      return `not ${jinjaExpr(rng, depth - 1)}`;
    default:
      return rng.pick(JINJA_ATOMS);
  }
}

const JINJA_BLOCKS = ['{% for x in _.hosts %}{{ x }}{% endfor %}', '{% if _.a %}yes{% else %}no{% endif %}', '{% set y = 1 %}{{ y }}', '{% for x in range(10) %}{% for y in range(10) %}{{ x*y }}{% endfor %}{% endfor %}', '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1) }}', '{% raw %}{{ x }}{% endraw %}', '{# comment #}{{ 1 }}', '{% include "x" %}', '{% extends "x" %}', '{% for x in _ recursive %}{{ loop(x) }}{% endfor %}'];

/** A random expression string: whole YAQL, whole Jinja, text with several expressions, or a Jinja template. */
export function randomExpression(rng: Rng): string {
  const depth = rng.int(0, 4);
  switch (rng.int(0, 5)) {
    case 0:
    case 1:
      return `<% ${yaqlExpr(rng, depth)} %>`;
    case 2:
    case 3:
      return `{{ ${jinjaExpr(rng, depth)} }}`;
    case 4:
      return `host <% ${yaqlExpr(rng, depth)} %> and <% ${yaqlExpr(rng, 1)} %>!`;
    default:
      return rng.chance(0.5) ? rng.pick(JINJA_BLOCKS) : `pre {{ ${jinjaExpr(rng, depth)} }} {{ ${jinjaExpr(rng, 1)} }}`;
  }
}

const INJECT = ['(', ')', '[', ']', '{', '}', '<%', '%>', '{{', '}}', '{%', '%}', '$', '.', ',', "'", '"', '\\', '|', '#', '=>', '->', ' ', '\n', '\u0000', 'é', '😀', '\u202e', '0x', '1e999', 'and', 'or', 'not'];

/** `expr` with 1–3 character-level mutations (delete, duplicate, inject, truncate). */
export function mutateExpression(rng: Rng, expr: string): string {
  let out = expr;
  for (let n = rng.int(1, 3); n > 0; n--) {
    const pos = rng.int(0, out.length);
    switch (rng.int(0, 3)) {
      case 0:
        out = out.slice(0, pos) + out.slice(pos + rng.int(1, 4));
        break;
      case 1:
        out = out.slice(0, pos) + out.slice(pos, pos + rng.int(1, 6)).repeat(2) + out.slice(pos);
        break;
      case 2:
        out = out.slice(0, pos) + rng.pick(INJECT) + out.slice(pos);
        break;
      default:
        out = out.slice(0, pos);
    }
  }
  return out;
}
