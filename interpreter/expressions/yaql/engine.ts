/**
 * The YAQL evaluator: walks the syntax tree and resolves every call the way yaql's `runner.call` does — collect
 * overloads by scope layer, translate `name => value` into keyword arguments, pre-filter on literal arguments,
 * evaluate the non-lazy arguments once, then pick the (most specialized) overload whose parameter types accept
 * the values.
 */
import type { YaqlAst } from './ast';
import { Context } from './context';
import { YaqlError } from './errors';
import { sizeBudgetExceeded, stepBudgetExceeded } from './limits';
import { poolExhausted } from '../budget';
import type { StepPool } from '../types';
import { FALLBACKS, STDLIB, isSpecializationOf } from './registry';
import {
  type CallInfo, type FnDef, type LazyMappingRule, MappingRuleValue, NO_DEFAULT, NO_VALUE, type Param, type PType,
  YLambda,
} from './types';
import { YIter, YReiterable, YSet, dictGet, dictKeys, isDict, pyRepr, pyStr } from './values';

export interface EngineOptions {
  maxSteps: number;
  /** Steps shared with other evaluations (`EvalBudget.pool`). */
  pool?: StepPool;
  maxSize: number;
  /** yaql.limitIterators: -1 = unlimited. */
  limitIterators: number;
  iterableDicts: boolean;
  host: Map<string, FnDef[]> | null;
  /** yaql allow_delegates (`$f(x)` calls and `lambda()`); Mistral disables it. */
  delegates: boolean;
}

/** Per-evaluation state: options and budget counters. */
export class Engine {
  steps = 0;
  readonly maxSteps: number;
  readonly pool: StepPool | undefined;
  readonly maxSize: number;
  readonly limitIterators: number;
  readonly iterableDicts: boolean;
  readonly host: Map<string, FnDef[]> | null;
  readonly delegates: boolean;
  constructor(o: EngineOptions) {
    this.delegates = o.delegates;
    this.maxSteps = o.maxSteps;
    this.pool = o.pool;
    this.maxSize = o.maxSize;
    this.limitIterators = o.limitIterators;
    this.iterableDicts = o.iterableDicts;
    this.host = o.host;
  }

  /** Counts evaluation steps; throws when the step budget is spent. */
  step(n = 1): void {
    this.steps += n;
    if (this.steps > this.maxSteps) throw stepBudgetExceeded(this.maxSteps);
    if (this.pool && (this.pool.steps -= n) < 0) throw new YaqlError('BudgetExceededException', poolExhausted(this.pool));
  }

  /** Throws when a value being built would exceed the size budget. */
  checkSize(n: number): void {
    if (n > this.maxSize) throw sizeBudgetExceeded(this.maxSize, n);
  }

  /** Iterates any YAQL collection (honours `iterableDicts`; strings iterate their characters). */
  iter(v: unknown): Iterable<unknown> {
    if (Array.isArray(v)) return v;
    if (v instanceof YSet) return v.values();
    if (v instanceof YIter || v instanceof YReiterable) return v;
    if (typeof v === 'string') return Array.from(v);
    if (isDict(v)) return dictKeys(v);
    throw new YaqlError('TypeError', `'${pyStr(v)}' is not iterable`);
  }

  /** Materializes a collection into an array, within the size budget. */
  toArray(v: unknown): unknown[] {
    if (Array.isArray(v)) return v;
    const out: unknown[] = [];
    for (const x of this.iter(v)) {
      out.push(x);
      if (out.length > this.maxSize) this.checkSize(out.length);
    }
    return out;
  }
}

/** A value already evaluated, passed where an argument expression is expected (receivers, delegate calls). */
export interface ValueArg {
  t: 'value';
  value: unknown;
}
export type Arg = YaqlAst | ValueArg;

/** Calls a YAQL lambda value with positional arguments. */
export function invoke(f: YLambda, ...args: unknown[]): unknown {
  return f.fn(args, {});
}

