/**
 * Mistral's evaluation rules (`mistral.expressions.evaluate_recursively` and the inline evaluators): dicts and lists
 * are walked (keys untouched), a string that is exactly one expression keeps the expression's type, mixed text gets
 * Python `str()` of each YAQL result or is rendered as a Jinja template. Jinja is tried before YAQL, as Mistral
 * sorts its evaluators by name. Errors are Mistral-shaped `ExpressionError`s, without the data context.
 */
import { Budget } from './budget';
import { findYaql, isJinja, isYaql, stripYaqlDelimiters } from './detect';
import { MISTRAL_FUNCTION_NAMES, callMistralFunction } from './functions';
import { JinjaUndefined, evaluateJinjaExpression, renderJinjaTemplate } from './jinja/index';
import type { HostFilter } from './jinja/index';
import { LocatedExpressionError } from './located-error';
import { toPlain } from './pyjson';
import { formatFloat, pyStr } from './pyrepr';
import { PyCallable, dictHas, isDict, pyTypeName } from './pyvalues';
import type { EvalContext } from './types';
import { YaqlError, evaluateYaqlDetailed, type YaqlHostFunction } from './yaql/index';

const JINJA_WHOLE = /\{\{(.*?)\}\}/;

/** Mistral's internal context keys, also exposed as variables (`$__env` in YAQL, `__env` in Jinja). */
function internalVars(data: unknown): Record<string, unknown> {
  const get = (k: string) => (isDict(data) && dictHas(data, k) ? data[k] : null);
  return { __env: get('__env'), __execution: get('__execution'), __task_execution: get('__task_execution') };
}

function errorText(e: unknown): { message: string; pyType: string; offset?: number } {
  if (e instanceof Error) {
    const typed = e as Error & { pyType?: string; offset?: number };
    return { message: typed.message, pyType: typed.pyType ?? e.name, offset: typed.offset };
  }
  return { message: String(e), pyType: 'Exception' };
}

/** Python `str()` of a YAQL result; `pyType` restores the float-ness plain JS numbers lose (`2.0`). */
function yaqlStr(value: unknown, pyType: string): string {
  if (pyType === 'float' && typeof value === 'number') return formatFloat(value);
  return pyStr(value);
}

/**
 * The YAQL host functions are created once (the YAQL engine caches its function table per functions object) and
 * read the context of the evaluation in progress; evaluation is synchronous, so one slot is enough.
 */
let currentYaqlContext: EvalContext = { data: null };
const yaqlFunctions: Record<string, YaqlHostFunction> = {};
for (const name of MISTRAL_FUNCTION_NAMES) {
  yaqlFunctions[name] = (args, kwargs) =>
    callMistralFunction(name, currentYaqlContext.data, args, kwargs, currentYaqlContext.functions, () =>
      new YaqlError('NoMatchingFunctionException', `No function "${name}" matches supplied arguments`),
    );
}

function evaluateYaqlString(s: string, ctx: EvalContext, budget: Budget): unknown {
  const found = findYaql(s);
  let result: unknown = s;
  const functions = yaqlFunctions;
  const previous = currentYaqlContext;
  currentYaqlContext = ctx;
  try {
    result = evaluateYaqlMatches(s, found, ctx, budget, functions);
  } finally {
    currentYaqlContext = previous;
  }
  return result;
}

