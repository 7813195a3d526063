/**
 * yaql `collections.py`: list/dict/set construction, indexers, `get`/`set`/`keys`/`values`/`items`, `in`,
 * `contains*`, `+` and `*` on collections, `len`, `delete`, `replace`, `insert`, set algebra.
 */
import type { Engine } from '../engine';
import { invoke } from '../engine';
import { YaqlError } from '../errors';
import { EXT, METHOD, T, checkIterLimit, fn, p } from '../registry';
import { MappingRuleValue, type PType, type YLambda } from '../types';
import {
  YDict, YIter, YSet, dictEntries, dictGet, dictHas, dictKeys, dictSize, isDict, isIterableValue, isPyInt, isSequence,
  num, pyEquals, pyRepr, hashKey,
} from '../values';

type Dict = YDict | Record<string, unknown>;
const mappingRuleValue: PType = { base: 'mappingRule', nullable: false, check: (v) => v instanceof MappingRuleValue };

function flattenIterators(engine: Engine, args: unknown[]): unknown[] {
  const out: unknown[] = [];
  const rec = (seq: Iterable<unknown>): void => {
    for (const t of seq) {
      if (t instanceof YIter) rec(t);
      else out.push(t);
      checkIterLimit(engine, out.length);
      if (out.length > engine.maxSize) engine.checkSize(out.length);
    }
  };
  rec(args);
  return out;
}

fn('list', [], { varargs: T.any }, (c, args) => flattenIterators(c.engine, args));
fn('flatten', [p('collection', T.iterable)], METHOD, (c, [coll]) => {
  const engine = c.engine;
  function* rec(x: unknown): Generator<unknown> {
    for (const t of engine.iter(x)) {
      if (isIterableValue(t)) yield* rec(t);
      else yield t;
    }
  }
  return new YIter(rec(coll));
});
fn('toList', [p('collection', T.iterable)], METHOD, (c, [coll]) => c.engine.toArray(coll));
fn('#list', [], { varargs: T.any }, (c, args) => {
  c.engine.checkSize(args.length);
  return args;
});
fn(['dict', '#map'], [], { varargs: mappingRuleValue, noKwargs: true }, (_c, args) =>
  YDict.from((args as MappingRuleValue[]).map((m) => [m.source, m.destination] as const)));
fn('dict', [p('items', T.iterable)], { noKwargs: true }, (c, [items]) => {
  const d = new YDict();
  for (const t of c.engine.iter(items)) {
    const it = c.engine.iter(t)[Symbol.iterator]();
    const k = it.next();
    const v = it.next();
    if (k.done || v.done) throw new YaqlError('StopIteration', '');
    d.set(k.value, v.value);
    if (d.m.size > c.engine.maxSize) c.engine.checkSize(d.m.size);
  }
  return d;
});
fn('toDict', [p('collection', T.iterable), p('keySelector', T.lambda), p('valueSelector', T.lambda, null)], METHOD,
  (c, [coll, ks, vs]) => {
    const d = new YDict();
    for (const t of c.engine.iter(coll)) {
      d.set(invoke(ks as YLambda, t), vs === null ? t : invoke(vs as YLambda, t));
      if (d.m.size > c.engine.maxSize) c.engine.checkSize(d.m.size);
    }
    return d;
  });

/** `d[key]` with Python's KeyError. */
export function dictItem(d: Dict, key: unknown): unknown {
  const v = dictGet(d, key);
  if (v === undefined) throw new YaqlError('KeyError', pyRepr(key));
  return v;
}

fn('#operator_.', [p('dict', T.mapping), p('key', T.keyword)], {}, (_c, [d, k]) => dictItem(d as Dict, k));
fn('#indexer', [p('dict', T.mapping), p('key', T.any)], {}, (_c, [d, k]) => dictItem(d as Dict, k));
fn('#indexer', [p('dict', T.mapping), p('key', T.any), p('default', T.any)], {}, (_c, [d, k, def]) => {
  const v = dictGet(d as Dict, k);
  return v === undefined ? def : v;
});
fn('get', [p('dict', T.mapping), p('key', T.any), p('default', T.any, null)], METHOD, (_c, [d, k, def]) => {
  const v = dictGet(d as Dict, k);
  return v === undefined ? def : v;
});

function withEntries(d: Dict, extra: Iterable<readonly [unknown, unknown]>): YDict {
  const r = YDict.from(dictEntries(d));
  for (const [k, v] of extra) r.set(k, v);
  return r;
}
fn('set', [p('dict', T.mapping), p('key', T.any), p('value', T.any)], { ...METHOD, noKwargs: true },
  (_c, [d, k, v]) => withEntries(d as Dict, [[k, v]]));
fn('set', [p('dict', T.mapping), p('replacements', T.mapping)], { ...METHOD, noKwargs: true }, (_c, [d, r]) =>
  withEntries(d as Dict, dictEntries(r as Dict)));
