/**
 * The engine's single door to the expression layer: evaluates a spec value against a data context with Mistral's
 * functions, turning any failure into an `EvalFailure` whose message is what users see.
 */
import { evaluate } from '../expressions';
import { pyStr } from '../expressions/pyrepr';
import { toPlain } from '../expressions/pyjson';
import type { Runtime, TaskEx } from './state';
import { functionsFor } from './context';

/**
 * Expression steps one engine step (one event, or the start) may spend in all: a with-items of many items, each
 * evaluating its input, stays well inside Temporal's 5 s activation limit (600,000 to 800,000 steps a second here) and
 * fails its task with a clear message instead of failing workflow tasks forever.
 */
export const STEP_POOL = 1_500_000;

/** An expression failed; `message` is Mistral-shaped (`Can not evaluate YAQL expression [...]`). */
export class EvalFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalFailure';
  }
}

/** True when a value holds an expression anywhere (YAQL `<% %>` or Jinja `{{ }}` / `{% %}`). */
export function hasExpression(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('<%') || v.includes('{{') || v.includes('{%');
  if (Array.isArray(v)) return v.some(hasExpression);
  if (v !== null && typeof v === 'object') {
    for (const k in v) if (hasExpression((v as Record<string, unknown>)[k])) return true; // spec values: plain objects
  }
  return false;
}

/**
 * A data context, or a function that builds it: most spec values are literals, so the context (a fresh object of
 * several layers) is built only when a value holds an expression. Data itself is JSON, never a function.
 */
export type DataArg = Record<string, unknown> | (() => Record<string, unknown>);

/** A data-context builder that builds at most once (for several values evaluated against the same context). */
export function lazyData(build: () => Record<string, unknown>): () => Record<string, unknown> {
  let data: Record<string, unknown> | undefined;
  return () => (data ??= build());
}

/**
 * Evaluates `value` recursively (Mistral rules) with `data` as `$` (or what a `DataArg` function builds) and `current`
 * as `task()`. Values without any expression are returned as they are (fast path, nothing built). Throws
 * `EvalFailure` with the user-facing message.
 */
export function evalValue(rt: Runtime, value: unknown, data: unknown, current?: TaskEx): unknown {
  if (!hasExpression(value)) return value;
  if (typeof data === 'function') data = data();
  try {
    return toPlain(evaluate(value, { data, functions: functionsFor(rt, current), budget: { pool: rt.pool } }), (x) => pyStr(x));
  } catch (err) {
    const msg = err instanceof Error ? err.message : pyStr(err);
    throw new EvalFailure(msg);
  }
}

