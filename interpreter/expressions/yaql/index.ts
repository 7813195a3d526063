/**
 * YAQL 2.x (as OpenStack Mistral uses Python yaql 2.0.0), implemented in TypeScript for the Temporal workflow
 * sandbox: pure, deterministic, bounded. `parseYaql` parses (cached), `evaluateYaql` evaluates against data.
 */
import type { StepPool } from '../types';
import type { YaqlAst } from './ast';
import { Context } from './context';
import { Engine, evaluate } from './engine';
import { YaqlError } from './errors';
import { DEFAULT_MAX_SIZE, DEFAULT_MAX_STEPS } from './limits';
import { parseExpression } from './parser';
import { T } from './registry';
import { NO_VALUE, type FnDef } from './types';
import { toPlain } from './convert';
import { typeName } from './values';
import './lib/system';
import './lib/common';
import './lib/math';
import './lib/strings';
import './lib/collections';
import './lib/queries';
import './lib/regex';
import './lib/datetime';

export type { YaqlAst } from './ast';
export { YaqlError, isPyError } from './errors';
export { pyStr, pyRepr } from './values';
export { yaqlStr } from './lib/strings';
export { toPlain } from './convert';

/** A host function callable from expressions (Mistral's `task()`, `env()`, ...): receives plain JSON-like values. */
export type YaqlHostFunction = (args: unknown[], kwargs: Record<string, unknown>) => unknown;

export interface YaqlOptions {
  /** Bound to `$`. */
  data: unknown;
  /** Extra global functions; they shadow standard functions of the same name. */
  functions?: Record<string, YaqlHostFunction>;
  limits?: { maxSteps?: number; maxSize?: number; pool?: StepPool };
  /** yaql `iterableDicts`: default false (Mistral and yaql's own default). */
  iterableDicts?: boolean;
  /** Extra `$name` variables. */
  vars?: Record<string, unknown>;
  /** yaql `allow_delegates` (`$f(x)` and `lambda()`): default false, as in Mistral. */
  delegates?: boolean;
  /** yaql `limitIterators`: largest collection a function may consume (-1 = unlimited, the default). */
  limitIterators?: number;
}

const AST_CACHE_LIMIT = 2000;
const astCache = new Map<string, YaqlAst>();

/** Parses a YAQL expression (cached by text); throws a YaqlError with `offset` on a syntax error. */
export function parseYaql(expr: string, opts: { delegates?: boolean } = {}): YaqlAst {
  const key = (opts.delegates ? 'd:' : 'n:') + expr;
  const hit = astCache.get(key);
  if (hit) return hit;
  const ast = parseExpression(expr, { allowDelegates: opts.delegates === true });
  if (astCache.size >= AST_CACHE_LIMIT) {
    const first = astCache.keys().next();
    if (!first.done) astCache.delete(first.value);
  }
  astCache.set(key, ast);
  return ast;
}

const hostCache = new WeakMap<Record<string, YaqlHostFunction>, Map<string, FnDef[]>>();

function hostLayer(functions: Record<string, YaqlHostFunction> | undefined, maxSize: number): Map<string, FnDef[]> | null {
  if (!functions) return null;
  const hit = hostCache.get(functions);
  if (hit) return hit;
  const layer = new Map<string, FnDef[]>();
  for (const name of Object.keys(functions)) {
    const f = functions[name]!;
    layer.set(name, [{
      name, params: [], kwOnly: [], varargs: T.any, varkw: T.any, isFunction: true, isMethod: false, noKwargs: false,
      impl: (c, args, kwargs) => {
        const plainKw: Record<string, unknown> = {};
        for (const k of Object.keys(kwargs)) {
          Object.defineProperty(plainKw, k, { value: toPlain(kwargs[k], c.engine), enumerable: true, writable: true, configurable: true });
        }
        const r = f(args.map((a) => toPlain(a, c.engine)), plainKw);
        return r === undefined ? null : r;
      },
    }]);
  }
  void maxSize;
  hostCache.set(functions, layer);
  return layer;
}

/**
 * Evaluates a YAQL expression (text or parsed tree) against `opts.data` and returns plain JSON-like values
 * (dicts → objects, sets and iterators → arrays, floats → numbers). Throws YaqlError: `pyType` names the Python
 * exception yaql would raise; budget overruns raise `BudgetExceededException`.
 */
export function evaluateYaql(expr: string | YaqlAst, opts: YaqlOptions): unknown {
  return evaluateYaqlDetailed(expr, opts).value;
}

/**
 * Like `evaluateYaql`, and also reports the Python type of the result before conversion (`int`, `float`, `bool`,
 * `str`, `NoneType`, `tuple`, `dict`, `frozenset`, `generator`...), which plain JS numbers cannot carry.
 */
export function evaluateYaqlDetailed(expr: string | YaqlAst, opts: YaqlOptions): { value: unknown; pyType: string } {
  const ast = typeof expr === 'string' ? parseYaql(expr, { delegates: opts.delegates }) : expr;
  const maxSize = opts.limits?.maxSize ?? DEFAULT_MAX_SIZE;
  const engine = new Engine({
    maxSteps: opts.limits?.maxSteps ?? DEFAULT_MAX_STEPS,
    pool: opts.limits?.pool,
    maxSize,
    limitIterators: opts.limitIterators ?? -1,
    iterableDicts: opts.iterableDicts === true,
    host: hostLayer(opts.functions, maxSize),
    delegates: opts.delegates === true,
  });
  const ctx = new Context(engine, null);
  if (opts.vars) for (const k of Object.keys(opts.vars)) ctx.set(k, opts.vars[k]);
  ctx.set('$', opts.data === undefined ? null : opts.data);
  try {
    const result = evaluate(ast, NO_VALUE, ctx.child());
    return { value: toPlain(result, engine, true), pyType: typeName(result) };
  } catch (e) {
    if (e instanceof YaqlError) throw e;
    if (e instanceof RangeError) throw new YaqlError('RecursionError', 'Expression is too deeply nested or recursive');
    throw new YaqlError('RuntimeError', e instanceof Error ? e.message : String(e));
  }
}
