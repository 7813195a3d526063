/**
 * yaql `queries.py`: the LINQ-style collection functions (`where`, `select`, `orderBy`, `groupBy`, `zip`, ...).
 * Results are lazy (`YIter`) like Python generators, so `sequence().take(3)` works and single-pass semantics hold.
 */
import { type CallInfo } from '../types';
import { callFunction, invoke, type Engine } from '../engine';
import { YaqlError, isPyError } from '../errors';
import { EXT, METHOD, T, fn, p } from '../registry';
import { NO_VALUE, type YLambda } from '../types';
import type { YaqlAst } from '../ast';
import {
  YDict, YIter, YReiterable, YSet, dictEntries, dictGet, isDict, isIterableValue, isSequence, num, pyEquals, hashKey,
  truthy,
} from '../values';

const lazy = (g: Iterator<unknown>): YIter => new YIter(g);

fn(['where', 'filter'], [p('collection', T.iterable), p('predicate', T.lambda)], METHOD, (c, [coll, pred]) => {
  const it = c.engine.iter(coll);
  return lazy((function* () {
    for (const t of it) if (truthy(invoke(pred as YLambda, t))) yield t;
  })());
});
fn(['select', 'map'], [p('collection', T.iterable), p('selector', T.lambda)], METHOD, (c, [coll, sel]) => {
  const it = c.engine.iter(coll);
  return lazy((function* () {
    for (const t of it) yield invoke(sel as YLambda, t);
  })());
});
fn('#operator_.', [p('collection', T.iterable), p('attribute', T.keywordNode)], {}, (c, [coll, attr]) => {
  const it = c.engine.iter(coll);
  const ctx = c.ctx;
  return lazy((function* () {
    for (const t of it) yield callFunction('#operator_.', [{ t: 'value', value: t }, attr as YaqlAst], ctx.child(), NO_VALUE, null);
  })());
});

