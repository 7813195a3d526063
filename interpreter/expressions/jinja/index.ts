/**
 * Jinja2 for Mistral expressions, implemented here rather than borrowed.
 *
 * Why our own implementation (and not `nunjucks` or `@huggingface/jinja`, which both run in the sandbox):
 * - Fidelity. Mistral users write Jinja2 and read Python results. `{{ True }}`, `{{ None }}`, `{{ {'a': 1} }}`,
 *   `{{ 7 / 2 }}` → `3.5`, `{{ 7 // 2 }}`, `{{ 1.0 }}` → `1.0`, `'x' * 3`, Python string methods
 *   (`.items()`, `.split()`, `.format()`), `StrictUndefined` with Jinja2's exact messages (`'dict object' has no
 *   attribute 'x'`), `trim_blocks`/`lstrip_blocks`, and Jinja2's filter semantics (`tojson` sorting keys, `round`
 *   returning a float, case-insensitive `sort`) — nunjucks follows JS semantics on nearly all of these (`true`,
 *   `null`, `[object Object]`, no StrictUndefined), and @huggingface/jinja covers a chat-template subset.
 * - Safety. A JS template engine resolves `x.constructor`, `__proto__`, `toString` on real JS objects. Here,
 *   attribute access only reads own keys of plain data and a fixed table of Python methods, so no JS function or
 *   global is reachable. No `eval`/`Function` is used.
 * - Bounds. Every loop iteration, call, filter and test spends a step budget and every built string/collection is
 *   size-checked, so a runaway template stops with a clear error well before Temporal's 5 s activation limit;
 *   `range()` keeps Jinja2's sandbox cap (100,000).
 * Cross-checked against Python Jinja2 3.1.2 (the one Mistral 15 runs) case by case; see test/expressions/jinja*.
 *
 * Not supported: template inheritance/includes/imports, `{% call %}`, recursive loops, loop controls, mutating
 * methods (`list.append`, `dict.update`) on context data.
 */
import { Budget } from '../budget';
import type { PyCallable } from '../pyvalues';
import type { Expr, Stmt } from './ast';
import { JinjaError } from './errors';
import { parseExpression, parseTemplate } from './parser';
import { Runtime, type HostFilter } from './runtime';

export { JinjaError } from './errors';
export { JinjaUndefined } from './undefined';
export type { HostFilter } from './runtime';

export interface JinjaOptions {
  /** Top-level template variables (Mistral passes `_` and `__env`, `__execution`, `__task_execution`). */
  vars: Record<string, unknown>;
  /** Global functions (Mistral's `task()`, `json_dump()`, ...). */
  functions?: Record<string, PyCallable>;
  /** Extra filters (Mistral registers its functions as filters too). */
  filters?: Record<string, HostFilter>;
  /** Step/size budget, shared by all expressions of one evaluation. */
  budget?: Budget;
}

const CACHE_LIMIT = 512;
const templateCache = new Map<string, Stmt[]>();
const expressionCache = new Map<string, Expr>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** Converts JS stack exhaustion (deeply recursive macros) into a clear, typed error. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new JinjaError('RecursionError', 'maximum recursion depth exceeded');
    }
    throw e;
  }
}

/** Parses a template, throwing a located `JinjaError` (`TemplateSyntaxError`) if it is malformed. Cached. */
export function compileJinjaTemplate(source: string): Stmt[] {
  return cached(templateCache, source, () => guard(() => parseTemplate(source)));
}

/** Checks only the grammar of a template (Mistral's upload-time validation); throws a located `JinjaError`. */
export function checkJinjaTemplate(source: string): void {
  guard(() => parseTemplate(source, false));
}

/** Parses a bare expression as Jinja2's `compile_expression` does. Cached. */
export function compileJinjaExpression(source: string): Expr {
  return cached(expressionCache, source, () => guard(() => parseExpression(source)));
}

/** Renders a template (`Environment.from_string(source).render(**vars)`) to text. */
export function renderJinjaTemplate(source: string, opts: JinjaOptions): string {
  const body = compileJinjaTemplate(source);
  return guard(() => new Runtime({ ...opts, budget: opts.budget ?? new Budget() }).render(body));
}

/**
 * Evaluates a bare expression (`compile_expression(source)(**vars)`) and returns its Python value (may be a
 * `PyFloat`, `PyTuple`, `JinjaUndefined`, ...; see `toPlain` in `../pyjson`).
 */
export function evaluateJinjaExpression(source: string, opts: JinjaOptions): unknown {
  const expr = compileJinjaExpression(source);
  return guard(() => new Runtime({ ...opts, budget: opts.budget ?? new Budget() }).evaluate(expr));
}
