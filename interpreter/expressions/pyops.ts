/**
 * Python operator semantics over the expression value model: arithmetic (`//`, `%`, true division, str/list
 * repetition), rich comparison, `in`, `len()` and iteration, with Python's own error messages.
 */
import type { Budget } from './budget';
import { formatNumber } from './pyrepr';
import {
  PyDictView, PyFloat, PyRange, PyTuple, dictHas, isDict, isNumberLike, makeFloat, numValue, pyTypeName,
} from './pyvalues';

/** A Python exception raised by an operator (`TypeError`, `ZeroDivisionError`, ...). */
export class PyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}

type Num = number | boolean | PyFloat;
const isIntLike = (v: unknown): boolean =>
  typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));

function numResult(n: number, float: boolean): number | PyFloat {
  return float ? makeFloat(n) : n;
}
const anyFloat = (a: Num, b: Num): boolean => !isIntLike(a) || !isIntLike(b);

function unsupported(op: string, a: unknown, b: unknown): PyError {
  return new PyError('TypeError', `unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** Python `a + b`. */
export function pyAdd(a: unknown, b: unknown, budget: Budget): unknown {
  if (isNumberLike(a) && isNumberLike(b)) return numResult(numValue(a) + numValue(b), anyFloat(a, b));
  if (typeof a === 'string') {
    if (typeof b !== 'string') throw new PyError('TypeError', `can only concatenate str (not "${pyTypeName(b)}") to str`);
    budget.size(a.length + b.length);
    return a + b;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) throw new PyError('TypeError', `can only concatenate list (not "${pyTypeName(b)}") to list`);
    budget.size(a.length + b.length);
    return [...a, ...b];
  }
  if (a instanceof PyTuple) {
    if (!(b instanceof PyTuple)) throw new PyError('TypeError', `can only concatenate tuple (not "${pyTypeName(b)}") to tuple`);
    return new PyTuple([...a.items, ...b.items]);
  }
  throw unsupported('+', a, b);
}

/** Python `a - b`. */
export function pySub(a: unknown, b: unknown): unknown {
  if (isNumberLike(a) && isNumberLike(b)) return numResult(numValue(a) - numValue(b), anyFloat(a, b));
  throw unsupported('-', a, b);
}

/** Python `a * b` (numbers, or sequence repetition). */
export function pyMul(a: unknown, b: unknown, budget: Budget): unknown {
  if (isNumberLike(a) && isNumberLike(b)) return numResult(numValue(a) * numValue(b), anyFloat(a, b));
  const [seq, n] = isIntLike(a) ? [b, a] : [a, b];
  if (typeof seq === 'string' || Array.isArray(seq) || seq instanceof PyTuple) {
    if (!isIntLike(n)) throw new PyError('TypeError', `can't multiply sequence by non-int of type '${pyTypeName(n)}'`);
    const times = Math.max(0, numValue(n as Num));
    if (typeof seq === 'string') {
      budget.size(seq.length * times);
      return seq.repeat(times);
    }
    const items = Array.isArray(seq) ? seq : seq.items;
    budget.size(items.length * times);
    const out: unknown[] = [];
    for (let i = 0; i < times; i++) out.push(...items);
    return Array.isArray(seq) ? out : new PyTuple(out);
  }
  throw unsupported('*', a, b);
}

/** Python true division `a / b` (always a float). */
export function pyTrueDiv(a: unknown, b: unknown): unknown {
  if (!(isNumberLike(a) && isNumberLike(b))) throw unsupported('/', a, b);
  if (numValue(b) === 0) throw new PyError('ZeroDivisionError', 'division by zero');
  return makeFloat(numValue(a) / numValue(b));
}

/** Python floor division `a // b`. */
export function pyFloorDiv(a: unknown, b: unknown): unknown {
  if (!(isNumberLike(a) && isNumberLike(b))) throw unsupported('//', a, b);
  const float = anyFloat(a, b);
  if (numValue(b) === 0) {
    throw new PyError('ZeroDivisionError', float ? 'float floor division by zero' : 'integer division or modulo by zero');
  }
  return numResult(Math.floor(numValue(a) / numValue(b)), float);
}

/** Python modulo `a % b` (sign of the divisor); `str % args` is printf-style formatting, done by `format`. */
export function pyMod(a: unknown, b: unknown, format: (fmt: string, args: unknown) => string): unknown {
  if (typeof a === 'string') return format(a, b);
  if (!(isNumberLike(a) && isNumberLike(b))) throw unsupported('%', a, b);
  const float = anyFloat(a, b);
  const x = numValue(a);
  const y = numValue(b);
  if (y === 0) throw new PyError('ZeroDivisionError', float ? 'float modulo' : 'integer division or modulo by zero');
  return numResult(x - y * Math.floor(x / y), float);
}

/** Python `a ** b`. */
export function pyPow(a: unknown, b: unknown): unknown {
  if (!(isNumberLike(a) && isNumberLike(b))) throw unsupported('** or pow()', a, b);
  const x = numValue(a);
  const y = numValue(b);
  if (x === 0 && y < 0) throw new PyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
  return numResult(x ** y, anyFloat(a, b) || y < 0);
}

