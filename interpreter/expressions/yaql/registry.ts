/**
 * The standard-library registry and the declaration helpers library files use: `fn()` declares a function,
 * `T` holds the parameter types (yaql's `yaqltypes`), `p()` declares a parameter.
 */
import type { YaqlAst } from './ast';
import { Context } from './context';
import type { Engine } from './engine';
import { CollectionTooLarge } from './limits';
import {
  PyFloat, YDict, YIter, YReiterable, YSet, isDict, isPyInt, isSequence, isPlainObject,
} from './values';
import { NO_DEFAULT, type FnDef, type Impl, type Param, type PType, YLambda } from './types';

/** Functions of yaql's standard context, by name. */
export const STDLIB = new Map<string, FnDef[]>();
/** Lower layer (yaql's fallbacks): `obj.name` property access. */
export const FALLBACKS = new Map<string, FnDef[]>();

const PARENTS: Record<string, string> = {
  mappingRule: 'any', iterable: 'any', sequence: 'iterable', set: 'iterable', iterator: 'iterable', ordering: 'iterable',
  mapping: 'any', string: 'any', number: 'any', int: 'number', bool: 'int', none: 'any', anyNN: 'any',
  context: 'any', regex: 'any', datetime: 'any', timespan: 'any', callable: 'any', lambda: 'any',
};

/** True when type `a` is a strict specialization of type `b`. */
export function isSpecializationOf(a: string, b: string): boolean {
  if (a === b) return false;
  for (let t: string | undefined = PARENTS[a]; t; t = PARENTS[t]) if (t === b) return true;
  return false;
}

function t(base: string, check: ((v: unknown, e: Engine) => boolean) | undefined, nullable = false): PType {
  return check ? { base, nullable, check } : { base, nullable };
}

function iterableCheck(v: unknown, e: Engine): boolean {
  return Array.isArray(v) || v instanceof YSet || v instanceof YIter || v instanceof YReiterable ||
    (e.iterableDicts && isDict(v));
}

/** Enforces the iterator limit while flattening/consuming (yaql's `limit_iterable`). */
export function checkIterLimit(e: Engine, count: number): void {
  if (e.limitIterators >= 0 && count > e.limitIterators) throw CollectionTooLarge(e.limitIterators);
}

function limitConvert(v: unknown, e: Engine): unknown {
  const max = e.limitIterators;
  if (max < 0) return v;
  if (Array.isArray(v) || v instanceof YSet || isDict(v)) {
    const len = Array.isArray(v) ? v.length : v instanceof YSet ? v.size : v instanceof YDict ? v.m.size : Object.keys(v).length;
    if (len > max) throw CollectionTooLarge(max);
    return v;
  }
  if (v instanceof YIter || v instanceof YReiterable) {
    const src = v;
    return new YIter((function* () {
      let i = 0;
      for (const x of src) {
        if (i >= max) throw CollectionTooLarge(max);
        i++;
        yield x;
      }
    })());
  }
  return v;
}

const pyInt = (v: unknown): boolean => isPyInt(v) || typeof v === 'boolean';

/** Parameter types. Suffix `N` = nullable. */
export const T = {
  any: t('any', undefined, true),
  anyNN: t('anyNN', undefined, false),
  none: { base: 'none', nullable: true, check: () => false } as PType,
  string: t('string', (v) => typeof v === 'string'),
  stringN: t('string', (v) => typeof v === 'string', true),
  /** Python `int` (bool is an int in Python). */
  int: t('int', pyInt),
  intN: t('int', pyInt, true),
  /** yaqltypes.Integer: an int that is not a bool. */
  integer: t('int', isPyInt),
  number: t('number', (v) => typeof v === 'number' || v instanceof PyFloat),
  numberN: t('number', (v) => typeof v === 'number' || v instanceof PyFloat, true),
  bool: t('bool', (v) => typeof v === 'boolean'),
  iterable: { base: 'iterable', nullable: false, check: iterableCheck, convert: limitConvert } as PType,
  iterableN: { base: 'iterable', nullable: true, check: iterableCheck, convert: limitConvert } as PType,
  iterableNoSet: {
    base: 'iterable', nullable: false, check: (v: unknown, e: Engine) => iterableCheck(v, e) && !(v instanceof YSet),
    convert: limitConvert,
  } as PType,
  iterator: t('iterator', (v) => v instanceof YIter),
  sequence: t('sequence', (v) => isSequence(v)),
  mapping: t('mapping', (v) => isDict(v)),
  set: t('set', (v) => v instanceof YSet),
  context: t('context', (v) => v instanceof Context),
  callable: t('callable', (v) => v instanceof YLambda),
  ordering: t('ordering', (v) => v instanceof YReiterable && v.kind === 'ordering'),
  lambda: { base: 'lambda', nullable: true, lazy: 'lambda' } as PType,
  lambdaMethod: { base: 'lambda', nullable: true, lazy: 'lambda', lambdaMethod: true } as PType,
  lambdaCtx: { base: 'lambda', nullable: true, lazy: 'lambda', lambdaWithContext: true } as PType,
  expr: { base: 'any', nullable: false, lazy: 'expr' } as PType,
  mappingRule: { base: 'any', nullable: false, lazy: 'mappingRule' } as PType,
  keyword: { base: 'string', nullable: false, constKind: 'keyword' } as PType,
  keywordNode: { base: 'string', nullable: false, constKind: 'keywordNode' } as PType,
  stringConst: { base: 'string', nullable: false, constKind: 'stringConst' } as PType,
  plainDict: t('mapping', (v) => isPlainObject(v) || v instanceof YDict),
} satisfies Record<string, PType>;

/** Declares a parameter; `def` is its default value (omit for a required parameter). */
export function p(name: string, type: PType, def: unknown = NO_DEFAULT): Param {
  return { name, type, default: def };
}

export interface FnOptions {
  /** Callable as `obj.name()` (receiver = first parameter). */
  method?: boolean;
  /** Callable as `name()`; defaults to true unless `method` is set. */
  function?: boolean;
  noKwargs?: boolean;
  varargs?: PType;
  varkw?: PType;
  kwOnly?: Param[];
  /** Register in the fallback layer. */
  fallback?: boolean;
}

/** Registers a standard-library function under one or more names. */
export function fn(names: string | string[], params: Param[], opts: FnOptions, impl: Impl): FnDef {
  const list = Array.isArray(names) ? names : [names];
  let def: FnDef | undefined;
  for (const name of list) {
    def = {
      name,
      params,
      kwOnly: opts.kwOnly ?? [],
      varargs: opts.varargs ?? null,
      varkw: opts.varkw ?? null,
      isMethod: opts.method === true,
      isFunction: opts.function ?? !opts.method,
      noKwargs: opts.noKwargs === true,
      hasLazy: [...params, ...(opts.kwOnly ?? [])].some((x) => x.type.lazy) || !!opts.varargs?.lazy || !!opts.varkw?.lazy,
      impl,
    };
    const reg = opts.fallback ? FALLBACKS : STDLIB;
    const arr = reg.get(name) ?? [];
    arr.push(def);
    reg.set(name, arr);
  }
  return def!;
}

/** Both a function and a method (yaql's `extension_method`). */
export const EXT: FnOptions = { method: true, function: true };
/** Method only. */
export const METHOD: FnOptions = { method: true, function: false };

export type { YaqlAst };