fn('set', [p('dict', T.mapping)], { ...METHOD, noKwargs: true, varargs: mappingRuleValue }, (_c, [d, ...rules]) =>
  withEntries(d as Dict, (rules as MappingRuleValue[]).map((m) => [m.source, m.destination] as const)));
fn('keys', [p('dict', T.mapping)], METHOD, (_c, [d]) => dictKeys(d as Dict));
fn('values', [p('dict', T.mapping)], METHOD, (_c, [d]) => dictEntries(d as Dict).map((e) => e[1]));
fn('items', [p('dict', T.mapping)], METHOD, (_c, [d]) => dictEntries(d as Dict));

/** Python sequence indexing with negative indexes and IndexError. */
export function seqItem(seq: unknown[], index: number): unknown {
  const i = index < 0 ? index + seq.length : index;
  if (i < 0 || i >= seq.length) throw new YaqlError('IndexError', 'tuple index out of range');
  return seq[i];
}
fn('#indexer', [p('list', T.sequence), p('index', T.int)], {}, (_c, [l, i]) => seqItem(l as unknown[], num(i)));

/** Python `value in collection`. */
export function contains(engine: Engine, coll: unknown, value: unknown): boolean {
  if (coll instanceof YSet) return coll.has(value);
  if (isDict(coll)) return dictHas(coll, value);
  for (const t of engine.iter(coll)) if (pyEquals(t, value)) return true;
  return false;
}
fn('#operator_in', [p('value', T.any), p('collection', T.iterable)], {}, (c, [v, coll]) => contains(c.engine, coll, v));
fn('contains', [p('collection', T.iterable), p('value', T.any)], METHOD, (c, [coll, v]) => contains(c.engine, coll, v));
fn('containsKey', [p('dict', T.mapping), p('key', T.any)], METHOD, (_c, [d, k]) => dictHas(d as Dict, k));
fn('containsValue', [p('dict', T.mapping), p('value', T.any)], METHOD, (_c, [d, v]) =>
  dictEntries(d as Dict).some((e) => pyEquals(e[1], v)));

fn('#operator_+', [p('left', T.iterable), p('right', T.iterable)], {}, (c, [a, b]) => {
  if (Array.isArray(a) && Array.isArray(b)) {
    c.engine.checkSize(a.length + b.length);
    return [...a, ...b];
  }
  if (a instanceof YSet && b instanceof YSet) return YSet.from([...a.values(), ...b.values()]);
  const engine = c.engine;
  return new YIter((function* () {
    yield* engine.iter(a);
    yield* engine.iter(b);
  })());
});
function repeatList(engine: Engine, l: unknown[], k: number): unknown[] {
  if (k <= 0) return [];
  engine.checkSize(l.length * k);
  const out: unknown[] = [];
  for (let i = 0; i < k; i++) out.push(...l);
  return out;
}
fn('#operator_*', [p('left', T.sequence), p('right', T.int)], {}, (c, [l, k]) => repeatList(c.engine, l as unknown[], num(k)));
fn('#operator_*', [p('left', T.int), p('right', T.sequence)], {}, (c, [k, l]) => repeatList(c.engine, l as unknown[], num(k)));
fn('#operator_+', [p('left', T.mapping), p('right', T.mapping)], {}, (_c, [a, b]) =>
  withEntries(a as Dict, dictEntries(b as Dict)));

fn('isList', [p('arg', T.any)], {}, (_c, [v]) => isSequence(v));
fn('isDict', [p('arg', T.any)], {}, (_c, [v]) => isDict(v));
fn('isSet', [p('arg', T.any)], {}, (_c, [v]) => v instanceof YSet);
fn('len', [p('dict', T.mapping)], EXT, (_c, [d]) => dictSize(d as Dict));
fn('len', [p('sequence', T.sequence)], EXT, (_c, [s]) => (s as unknown[]).length);
fn('len', [p('set', T.set)], EXT, (_c, [s]) => (s as YSet).size);

fn('delete', [p('collection', T.iterable), p('position', T.int), p('count', T.int, 1)], METHOD, (c, [coll, pos, cnt]) => {
  const engine = c.engine;
  const position = num(pos);
  const count = num(cnt);
  return new YIter((function* () {
    let i = 0;
    for (const t of engine.iter(coll)) {
      if (count >= 0 && !(position <= i && i < position + count)) yield t;
      else if (count < 0 && !(i >= position)) yield t;
      i++;
    }
  })());
});
fn('replace', [p('collection', T.iterable), p('position', T.int), p('value', T.any), p('count', T.int, 1)], METHOD,
  (c, [coll, pos, value, cnt]) => replaceMany(c.engine, coll, num(pos), [value], num(cnt)));
