/** Jinja2's built-in tests (`is defined`, `is none`, `is divisibleby 3`, `is in`, `is eq`, ...). */
import { bindArgs } from '../pyargs';
import { PyError, pyCompare, pyContains, pyEquals, pyIter } from '../pyops';
import { PyCallable, PyDictView, PyFloat, PyRange, PyTuple, isDict, isNumberLike, numValue } from '../pyvalues';
import { JinjaUndefined } from './undefined';
import type { JinjaRuntime } from './runtime-api';

type Test = (rt: JinjaRuntime, value: unknown, args: unknown[], kwargs: Record<string, unknown>) => boolean;

function defined(v: unknown): boolean {
  return !(v instanceof JinjaUndefined);
}
function one(name: string, a: unknown[], k: Record<string, unknown>): unknown {
  return bindArgs(name, ['other'], a, k)[0];
}
function strict(v: unknown): unknown {
  if (v instanceof JinjaUndefined) throw v.error();
  return v;
}
const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

const TESTS: Record<string, Test> = {
  defined: (_rt, v) => defined(v),
  undefined: (_rt, v) => !defined(v),
  none: (_rt, v) => v === null,
  boolean: (_rt, v) => typeof v === 'boolean',
  false: (_rt, v) => v === false,
  true: (_rt, v) => v === true,
  integer: (_rt, v) => isInt(v),
  float: (_rt, v) => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v)),
  number: (_rt, v) => isNumberLike(v),
  string: (_rt, v) => typeof v === 'string',
  mapping: (_rt, v) => isDict(v),
  iterable: (_rt, v) => {
    try {
      pyIter(strict(v));
      return true;
    } catch (e) {
      if (e instanceof PyError) return false;
      throw e;
    }
  },
  sequence: (_rt, v) => typeof v === 'string' || Array.isArray(v) || v instanceof PyTuple || isDict(v) || v instanceof PyRange || v instanceof PyDictView,
  callable: (_rt, v) => v instanceof PyCallable,
  sameas: (_rt, v, a, k) => {
    const o = one('sameas', a, k);
    return v === o || (v === null && o === null);
  },
  escaped: () => false,
  in: (_rt, v, a, k) => pyContains(strict(bindArgs('in', ['seq'], a, k)[0]), strict(v)),
  eq: (_rt, v, a, k) => pyEquals(strict(v), strict(one('eq', a, k))),
  ne: (_rt, v, a, k) => !pyEquals(strict(v), strict(one('ne', a, k))),
  lt: (_rt, v, a, k) => pyCompare('<', strict(v), strict(one('lt', a, k))),
  le: (_rt, v, a, k) => pyCompare('<=', strict(v), strict(one('le', a, k))),
  gt: (_rt, v, a, k) => pyCompare('>', strict(v), strict(one('gt', a, k))),
  ge: (_rt, v, a, k) => pyCompare('>=', strict(v), strict(one('ge', a, k))),
  odd: (_rt, v) => numValue(strict(v) as number) % 2 !== 0,
  even: (_rt, v) => numValue(strict(v) as number) % 2 === 0,
  divisibleby: (_rt, v, a, k) => {
    const n = numValue(bindArgs('divisibleby', ['num'], a, k)[0] as number);
    if (n === 0) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
    return numValue(strict(v) as number) % n === 0;
  },
  lower: (rt, v) => rt.str(v) === rt.str(v).toLowerCase(),
  upper: (rt, v) => rt.str(v) === rt.str(v).toUpperCase(),
};
Object.assign(TESTS, {
  '==': TESTS.eq, equalto: TESTS.eq, '!=': TESTS.ne, '<': TESTS.lt, lessthan: TESTS.lt, '<=': TESTS.le,
  '>': TESTS.gt, greaterthan: TESTS.gt, '>=': TESTS.ge,
});

/** Every test name a template may use. */
export const TEST_NAMES: ReadonlySet<string> = new Set(Object.keys(TESTS));

/** Runs the test `name` on `value`. */
export function runTest(rt: JinjaRuntime, name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): boolean {
  const t = Object.prototype.hasOwnProperty.call(TESTS, name) ? TESTS[name] : undefined;
  if (!t) throw new PyError('TemplateRuntimeError', `No test named '${name}' found.`);
  rt.budget.tick();
  return t(rt, value, args, kwargs);
}