function* islice(it: Iterable<unknown>, start: number, stop: number | null): Generator<unknown> {
  if (stop !== null && stop <= start) return;
  let i = 0;
  for (const t of it) {
    if (i >= start) yield t;
    i++;
    if (stop !== null && i >= stop) return;
  }
}
function checkSliceArg(n: number): void {
  if (n < 0) throw new YaqlError('ValueError', 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.');
}
fn('skip', [p('collection', T.iterable), p('count', T.int)], METHOD, (c, [coll, n]) => {
  checkSliceArg(num(n));
  return lazy(islice(c.engine.iter(coll), num(n), null));
});
fn(['limit', 'take'], [p('collection', T.iterable), p('count', T.int)], METHOD, (c, [coll, n]) => {
  checkSliceArg(num(n));
  return lazy(islice(c.engine.iter(coll), 0, num(n)));
});
fn('append', [p('collection', T.iterable)], { ...EXT, varargs: T.any }, (c, [coll, ...args]) => {
  const it = c.engine.iter(coll);
  return lazy((function* () {
    yield* it;
    yield* args;
  })());
});
fn('distinct', [p('collection', T.iterable), p('keySelector', T.lambda, null)], EXT, (c, [coll, ks]) => {
  const it = c.engine.iter(coll);
  return lazy((function* () {
    const seen = new Set<string>();
    for (const t of it) {
      const k = hashKey(ks === null ? t : invoke(ks as YLambda, t));
      if (!seen.has(k)) {
        seen.add(k);
        yield t;
      }
    }
  })());
});
fn('enumerate', [p('collection', T.iterable), p('start', T.any, 0)], EXT, (c, [coll, start]) => {
  const it = c.engine.iter(coll);
  return lazy((function* () {
    let i = num(start);
    for (const t of it) yield [i++, t];
  })());
});
fn('any', [p('collection', T.iterable), p('predicate', T.lambda, null)], EXT, (c, [coll, pred]) => {
  for (const t of c.engine.iter(coll)) if (pred === null || truthy(invoke(pred as YLambda, t))) return true;
  return false;
});
fn('all', [p('collection', T.iterable), p('predicate', T.lambda, null)], EXT, (c, [coll, pred]) => {
  for (const t of c.engine.iter(coll)) if (!truthy(pred === null ? t : invoke(pred as YLambda, t))) return false;
  return true;
});
fn('concat', [], { ...EXT, varargs: T.iterable }, (c, colls) => {
  const engine = c.engine;
  return lazy((function* () {
    for (const x of colls) yield* engine.iter(x);
  })());
});
function countOf(engine: Engine, coll: unknown): number {
  if (Array.isArray(coll)) return coll.length;
  let n = 0;
  for (const _ of engine.iter(coll)) n++;
  return n;
}
fn('len', [p('collection', T.iterator)], EXT, (c, [coll]) => countOf(c.engine, coll));
fn('count', [p('collection', T.iterable)], METHOD, (c, [coll]) => countOf(c.engine, coll));

/** yaql `utils.memorize`: a re-iterable view of an iterator that caches what it has produced. */
export function memorize(engine: Engine, coll: unknown): unknown {
  if (!(coll instanceof YIter)) return coll;
  const src = coll.it;
  const cache: unknown[] = [];
  let done = false;
  return new YReiterable(() => {
    let i = 0;
    return {
      next(): IteratorResult<unknown> {
        if (i < cache.length) return { value: cache[i++], done: false };
        if (done) return { value: undefined, done: true };
        const r = src.next();
        if (r.done) {
          done = true;
          return r;
        }
        cache.push(r.value);
        if (cache.length > engine.maxSize) engine.checkSize(cache.length);
        i++;
        return r;
      },
    };
  }, 'memo');
}
fn('memorize', [p('collection', T.iterable)], METHOD, (c, [coll]) => memorize(c.engine, coll));

function aggregate(engine: Engine, coll: unknown, f: (a: unknown, b: unknown) => unknown, seed: unknown): unknown {
  const it = engine.iter(coll)[Symbol.iterator]();
  let acc = seed;
  if (acc === NO_VALUE) {
    const first = it.next();
    if (first.done) throw new YaqlError('TypeError', 'reduce() of empty iterable with no initial value');
    acc = first.value;
  }
  for (let r = it.next(); !r.done; r = it.next()) acc = f(acc, r.value);
  return acc;
}
const delegate2 = (c: CallInfo, name: string) => (a: unknown, b: unknown): unknown => c.delegate(name, [a, b]);
fn('sum', [p('collection', T.iterable), p('initial', T.any, NO_VALUE)], METHOD, (c, [coll, init]) =>
  aggregate(c.engine, coll, delegate2(c, '#operator_+'), init));
fn('max', [p('collection', T.iterable), p('initial', T.any, NO_VALUE)], METHOD, (c, [coll, init]) =>
  aggregate(c.engine, coll, delegate2(c, 'max'), init));
fn('min', [p('collection', T.iterable), p('initial', T.any, NO_VALUE)], METHOD, (c, [coll, init]) =>
  aggregate(c.engine, coll, delegate2(c, 'min'), init));
fn(['aggregate', 'reduce'], [p('collection', T.iterable), p('selector', T.lambda), p('seed', T.any, NO_VALUE)], METHOD,
  (c, [coll, sel, seed]) => aggregate(c.engine, coll, (a, b) => invoke(sel as YLambda, a, b), seed));

const stopIteration = (msg = ''): YaqlError => new YaqlError('StopIteration', msg);
fn('first', [p('collection', T.iterable), p('default', T.any, NO_VALUE)], METHOD, (c, [coll, def]) => {
  const r = c.engine.iter(coll)[Symbol.iterator]().next();
  if (!r.done) return r.value;
  if (def === NO_VALUE) throw stopIteration();
  return def;
});
fn('single', [p('collection', T.iterable)], METHOD, (c, [coll]) => {
  const it = c.engine.iter(coll)[Symbol.iterator]();
  const r = it.next();
  if (r.done) throw stopIteration();
  if (!it.next().done) throw stopIteration('Collection contains more than one item');
  return r.value;
});
fn('last', [p('collection', T.iterable), p('default', T.any, NO_VALUE)], METHOD, (c, [coll, def]) => {
  if (isSequence(coll)) {
    if (coll.length === 0) {
      if (def === NO_VALUE) throw stopIteration();
      return def;
    }
    return coll[coll.length - 1];
  }
  let last = def;
  for (const t of c.engine.iter(coll)) last = t;
  if (last === NO_VALUE) throw stopIteration();
  return last;
});
fn('selectMany', [p('collection', T.iterable), p('selector', T.lambda)], METHOD, (c, [coll, sel]) => {
  const engine = c.engine;
  return lazy((function* () {
    for (const item of engine.iter(coll)) {
      const inner = invoke(sel as YLambda, item);
      if (isIterableValue(inner)) yield* engine.iter(inner);
      else yield inner;
    }
  })());
});

function* rangeGen(engine: Engine, start: number, stop: number, step: number): Generator<unknown> {
  if (step === 0) throw new YaqlError('ValueError', 'range() arg 3 must not be zero');
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    engine.step();
    yield i;
  }
}
fn('range', [p('stop', T.int)], {}, (c, [stop]) => lazy(rangeGen(c.engine, 0, num(stop), 1)));
fn('range', [p('start', T.int), p('stop', T.int), p('step', T.int, 1)], {}, (c, [a, b, s]) => {
  if (num(s) === 0) throw new YaqlError('ValueError', 'range() arg 3 must not be zero');
  return lazy(rangeGen(c.engine, num(a), num(b), num(s)));
});
fn('sequence', [p('start', T.int, 0), p('step', T.int, 1)], {}, (c, [a, s]) => {
  const engine = c.engine;
  return lazy((function* () {
    for (let i = num(a); ; i += num(s)) {
      engine.step();
      yield i;
    }
  })());
});

