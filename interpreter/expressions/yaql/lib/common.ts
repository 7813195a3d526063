/**
 * yaql `common.py`, `boolean.py` and `branching.py`: `=`/`!=`, null-safe ordering, `and`/`or`/`not`, `bool`,
 * `switch`, `selectCase`, `selectAllCases`, `examine`, `switchCase`, `coalesce`.
 */
import { invoke } from '../engine';
import { METHOD, T, fn, p } from '../registry';
import type { LazyMappingRule, YLambda } from '../types';
import { YIter, pyEquals, truthy } from '../values';

fn('*equal', [p('left', T.any), p('right', T.any)], {}, (_c, [a, b]) => pyEquals(a, b));
fn('*not_equal', [p('left', T.any), p('right', T.any)], {}, (_c, [a, b]) => !pyEquals(a, b));

const nullOps: Array<[string, boolean, boolean, boolean]> = [
  // op, left-non-null vs null, null vs right-non-null, null vs null
  ['<', false, true, false],
  ['<=', false, true, true],
  ['>', true, false, false],
  ['>=', true, false, true],
];
for (const [op, leftNull, nullRight, nullNull] of nullOps) {
  fn(`#operator_${op}`, [p('left', T.anyNN), p('right', T.none)], {}, () => leftNull);
  fn(`#operator_${op}`, [p('left', T.none), p('right', T.anyNN)], {}, () => nullRight);
  fn(`#operator_${op}`, [p('left', T.none), p('right', T.none)], {}, () => nullNull);
}

fn('#operator_and', [p('left', T.lambda), p('right', T.lambda)], {}, (_c, [l, r]) => {
  const a = invoke(l as YLambda);
  return truthy(a) ? invoke(r as YLambda) : a;
});
fn('#operator_or', [p('left', T.lambda), p('right', T.lambda)], {}, (_c, [l, r]) => {
  const a = invoke(l as YLambda);
  return truthy(a) ? a : invoke(r as YLambda);
});
fn('#unary_operator_not', [p('arg', T.any)], {}, (_c, [a]) => !truthy(a));
fn('bool', [p('value', T.any)], {}, (_c, [a]) => truthy(a));
fn('isBoolean', [p('value', T.any)], {}, (_c, [a]) => typeof a === 'boolean');

fn('switch', [], { varargs: T.mappingRule, noKwargs: true }, (_c, args) => {
  for (const m of args as LazyMappingRule[]) if (truthy(m.source())) return m.destination();
  return null;
});
fn('selectCase', [], { varargs: T.lambda }, (_c, args) => {
  let i = 0;
  for (const f of args as YLambda[]) {
    if (truthy(invoke(f))) return i;
    i++;
  }
  return i;
});
fn('selectAllCases', [], { varargs: T.lambda }, (_c, args) =>
  new YIter((function* () {
    for (let i = 0; i < args.length; i++) if (truthy(invoke(args[i] as YLambda))) yield i;
  })()));
fn('examine', [], { varargs: T.lambda }, (_c, args) =>
  new YIter((function* () {
    for (const f of args as YLambda[]) yield truthy(invoke(f));
  })()));
fn('switchCase', [p('case', T.int)], { ...METHOD, varargs: T.lambda }, (_c, [k, ...args]) => {
  const i = Number(k);
  if (i >= 0 && i < args.length) return invoke(args[i] as YLambda);
  if (args.length === 0) return null;
  return invoke(args[args.length - 1] as YLambda);
});
fn('coalesce', [], { varargs: T.lambda }, (_c, args) => {
  for (const f of args as YLambda[]) {
    const r = invoke(f);
    if (r !== null && r !== undefined) return r;
  }
  return null;
});