fn('replaceMany', [p('collection', T.iterable), p('position', T.int), p('values', T.iterable), p('count', T.int, 1)],
  METHOD, (c, [coll, pos, values, cnt]) => replaceMany(c.engine, coll, num(pos), values, num(cnt)));

function replaceMany(engine: Engine, coll: unknown, position: number, values: unknown, count: number): YIter {
  return new YIter((function* () {
    let yielded = false;
    let i = 0;
    for (const t of engine.iter(coll)) {
      if ((count >= 0 && position <= i && i < position + count) || (count < 0 && i >= position)) {
        if (!yielded) {
          yield* engine.iter(values);
          yielded = true;
        }
      } else yield t;
      i++;
    }
  })());
}

function deleteKeys(d: Dict, keys: Iterable<unknown>): YDict {
  const r = YDict.from(dictEntries(d));
  for (const k of keys) r.m.delete(hashKey(k));
  return r;
}
fn('delete', [p('dict', T.mapping)], { ...METHOD, varargs: T.any }, (_c, [d, ...keys]) => deleteKeys(d as Dict, keys));
fn('deleteAll', [p('dict', T.mapping), p('keys', T.iterable)], METHOD, (c, [d, keys]) =>
  deleteKeys(d as Dict, c.engine.iter(keys)));

fn('insert', [p('collection', T.iterableNoSet), p('position', T.int), p('value', T.any)], METHOD,
  (c, [coll, pos, value]) => {
    const engine = c.engine;
    const position = num(pos);
    return new YIter((function* () {
      let i = -1;
      for (const t of engine.iter(coll)) {
        i++;
        if (i === position) yield value;
        yield t;
      }
      if (position > i) yield value;
    })());
  });
fn('insert', [p('collection', T.sequence), p('position', T.int), p('value', T.any)], METHOD, (_c, [coll, pos, value]) => {
  const copy = [...(coll as unknown[])];
  let i = num(pos);
  if (i < 0) i = Math.max(0, i + copy.length);
  copy.splice(Math.min(i, copy.length), 0, value);
  return copy;
});
fn('insertMany', [p('collection', T.iterable), p('position', T.int), p('values', T.iterable)], METHOD,
  (c, [coll, pos, values]) => {
    const engine = c.engine;
    const position = num(pos);
    const vals = engine.toArray(values);
    return new YIter((function* () {
      let i = -1;
      if (position < 0) yield* vals;
      for (const t of engine.iter(coll)) {
        i++;
        if (i === position) yield* vals;
        yield t;
      }
      if (position > i) yield* vals;
    })());
  });

fn('set', [], { varargs: T.any }, (c, args) => YSet.from(flattenIterators(c.engine, args)));
fn('toSet', [p('collection', T.iterable)], METHOD, (c, [coll]) => YSet.from(c.engine.iter(coll)));
const s2 = [p('left', T.set), p('right', T.set)];
fn('union', s2, METHOD, (_c, [a, b]) => YSet.from([...(a as YSet).values(), ...(b as YSet).values()]));
fn('intersect', s2, METHOD, (_c, [a, b]) => YSet.from([...(a as YSet).values()].filter((x) => (b as YSet).has(x))));
fn('difference', s2, METHOD, (_c, [a, b]) => YSet.from([...(a as YSet).values()].filter((x) => !(b as YSet).has(x))));
fn('#operator_-', s2, {}, (_c, [a, b]) => YSet.from([...(a as YSet).values()].filter((x) => !(b as YSet).has(x))));
fn('symmetricDifference', s2, METHOD, (_c, [a, b]) => {
  const x = a as YSet;
  const y = b as YSet;
  return YSet.from([...[...x.values()].filter((v) => !y.has(v)), ...[...y.values()].filter((v) => !x.has(v))]);
});
const subset = (a: YSet, b: YSet): boolean => [...a.m.keys()].every((k) => b.m.has(k));
fn('#operator_<', s2, {}, (_c, [a, b]) => subset(a as YSet, b as YSet) && (a as YSet).size < (b as YSet).size);
fn('#operator_<=', s2, {}, (_c, [a, b]) => subset(a as YSet, b as YSet));
fn('#operator_>', s2, {}, (_c, [a, b]) => subset(b as YSet, a as YSet) && (a as YSet).size > (b as YSet).size);
fn('#operator_>=', s2, {}, (_c, [a, b]) => subset(b as YSet, a as YSet));
fn('add', [p('set', T.set)], { ...METHOD, varargs: T.any }, (_c, [s, ...vals]) => YSet.from([...(s as YSet).values(), ...vals]));
fn('remove', [p('set', T.set)], { ...METHOD, varargs: T.any }, (_c, [s, ...vals]) => {
  const rm = YSet.from(vals);
  return YSet.from([...(s as YSet).values()].filter((x) => !rm.has(x)));
});

export { isPyInt };