/** orderBy()/thenBy() result: a re-iterable sorted view with its sort keys. */
class Ordering extends YReiterable {
  sorted: unknown[] | null = null;
  readonly order: Array<[YLambda, boolean]> = [];
  constructor(
    readonly engine: Engine,
    readonly coll: unknown,
    readonly lt: (a: unknown, b: unknown) => boolean,
    readonly gt: (a: unknown, b: unknown) => boolean,
  ) {
    super(() => {
      if (this.sorted === null) this.sorted = this.sort();
      return this.sorted[Symbol.iterator]();
    }, 'ordering');
  }
  private sort(): unknown[] {
    const items = [...this.engine.iter(this.coll)].map((v) => ({ v, keys: new Map<number, unknown>() }));
    const key = (x: { v: unknown; keys: Map<number, unknown> }, i: number): unknown => {
      if (!x.keys.has(i)) x.keys.set(i, invoke(this.order[i]![0], x.v));
      return x.keys.get(i);
    };
    items.sort((x, y) => {
      for (let i = 0; i < this.order.length; i++) {
        const a = key(x, i);
        const b = key(y, i);
        let r = 0;
        if (this.lt(a, b)) r = -1;
        else if (this.gt(a, b)) r = 1;
        else continue;
        return this.order[i]![1] ? r : -r;
      }
      return 0;
    });
    return items.map((x) => x.v);
  }
}
function ordering(c: CallInfo, coll: unknown, sel: unknown, asc: boolean): Ordering {
  const o = new Ordering(c.engine, coll, (a, b) => truthy(c.delegate('#operator_<', [a, b])),
    (a, b) => truthy(c.delegate('#operator_>', [a, b])));
  o.order.push([sel as YLambda, asc]);
  return o;
}
fn('orderBy', [p('collection', T.iterable), p('selector', T.lambda)], METHOD, (c, [coll, sel]) => ordering(c, coll, sel, true));
fn('orderByDescending', [p('collection', T.iterable), p('selector', T.lambda)], METHOD, (c, [coll, sel]) =>
  ordering(c, coll, sel, false));
fn('thenBy', [p('collection', T.ordering), p('selector', T.lambda)], METHOD, (_c, [o, sel]) => {
  (o as Ordering).order.push([sel as YLambda, true]);
  return o;
});
fn('thenByDescending', [p('collection', T.ordering), p('selector', T.lambda)], METHOD, (_c, [o, sel]) => {
  (o as Ordering).order.push([sel as YLambda, false]);
  return o;
});