function evaluateYaqlMatches(
  s: string,
  found: { text: string; index: number }[],
  ctx: EvalContext,
  budget: Budget,
  functions: Record<string, YaqlHostFunction>,
): unknown {
  let result: unknown = s;
  for (const { text, index } of found) {
    const { inner, lead } = stripYaqlDelimiters(text);
    const expr = inner.trim();
    const exprOffset = index + lead + (inner.length - inner.trimStart().length);
    let evaluated: { value: unknown; pyType: string };
    try {
      evaluated = evaluateYaqlDetailed(expr, {
        data: ctx.data,
        functions,
        vars: internalVars(ctx.data),
        limits: { maxSteps: budget.maxSteps, maxSize: budget.maxSize, pool: budget.pool },
      });
    } catch (e) {
      const { message, pyType, offset } = errorText(e);
      throw new LocatedExpressionError(
        'yaql',
        expr,
        `Can not evaluate YAQL expression [expression=${expr}, error=${message}]`,
        pyType,
        offset === undefined ? exprOffset : exprOffset + offset,
      );
    }
    if (s.length === text.length) result = evaluated.value;
    else result = (result as string).split(text).join(yaqlStr(evaluated.value, evaluated.pyType));
  }
  return result;
}

function jinjaOptions(ctx: EvalContext, budget: Budget) {
  const functions: Record<string, PyCallable> = {};
  const filters: Record<string, HostFilter> = {};
  for (const name of MISTRAL_FUNCTION_NAMES) {
    functions[name] = new PyCallable(name, (args, kwargs) => callMistralFunction(name, ctx.data, args, kwargs, ctx.functions));
    filters[name] = (value, args, kwargs) => callMistralFunction(name, value, args, kwargs, ctx.functions);
  }
  return { vars: { _: ctx.data, ...(isDict(ctx.data) ? internalVars(ctx.data) : {}) }, functions, filters, budget };
}

/** A Jinja value as plain data; a value Mistral could not store (a bound method, ...) is an error. */
function jinjaPlain(value: unknown): unknown {
  return toPlain(value, (v) => {
    if (v instanceof JinjaUndefined) {
      if (v.strict) throw v.error();
      return null;
    }
    throw new TypeError(`Object of type ${pyTypeName(v)} is not JSON serializable`);
  });
}

function evaluateJinjaString(s: string, ctx: EvalContext, budget: Budget): unknown {
  const whole = JINJA_WHOLE.exec(s);
  try {
    if (!whole) {
      // Mistral 15 indexes the first `{{ }}` match before checking anything: a string with only `{% %}` blocks
      // fails with IndexError (checked against the oracle).
      const err = new Error('list index out of range') as Error & { pyType: string };
      err.pyType = 'IndexError';
      throw err;
    }
    if (whole[0] === s) {
      const value = evaluateJinjaExpression(whole[1], jinjaOptions(ctx, budget));
      pyStr(value); // StrictUndefined raises only when used, as Mistral's str(result)
      return jinjaPlain(value);
    }
    return renderJinjaTemplate(s, jinjaOptions(ctx, budget));
  } catch (e) {
    const { message, pyType, offset } = errorText(e);
    let where = offset;
    if (where !== undefined && whole && whole[0] === s) where += 2;
    throw new LocatedExpressionError('jinja', s, `Can not evaluate Jinja expression [expression=${s}, error=${message}]`, pyType, where);
  }
}

/** Evaluates one string value by Mistral's rules (Jinja first, then YAQL, else the string itself). */
export function evaluateString(s: string, ctx: EvalContext, budget: Budget): unknown {
  if (isJinja(s)) return evaluateJinjaString(s, ctx, budget);
  if (isYaql(s)) return evaluateYaqlString(s, ctx, budget);
  return s;
}

function walk(value: unknown, ctx: EvalContext, budget: Budget): unknown {
  if (typeof value === 'string') return evaluateString(value, ctx, budget);
  if (Array.isArray(value)) return value.map((v) => walk(v, ctx, budget));
  if (isDict(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      Object.defineProperty(out, k, { value: walk(value[k], ctx, budget), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * Evaluates every expression in `value` (recursively through dicts and lists; keys are never evaluated and
 * non-strings pass through) against `ctx.data`. Throws `ExpressionError` (a `LocatedExpressionError`, with the
 * offset of the problem within the string when known) with Mistral's message shape.
 */
export function evaluate(value: unknown, ctx: EvalContext): unknown {
  return walk(value, ctx, new Budget(ctx.budget));
}