/** Evaluates a node; `receiver` is set when the node is the right side of `.` (a method call). */
export function evaluate(node: YaqlAst, receiver: unknown, ctx: Context): unknown {
  switch (node.t) {
    case 'const':
      return node.value;
    case 'var':
      return ctx.get(node.name);
    case 'wrap':
      return evaluate(node.expr, receiver, ctx);
    case 'mapping':
      return new MappingRuleValue(evaluate(node.source, NO_VALUE, ctx), evaluate(node.destination, NO_VALUE, ctx));
    case 'novalue':
      return NO_VALUE;
    case 'call': {
      if (node.name === '#operator_.' && !node.usesReceiver) {
        const right = node.args[1]!;
        if (right.t === 'call' && right.usesReceiver && ctx.funcScope === null && !ctx.engine.host?.has('#operator_.')) {
          // `obj.method(...)`: yaql resolves this to op_dot, the only overload accepting a method call.
          const left = evaluate(node.args[0]!, NO_VALUE, ctx);
          ctx.engine.step();
          return callFunction(right.name, right.args, ctx.child().child(), left, null);
        }
        if (right.t === 'const' && right.keyword && ctx.funcScope === null && !ctx.engine.host?.has('#operator_.')) {
          const left = evaluate(node.args[0]!, NO_VALUE, ctx);
          if (isDict(left)) {
            ctx.engine.step();
            const v = dictGet(left, right.value);
            if (v === undefined) throw new YaqlError('KeyError', pyRepr(right.value));
            return v;
          }
          return callFunction(node.name, [{ t: 'value', value: left }, right], ctx, receiver, null);
        }
      }
      return callFunction(node.name, node.args, ctx, receiver, null);
    }
  }
}

const staticFunctionLayers = new Map<string, FnDef[][]>();
const staticMethodLayers = new Map<string, FnDef[][]>();

/** Standard + fallback overloads of a name, filtered by call kind (cached: the standard library is static). */
function stdLayers(name: string, method: boolean): FnDef[][] {
  const cache = method ? staticMethodLayers : staticFunctionLayers;
  let layers = cache.get(name);
  if (!layers) {
    layers = [];
    for (const reg of [STDLIB, FALLBACKS]) {
      const f = (reg.get(name) ?? []).filter((d) => (method ? d.isMethod : d.isFunction));
      if (f.length) layers.push(f);
    }
    cache.set(name, layers);
  }
  return layers;
}

function collectLayers(name: string, ctx: Context, method: boolean): FnDef[][] {
  const std = stdLayers(name, method);
  const host = ctx.engine.host?.get(name);
  if (ctx.funcScope === null && !host) return std;
  const layers: FnDef[][] = [];
  const pick = (list: FnDef[] | undefined): void => {
    if (!list) return;
    const f = list.filter((d) => (method ? d.isMethod : d.isFunction));
    if (f.length) layers.push(f);
  };
  for (let c: Context | null = ctx.funcScope; c; c = c.parent ? c.parent.funcScope : null) pick(c.funcs?.get(name));
  pick(host);
  layers.push(...std);
  return layers;
}

interface Slot {
  type: PType;
  /** Index into the positional args, or keyword name; null = parameter default. */
  src: number | string | null;
  def: unknown;
}
interface Mapping {
  def: FnDef;
  pos: Slot[];
  kw: Array<[string, Slot]>;
}

function isConstNode(a: Arg): boolean {
  return a.t === 'const' || a.t === 'value';
}

/** Type check of an argument before evaluation (yaql's map_args check): literals are checked by value. */
function precheck(type: PType, a: Arg | undefined, ctx: Context): boolean {
  if (a === undefined) return true;
  if (type.lazy === 'lambda') {
    if (type.lambdaMethod && a.t !== 'value' && !(a.t === 'call' && a.usesReceiver)) return false;
    return true;
  }
  if (type.lazy === 'expr') return a.t !== 'value';
  if (type.lazy === 'mappingRule') return a.t === 'mapping';
  if (type.constKind) {
    if (a.t !== 'const') return false;
    if (type.constKind === 'stringConst') return typeof a.value === 'string' || (a.value === null && type.nullable);
    return a.keyword;
  }
  if (a.t === 'novalue') return true;
  if (isConstNode(a)) return checkValue(type, (a as { value: unknown }).value, ctx);
  return true;
}