fn('groupBy', [p('collection', T.iterable), p('keySelector', T.lambda), p('valueSelector', T.lambda, null),
  p('aggregator', T.lambda, null)], METHOD, (c, [coll, ks, vs, agg]) => {
  const groups = new Map<string, [unknown, unknown[]]>();
  for (const t of c.engine.iter(coll)) {
    const value = vs === null ? t : invoke(vs as YLambda, t);
    const key = invoke(ks as YLambda, t);
    const hk = hashKey(key);
    const g = groups.get(hk);
    if (g) g[1].push(value);
    else groups.set(hk, [key, [value]]);
  }
  const items = [...groups.values()];
  if (agg === null) return lazy(items.map(([k, v]) => [k, v])[Symbol.iterator]());
  const aggregator = agg as YLambda;
  let allowFallback = true;
  let failure: unknown = null;
  return lazy((function* () {
    for (const [key, values] of items) {
      if (failure === null) {
        try {
          const result = invoke(aggregator, values);
          if (!(values.length === 2 && isSequence(result) && result.length === 2 && pyEquals(result[0], values[0]))) {
            allowFallback = false;
          }
          yield [key, result];
          continue;
        } catch (e) {
          if (!(isPyError(e, 'NoMatchingMethodException') || isPyError(e, 'NoMatchingFunctionException') ||
            isPyError(e, 'IndexError'))) throw e;
          failure = e;
        }
      }
      if (allowFallback) {
        try {
          const result = invoke(aggregator, [key, values]);
          if (isSequence(result) && result.length === 2) {
            yield result;
            continue;
          }
        } catch {
          // fall through to the original failure
        }
      }
      throw failure;
    }
  })());
});

fn('zip', [], { ...METHOD, varargs: T.iterable }, (c, colls) => {
  const its = colls.map((x) => c.engine.iter(x)[Symbol.iterator]());
  return lazy((function* () {
    if (its.length === 0) return;
    for (;;) {
      const row: unknown[] = [];
      for (const it of its) {
        const r = it.next();
        if (r.done) return;
        row.push(r.value);
      }
      yield row;
    }
  })());
});
fn('zipLongest', [], { ...METHOD, varargs: T.iterable, kwOnly: [p('default', T.any, null)] }, (c, colls, kw) => {
  const its = colls.map((x) => c.engine.iter(x)[Symbol.iterator]());
  const fill = kw['default'];
  return lazy((function* () {
    if (its.length === 0) return;
    const done = its.map(() => false);
    for (;;) {
      const row: unknown[] = [];
      its.forEach((it, i) => {
        if (done[i]) {
          row.push(fill);
          return;
        }
        const r = it.next();
        if (r.done) {
          done[i] = true;
          row.push(fill);
        } else row.push(r.value);
      });
      if (done.every((d) => d)) return;
      yield row;
    }
  })());
});
fn('join', [p('collection1', T.iterable), p('collection2', T.iterable), p('predicate', T.lambda), p('selector', T.lambda)],
  METHOD, (c, [c1, c2, pred, sel]) => {
    const engine = c.engine;
    return lazy((function* () {
      const other = engine.toArray(c2);
      for (const a of engine.iter(c1)) {
        for (const b of other) if (truthy(invoke(pred as YLambda, a, b))) yield invoke(sel as YLambda, a, b);
      }
    })());
  });