/** Python unary minus. */
export function pyNeg(a: unknown): unknown {
  if (!isNumberLike(a)) throw new PyError('TypeError', `bad operand type for unary -: '${pyTypeName(a)}'`);
  const v = -numValue(a);
  return isIntLike(a) ? (v === 0 ? 0 : v) : makeFloat(v);
}

/** Python `a == b` (1 == 1.0 == True; lists, tuples and dicts compare by value). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumberLike(a) && isNumberLike(b)) return numValue(a) === numValue(b);
  if (a === undefined || b === undefined) return a === null || b === null ? a == b : false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  if (a instanceof PyTuple && b instanceof PyTuple) {
    return a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i]));
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => dictHas(b, k) && pyEquals(a[k], b[k]));
  }
  if (a instanceof PyRange && b instanceof PyRange) {
    return a.length === b.length && (a.length === 0 || (a.start === b.start && (a.length === 1 || a.step === b.step)));
  }
  return false;
}

const OP_NAMES: Record<string, string> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Python ordering comparison; `TypeError: '<' not supported between instances of 'int' and 'str'` otherwise. */
export function pyCompare(op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean {
  const c = order(op, a, b);
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

function order(op: string, a: unknown, b: unknown): number {
  if (isNumberLike(a) && isNumberLike(b)) {
    const x = numValue(a);
    const y = numValue(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const seqA = Array.isArray(a) ? a : a instanceof PyTuple ? a.items : null;
  const seqB = Array.isArray(b) ? b : b instanceof PyTuple ? b.items : null;
  if (seqA && seqB && Array.isArray(a) === Array.isArray(b)) {
    for (let i = 0; i < Math.min(seqA.length, seqB.length); i++) {
      if (!pyEquals(seqA[i], seqB[i])) return order(op, seqA[i], seqB[i]);
    }
    return seqA.length - seqB.length;
  }
  throw new PyError('TypeError', `'${OP_NAMES[op]}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** Python `a in b`. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw new PyError('TypeError', `'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    }
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, item));
  if (container instanceof PyTuple) return container.items.some((x) => pyEquals(x, item));
  if (isDict(container)) return typeof item === 'string' && dictHas(container, item);
  if (container instanceof PyRange) {
    if (!isIntLike(item) && !(item instanceof PyFloat) && typeof item !== 'number') return false;
    const v = numValue(item as Num);
    const i = (v - container.start) / container.step;
    return Number.isInteger(i) && i >= 0 && i < container.length;
  }
  if (container instanceof PyDictView) return container.elements().some((x) => pyEquals(x, item));
  throw new PyError('TypeError', `argument of type '${pyTypeName(container)}' is not iterable`);
}

/** Python `len(v)`. */
export function pyLen(v: unknown): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof PyTuple) return v.items.length;
  if (isDict(v)) return Object.keys(v).length;
  if (v instanceof PyRange) return v.length;
  if (v instanceof PyDictView) return Object.keys(v.dict).length;
  throw new PyError('TypeError', `object of type '${pyTypeName(v)}' has no len()`);
}

/** A sequence view for iteration: lazy for `range`, so a huge range costs only the steps actually taken. */
export interface Seq {
  length: number;
  at(i: number): unknown;
}

/** Python `iter(v)` as an indexable sequence (dicts iterate their keys, strings their characters). */
export function pyIter(v: unknown): Seq {
  let arr: unknown[];
  if (Array.isArray(v)) arr = v;
  else if (v instanceof PyRange) return v;
  else if (typeof v === 'string') arr = [...v];
  else if (v instanceof PyTuple) arr = v.items;
  else if (isDict(v)) arr = Object.keys(v);
  else if (v instanceof PyDictView) arr = v.elements();
  else throw new PyError('TypeError', `'${pyTypeName(v)}' object is not iterable`);
  return { length: arr.length, at: (i) => arr[i] };
}

/** Python `list(v)`: the elements as a fresh array (size-checked, so `range(10**9)|list` fails cleanly). */
export function pyList(v: unknown, budget: Budget): unknown[] {
  const seq = pyIter(v);
  budget.size(seq.length);
  if (Array.isArray(v)) return v.slice();
  const out: unknown[] = [];
  for (let i = 0; i < seq.length; i++) out.push(seq.at(i));
  return out;
}

/** Python `int(v)` for numbers, bools and numeric strings. */
export function pyInt(v: unknown): number {
  if (isNumberLike(v)) {
    const n = numValue(v);
    if (!Number.isFinite(n)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
    return Math.trunc(n) || 0;
  }
  if (typeof v === 'string') {
    const s = v.trim().replace(/_/g, '');
    if (/^[+-]?\d+$/.test(s)) return Number(s);
  }
  throw new PyError('ValueError', `invalid literal for int() with base 10: ${typeof v === 'string' ? `'${v}'` : formatNumber(0)}`);
}