function checkValue(type: PType, v: unknown, ctx: Context): boolean {
  if (v === null || v === undefined) return type.nullable;
  return type.check ? type.check(v, ctx.engine) : true;
}

function mapArgs(def: FnDef, pos: Arg[], kw: Map<string, Arg>, ctx: Context): Mapping | null {
  const used = kw.size ? new Set<string>() : null;
  const slots: Slot[] = [];
  const params = def.params;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const a = pos[i];
    if (a !== undefined && a.t !== 'novalue') {
      if (kw.has(p.name)) return null;
      if (!precheck(p.type, a, ctx)) return null;
      slots.push({ type: p.type, src: i, def: p.default });
    } else if (kw.has(p.name)) {
      if (!precheck(p.type, kw.get(p.name), ctx)) return null;
      used!.add(p.name);
      slots.push({ type: p.type, src: p.name, def: p.default });
    } else if (p.default !== NO_DEFAULT) {
      slots.push({ type: p.type, src: null, def: p.default });
    } else return null;
  }
  if (pos.length > params.length) {
    if (!def.varargs) return null;
    for (let i = params.length; i < pos.length; i++) {
      const a = pos[i]!;
      if (a.t === 'novalue' || !precheck(def.varargs, a, ctx)) return null;
      slots.push({ type: def.varargs, src: i, def: NO_VALUE });
    }
  }
  const kwSlots: Array<[string, Slot]> = [];
  for (const p of def.kwOnly) {
    if (kw.has(p.name)) {
      if (!precheck(p.type, kw.get(p.name), ctx)) return null;
      used!.add(p.name);
      kwSlots.push([p.name, { type: p.type, src: p.name, def: p.default }]);
    } else if (p.default !== NO_DEFAULT) kwSlots.push([p.name, { type: p.type, src: null, def: p.default }]);
    else return null;
  }
  for (const name of kw.keys()) {
    if (used!.has(name)) continue;
    if (!def.varkw || !precheck(def.varkw, kw.get(name), ctx)) return null;
    kwSlots.push([name, { type: def.varkw, src: name, def: NO_VALUE }]);
  }
  return { def, pos: slots, kw: kwSlots };
}

function lazyKey(m: Mapping): string {
  if (!m.def.hasLazy) return '';
  let k = '';
  for (const s of m.pos) if (s.type.lazy && s.src !== null) k += '|' + String(s.src);
  for (const [, s] of m.kw) if (s.type.lazy && s.src !== null) k += '|' + String(s.src);
  return k;
}

function notFound(name: string, receiver: unknown): YaqlError {
  return receiver === NO_VALUE
    ? new YaqlError('NoMatchingFunctionException', `No function "${name}" matches supplied arguments`)
    : new YaqlError('NoMatchingMethodException', `No method "${name}" for receiver ${pyStr(receiver)} matches supplied arguments`);
}

function ambiguous(name: string, receiver: unknown): YaqlError {
  return receiver === NO_VALUE
    ? new YaqlError('AmbiguousFunctionException', `Ambiguous function "${name}"`)
    : new YaqlError('AmbiguousMethodException', `Ambiguous method "${name}" for receiver ${pyStr(receiver)}`);
}

/** Wraps a lazy argument as a callable lambda (yaqltypes.Lambda). */
export function makeLambda(a: Arg, type: PType, ctx: Context): YLambda {
  const engine = ctx.engine;
  const method = type.lambdaMethod === true;
  const withCtx = type.lambdaWithContext === true;
  const node = a.t === 'value' ? null : a;
  const value = a.t === 'value' ? a.value : undefined;
  return new YLambda(node, (args, kwargs) => {
    engine.step();
    let recv: unknown = NO_VALUE;
    let c: Context;
    let i = 0;
    if (method) recv = args[i++];
    if (withCtx) c = args[i++] as Context;
    else c = ctx.child();
    for (let j = i; j < args.length; j++) c.set('$' + String(j - i + 1), args[j]);
    for (const k of Object.keys(kwargs)) c.set('$' + k, kwargs[k]);
    if (node) return evaluate(node, recv, c);
    if (value instanceof YLambda) return value.fn(args.slice(i), kwargs);
    return value;
  });
}