fn('repeat', [p('value', T.any), p('times', T.int, -1)], METHOD, (c, [value, times]) => {
  const engine = c.engine;
  const n = num(times);
  return lazy((function* () {
    for (let i = 0; n < 0 || i < n; i++) {
      engine.step();
      yield value;
    }
  })());
});
fn('cycle', [p('collection', T.iterable)], METHOD, (c, [coll]) => {
  const engine = c.engine;
  return lazy((function* () {
    const saved: unknown[] = [];
    for (const t of engine.iter(coll)) {
      saved.push(t);
      yield t;
    }
    if (saved.length === 0) return;
    for (;;) {
      for (const t of saved) {
        engine.step();
        yield t;
      }
    }
  })());
});
fn('takeWhile', [p('collection', T.iterable), p('predicate', T.lambda)], METHOD, (c, [coll, pred]) => {
  const it = c.engine.iter(coll);
  return lazy((function* () {
    for (const t of it) {
      if (!truthy(invoke(pred as YLambda, t))) return;
      yield t;
    }
  })());
});
fn('skipWhile', [p('collection', T.iterable), p('predicate', T.lambda)], METHOD, (c, [coll, pred]) => {
  const it = c.engine.iter(coll);
  return lazy((function* () {
    let skipping = true;
    for (const t of it) {
      if (skipping && truthy(invoke(pred as YLambda, t))) continue;
      skipping = false;
      yield t;
    }
  })());
});
fn('indexOf', [p('collection', T.iterable), p('item', T.any)], METHOD, (c, [coll, item]) => {
  let i = 0;
  for (const t of c.engine.iter(coll)) {
    if (pyEquals(t, item)) return i;
    i++;
  }
  return -1;
});
fn('lastIndexOf', [p('collection', T.iterable), p('item', T.any)], METHOD, (c, [coll, item]) => {
  let i = 0;
  let idx = -1;
  for (const t of c.engine.iter(coll)) {
    if (pyEquals(t, item)) idx = i;
    i++;
  }
  return idx;
});
fn('indexWhere', [p('collection', T.iterable), p('predicate', T.lambda)], METHOD, (c, [coll, pred]) => {
  let i = 0;
  for (const t of c.engine.iter(coll)) {
    if (truthy(invoke(pred as YLambda, t))) return i;
    i++;
  }
  return -1;
});
fn('lastIndexWhere', [p('collection', T.iterable), p('predicate', T.lambda)], METHOD, (c, [coll, pred]) => {
  let i = 0;
  let idx = -1;
  for (const t of c.engine.iter(coll)) {
    if (truthy(invoke(pred as YLambda, t))) idx = i;
    i++;
  }
  return idx;
});
fn('slice', [p('collection', T.iterable), p('length', T.int)], METHOD, (c, [coll, len]) => {
  const it = c.engine.iter(coll)[Symbol.iterator]();
  const n = num(len);
  checkSliceArg(n);
  return lazy((function* () {
    for (;;) {
      const chunk: unknown[] = [];
      while (chunk.length < n) {
        const r = it.next();
        if (r.done) break;
        chunk.push(r.value);
      }
      if (chunk.length === 0) return;
      yield chunk;
    }
  })());
});
fn('splitWhere', [p('collection', T.iterable), p('predicate', T.lambda)], METHOD, (c, [coll, pred]) => {
  const lst = c.engine.toArray(coll);
  return lazy((function* () {
    let start = 0;
    let end = 0;
    while (end < lst.length) {
      if (truthy(invoke(pred as YLambda, lst[end]))) {
        yield lst.slice(start, end);
        start = end + 1;
      }
      end++;
    }
    if (start !== end) yield lst.slice(start, end);
  })());
});
fn('sliceWhere', [p('collection', T.iterable), p('predicate', T.lambda)], METHOD, (c, [coll, pred]) => {
  const lst = c.engine.toArray(coll);
  return lazy((function* () {
    let start = 0;
    let end = 0;
    let p1: unknown = NO_VALUE;
    while (end < lst.length) {
      const p2 = invoke(pred as YLambda, lst[end]);
      if (p1 !== NO_VALUE && !pyEquals(p2, p1)) {
        yield lst.slice(start, end);
        start = end;
      }
      end++;
      p1 = p2;
    }
    if (start !== end) yield lst.slice(start, end);
  })());
});
fn('splitAt', [p('collection', T.iterable), p('index', T.int)], METHOD, (c, [coll, index]) => {
  const lst = c.engine.toArray(coll);
  let i = num(index);
  if (i < 0) i = Math.max(0, i + lst.length);
  return [lst.slice(0, i), lst.slice(i)];
});
fn('accumulate', [p('collection', T.iterable), p('selector', T.lambda), p('seed', T.any, NO_VALUE)], METHOD,
  (c, [coll, sel, seed]) => {
    const it = c.engine.iter(coll)[Symbol.iterator]();
    return lazy((function* () {
      let total = seed;
      if (total === NO_VALUE) {
        const r = it.next();
        if (r.done) throw new YaqlError('TypeError', 'accumulate() of empty sequence with no initial value');
        total = r.value;
      }
      yield total;
      for (let r = it.next(); !r.done; r = it.next()) {
        total = invoke(sel as YLambda, total, r.value);
        yield total;
      }
    })());
  });
fn('reverse', [p('collection', T.iterable)], METHOD, (c, [coll]) => lazy([...c.engine.toArray(coll)].reverse()[Symbol.iterator]()));

