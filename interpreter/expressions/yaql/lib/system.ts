/**
 * yaql `standard_library/system.py`: `.` and `?.`, `->`, `let`, `with`, `def`, `unpack`, `assert`, `call`,
 * `lambda` and delegate calls, plus the `obj.property` fallback.
 */
import { Context } from '../context';
import { callFunction, invoke } from '../engine';
import { YaqlError } from '../errors';
import { EXT, METHOD, T, fn, p } from '../registry';
import { NO_VALUE, type FnDef, YLambda } from '../types';
import { YIter, dictEntries, truthy } from '../values';
import type { YaqlAst } from '../ast';

fn('#operator_.', [p('receiver', T.any), p('expr', T.lambdaMethod)], {}, (_c, [recv, expr]) =>
  invoke(expr as YLambda, recv));

fn('#operator_?.', [p('receiver', T.any), p('expr', T.expr)], {}, (c, [recv, expr]) => {
  if (recv === null) return null;
  return callFunction('#operator_.', [{ t: 'value', value: recv }, expr as YaqlAst], c.ctx, NO_VALUE, null);
});

fn('unpack', [p('sequence', T.iterable)], { ...METHOD, varargs: T.string }, (c, [seq, ...names]) => {
  const items: unknown[] = [];
  for (const x of c.engine.iter(seq)) {
    items.push(x);
    if (names.length > 0 && items.length > names.length) break;
  }
  if (names.length > 0 && items.length !== names.length) {
    throw new YaqlError('ValueError', `Cannot unpack ${items.length} elements into ${names.length}`);
  }
  if (names.length > 0) items.forEach((v, i) => c.ctx.set(names[i] as string, v));
  else items.forEach((v, i) => c.ctx.set(String(i + 1), v));
  return c.ctx;
});

fn('with', [], { varargs: T.any }, (c, args) => {
  args.forEach((v, i) => c.ctx.set(String(i + 1), v));
  return c.ctx;
});

fn('let', [], { varargs: T.any, varkw: T.any }, (c, args, kwargs) => {
  args.forEach((v, i) => c.ctx.set(String(i + 1), v));
  for (const k of Object.keys(kwargs)) c.ctx.set(k, kwargs[k]);
  return c.ctx;
});

fn('def', [p('name', T.string), p('func', T.lambda)], {}, (c, [name, func]) => {
  const lambda = func as YLambda;
  const def: FnDef = {
    name: name as string, params: [], kwOnly: [], varargs: T.any, varkw: T.any, isFunction: true, isMethod: false,
    noKwargs: false, impl: (_c, args, kwargs) => lambda.fn(args, kwargs),
  };
  c.ctx.register(def);
  return c.ctx;
});

fn('#operator_->', [p('left', T.context), p('right', T.lambdaCtx)], {}, (_c, [left, right]) =>
  invoke(right as YLambda, left as Context));

fn('assert', [p('obj', T.any), p('condition', T.lambda), p('message', T.string, 'Assertion failed')], METHOD,
  (c, [obj, cond, message]) => {
    let o = obj;
    if (o instanceof YIter) o = c.engine.toArray(o);
    if (!truthy(invoke(cond as YLambda, o))) throw new YaqlError('AssertionError', message as string);
    return o;
  });

fn('call', [p('name', T.string), p('args', T.sequence), p('kwargs', T.mapping), p('receiver', T.any, NO_VALUE)], {},
  (c, [name, args, kwargs, receiver]) => {
    const kw: Record<string, unknown> = {};
    for (const [k, v] of dictEntries(kwargs as Record<string, unknown>)) {
      if (typeof k === 'string' && /^(?!__)[\p{L}_][\p{L}\p{N}_]*$/u.test(k)) {
        Object.defineProperty(kw, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
    }
    return callFunction(name as string, (args as unknown[]).map((value) => ({ t: 'value', value })), c.ctx,
      receiver, kw);
  });

fn('#call', [p('callable', T.callable)], { varargs: T.any, varkw: T.any }, (_c, [f, ...args], kwargs) =>
  (f as YLambda).fn(args, kwargs));

fn('lambda', [p('func', T.lambda)], {}, (c, [f]) => {
  if (!c.engine.delegates) throw new YaqlError('NoFunctionRegisteredException', 'Unknown function "lambda"');
  return f;
});

fn('#operator_.', [p('obj', T.any), p('name', T.keyword)], { fallback: true }, (c, [obj, name]) =>
  c.delegate(`#property#${name as string}`, [obj]));

export { EXT };