/** Calls a function by name: `args` are expressions (or values), `kwValues` pre-evaluated keyword arguments. */
export function callFunction(
  name: string,
  args: readonly Arg[],
  ctx: Context,
  receiver: unknown,
  kwValues: Record<string, unknown> | null,
): unknown {
  const engine = ctx.engine;
  engine.step();
  const isMethod = receiver !== NO_VALUE;
  const layers = collectLayers(name, ctx, isMethod);
  if (layers.length === 0) {
    throw isMethod
      ? new YaqlError('NoMethodRegisteredException', `Unknown method "${name}" for receiver ${pyStr(receiver)}`)
      : new YaqlError('NoFunctionRegisteredException', `Unknown function "${name}"`);
  }
  let all: Arg[];
  if (isMethod) {
    all = [{ t: 'value', value: receiver }];
    for (const a of args) all.push(a);
  } else all = args as Arg[];
  const noKw = layers[0]![0]!.noKwargs;
  let pos: Arg[];
  let hasMapping = false;
  for (const a of all) if (a.t === 'mapping') hasMapping = true;
  const kw = kwValues || hasMapping ? new Map<string, Arg>() : EMPTY_KW;
  if (noKw) {
    if (kwValues && Object.keys(kwValues).length) {
      throw new YaqlError('ArgumentException', `Invalid argument ${Object.keys(kwValues)[0]}`);
    }
    pos = all;
  } else {
    pos = [];
    for (const a of all) {
      if (a.t === 'mapping') {
        if (a.source.t !== 'const' || !a.source.keyword) {
          throw new YaqlError('MappingTranslationException', 'Cannot convert mapping to keyword argument');
        }
        const key = a.source.value as string;
        if (kw.has(key)) throw new YaqlError('MappingTranslationException', 'Cannot convert mapping to keyword argument');
        kw.set(key, a.destination);
      } else pos.push(a);
    }
    if (kwValues) {
      for (const k of Object.keys(kwValues)) {
        if (kw.has(k)) throw new YaqlError('MappingTranslationException', 'Cannot convert mapping to keyword argument');
        kw.set(k, { t: 'value', value: kwValues[k] });
      }
    }
  }

  const mapped: Mapping[][] = [];
  let lazy: string | null = null;
  for (const layer of layers) {
    const ml: Mapping[] = [];
    for (const def of layer) {
      if (def.noKwargs !== noKw) throw ambiguous(name, receiver);
      const m = mapArgs(def, pos, kw, ctx);
      if (!m) continue;
      const lk = lazyKey(m);
      if (lazy === null) lazy = lk;
      else if (lazy !== lk) throw ambiguous(name, receiver);
      ml.push(m);
    }
    if (ml.length) mapped.push(ml);
  }
  if (mapped.length === 0) throw notFound(name, receiver);

  // Evaluate the non-lazy arguments once.
  const lazySet = lazy ? new Set(lazy.split('|')) : EMPTY_SET;
  const posVals: unknown[] = new Array(pos.length);
  for (let i = 0; i < pos.length; i++) {
    const a = pos[i]!;
    if (lazySet !== EMPTY_SET && lazySet.has(String(i))) continue;
    posVals[i] = a.t === 'value' ? a.value : evaluate(a, NO_VALUE, ctx);
  }
  const kwVals = new Map<string, unknown>();
  for (const [k, a] of kw) {
    if (lazySet.has(k)) continue;
    kwVals.set(k, a.t === 'value' ? a.value : evaluate(a, NO_VALUE, ctx));
  }

  const child = ctx.child();
  for (const level of mapped) {
    let winner: Mapping | null = null;
    let winnerArgs: { args: unknown[]; kwargs: Record<string, unknown> } | null = null;
    for (const m of level) {
      const built = bind(m, pos, kw, posVals, kwVals, child);
      if (!built) continue;
      if (winner) {
        if (isSpecialization(winner, m)) continue;
        if (!isSpecialization(m, winner)) throw ambiguous(name, receiver);
      }
      winner = m;
      winnerArgs = built;
    }
    if (winner && winnerArgs) {
      const result = winner.def.impl(new Call(child), winnerArgs.args, winnerArgs.kwargs);
      if (typeof result === 'string' || Array.isArray(result)) {
        if (result.length > engine.maxSize) engine.checkSize(result.length);
      }
      return result;
    }
  }
  throw notFound(name, receiver);
}