type Dict = YDict | Record<string, unknown>;
function mergeDicts(d1: Dict, d2: Dict, listMerge: (a: unknown[], b: unknown[]) => unknown,
  itemMerge: (a: unknown, b: unknown) => unknown, maxLevels: number): YDict {
  const result = new YDict();
  for (const [key, v1] of dictEntries(d1)) {
    result.set(key, v1);
    const v2 = dictGet(d2, key);
    if (v2 !== undefined) {
      if (maxLevels !== 1 && isDict(v2)) {
        if (!isDict(v1)) throw new YaqlError('TypeError', `Cannot merge ${typeof v1} with dict`);
        result.set(key, mergeDicts(v1, v2, listMerge, itemMerge, maxLevels === 0 ? 0 : maxLevels - 1));
      } else if (maxLevels !== 1 && isSequence(v2)) {
        if (!isSequence(v1)) throw new YaqlError('TypeError', `Cannot merge ${typeof v1} with list`);
        result.set(key, listMerge(v1, v2));
      } else result.set(key, itemMerge(v1, v2));
    }
  }
  for (const [k2, v2] of dictEntries(d2)) if (!result.m.has(hashKey(k2))) result.set(k2, v2);
  return result;
}
fn('mergeWith', [p('dict', T.mapping), p('another', T.mapping), p('listMerger', T.lambda, null),
  p('itemMerger', T.lambda, null), p('maxLevels', T.int, 0)], METHOD, (c, [d, other, lm, im, ml]) => {
  const listMerge = lm === null
    ? (a: unknown[], b: unknown[]): unknown => {
      const seen = new Set<string>();
      return [...a, ...b].filter((x) => {
        const k = hashKey(x);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    }
    : (a: unknown[], b: unknown[]): unknown => invoke(lm as YLambda, a, b);
  const itemMerge = im === null ? (_a: unknown, b: unknown): unknown => b : (a: unknown, b: unknown): unknown =>
    invoke(im as YLambda, a, b);
  return mergeDicts(d as Dict, other as Dict, listMerge, itemMerge, num(ml));
});
fn('isIterable', [p('value', T.any)], {}, (_c, [v]) => isIterableValue(v));
fn('generate', [p('initial', T.any), p('predicate', T.lambda), p('producer', T.lambda), p('selector', T.lambda, null),
  p('decycle', T.bool, false)], {}, (c, [initial, pred, prod, sel, decycle]) => {
  const engine = c.engine;
  return lazy((function* () {
    const past = decycle ? new Set<string>() : null;
    let cur = initial;
    while (truthy(invoke(pred as YLambda, cur))) {
      if (past) {
        const k = hashKey(cur);
        if (past.has(k)) break;
        past.add(k);
      }
      engine.step();
      yield sel === null ? cur : invoke(sel as YLambda, cur);
      cur = invoke(prod as YLambda, cur);
    }
  })());
});
fn('generateMany', [p('initial', T.any), p('producer', T.lambda), p('selector', T.lambda, null),
  p('decycle', T.bool, false), p('depthFirst', T.bool, false)], {}, (c, [initial, prod, sel, decycle, depthFirst]) => {
  const engine = c.engine;
  return lazy((function* () {
    const past = decycle ? new Set<string>() : null;
    const queue: unknown[] = [initial];
    while (queue.length) {
      const item = queue.shift();
      if (past) {
        const k = hashKey(item);
        if (past.has(k)) continue;
        past.add(k);
      }
      engine.step();
      yield sel === null ? item : invoke(sel as YLambda, item);
      const produced = engine.toArray(invoke(prod as YLambda, item));
      if (depthFirst) queue.unshift(...produced);
      else queue.push(...produced);
      if (queue.length > engine.maxSize) engine.checkSize(queue.length);
    }
  })());
});
fn('defaultIfEmpty', [p('collection', T.iterable), p('default', T.iterable)], METHOD, (c, [coll, def]) => {
  if (Array.isArray(coll)) return coll.length === 0 ? def : coll;
  if (coll instanceof YSet) return coll.size === 0 ? def : coll;
  const m = memorize(c.engine, coll);
  const r = c.engine.iter(m)[Symbol.iterator]().next();
  return r.done ? def : m;
});