/** What an implementation receives: its fresh context, the engine and a way to call other functions. */
class Call implements CallInfo {
  readonly engine: Engine;
  constructor(readonly ctx: Context) {
    this.engine = ctx.engine;
  }
  delegate(name: string, args: unknown[], opts?: { method?: boolean; kwargs?: Record<string, unknown> }): unknown {
    const method = opts?.method === true;
    const vals: ValueArg[] = [];
    for (let i = method ? 1 : 0; i < args.length; i++) vals.push({ t: 'value', value: args[i] });
    return callFunction(name, vals, this.ctx.child(), method ? args[0] : NO_VALUE, opts?.kwargs ?? null);
  }
}

const NO_KWARGS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** Builds the argument values for one overload, or null when a value does not fit its parameter type. */
function bind(
  m: Mapping, pos: Arg[], kw: Map<string, Arg>, posVals: unknown[], kwVals: Map<string, unknown>, ctx: Context,
): { args: unknown[]; kwargs: Record<string, unknown> } | null {
  const args: unknown[] = [];
  for (const s of m.pos) {
    const v = slotValue(s, pos, kw, posVals, kwVals, ctx);
    if (v === FAIL) return null;
    args.push(v);
  }
  if (m.kw.length === 0) return { args, kwargs: NO_KWARGS };
  const kwargs: Record<string, unknown> = {};
  for (const [k, s] of m.kw) {
    const v = slotValue(s, pos, kw, posVals, kwVals, ctx);
    if (v === FAIL) return null;
    Object.defineProperty(kwargs, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return { args, kwargs };
}

const FAIL = Symbol('fail');
const EMPTY_SET: ReadonlySet<string> = new Set();
const EMPTY_KW: Map<string, Arg> = new Map();

function slotValue(
  s: Slot, pos: Arg[], kw: Map<string, Arg>, posVals: unknown[], kwVals: Map<string, unknown>, ctx: Context,
): unknown {
  if (s.src === null) return s.def;
  const a = typeof s.src === 'number' ? pos[s.src]! : kw.get(s.src)!;
  const type = s.type;
  if (type.lazy === 'lambda') return makeLambda(a, type, ctx);
  if (type.lazy === 'expr') return a;
  if (type.lazy === 'mappingRule') {
    const mn = a as Extract<YaqlAst, { t: 'mapping' }>;
    const rule: LazyMappingRule = {
      source: () => evaluate(mn.source, NO_VALUE, ctx),
      destination: () => evaluate(mn.destination, NO_VALUE, ctx),
    };
    return rule;
  }
  if (type.constKind === 'keywordNode') return a;
  if (type.constKind) return (a as { value: unknown }).value;
  let v = typeof s.src === 'number' ? posVals[s.src] : kwVals.get(s.src);
  if (v === NO_VALUE) return s.def;
  if (v === undefined) v = null;
  if (!checkValue(type, v, ctx)) return FAIL;
  return type.convert && v !== null ? type.convert(v, ctx.engine) : v;
}

function isSpecialization(m1: Mapping, m2: Mapping): boolean {
  let res = false;
  const n = Math.min(m1.pos.length, m2.pos.length);
  for (let i = 0; i < n; i++) {
    const a1 = m1.pos[i]!.type.base;
    const a2 = m2.pos[i]!.type.base;
    if (isSpecializationOf(a2, a1)) return false;
    if (isSpecializationOf(a1, a2)) res = true;
  }
  return res;
}

export type { Param };
