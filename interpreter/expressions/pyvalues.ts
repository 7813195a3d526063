/**
 * The Python value model shared by the expression layer. JSON data maps onto Python directly (object → dict,
 * array → list, number → int/float, null → None); the few Python types JSON cannot express get a small class here:
 * an integral float (`2.0`), a tuple, a lazy `range`, dict views, and host callables. Everything is plain data —
 * no prototype is ever walked, so expressions cannot reach JS functions.
 */

/** A float whose value is integral (`2.0`): JS numbers cannot tell it from the int `2`, Python prints it `2.0`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A Python tuple (`(1, 2)`, the items of `dict.items()`). */
export class PyTuple {
  constructor(readonly items: unknown[]) {}
}

/** A lazy Python `range(start, stop, step)`: iterating it is budgeted, it is never built in one piece. */
export class PyRange {
  readonly length: number;
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    const span = step > 0 ? stop - start : start - stop;
    this.length = span <= 0 ? 0 : Math.ceil(span / Math.abs(step));
  }
  /** The i-th element (0 ≤ i < length). */
  at(i: number): number {
    return this.start + i * this.step;
  }
}

/** `dict.keys()`, `dict.values()`, `dict.items()`. */
export class PyDictView {
  constructor(
    readonly kind: 'keys' | 'values' | 'items',
    readonly dict: Record<string, unknown>,
  ) {}
  /** The view's elements, in dict order. */
  elements(): unknown[] {
    const keys = Object.keys(this.dict);
    if (this.kind === 'keys') return keys;
    if (this.kind === 'values') return keys.map((k) => this.dict[k]);
    return keys.map((k) => new PyTuple([k, this.dict[k]]));
  }
}

/** Positional and keyword arguments of a call, as Python passes them. */
export type PyArgs = { args: unknown[]; kwargs: Record<string, unknown> };

/** A host function or bound method that expressions may call (`task`, `'x'.upper`, `d.items`). */
export class PyCallable {
  constructor(
    readonly name: string,
    readonly fn: (args: unknown[], kwargs: Record<string, unknown>) => unknown,
    /** For bound methods: the Python type name of the receiver (`dict`, `str`), used by `repr`. */
    readonly owner?: string,
  ) {}
}

/** True for a plain JSON-like object (a Python dict), never for class instances or arrays. */
export function isDict(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Own-property lookup on a dict; never reads the prototype chain. */
export function dictHas(d: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(d, key);
}

/** A fresh dict from entries; safe for any key, including `__proto__`. */
export function makeDict(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(entries) as Record<string, unknown>;
}

/** Python float result of an arithmetic operation: integral values are boxed so they print as `2.0`. */
export function makeFloat(n: number): number | PyFloat {
  return Number.isInteger(n) || Object.is(n, -0) ? new PyFloat(n) : n;
}

/** True for Python int/float (and bool, which is an int in Python). */
export function isNumberLike(v: unknown): v is number | boolean | PyFloat {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

/** The JS number of a Python int/float/bool. */
export function numValue(v: number | boolean | PyFloat): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v.value;
}

/** True if the value is a Python float (boxed integral float, or a non-integral/non-finite number). */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** Python's `type(v).__name__`, as it appears in error messages. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof PyFloat) return 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyRange) return 'range';
  if (v instanceof PyDictView) return `dict_${v.kind}`;
  if (v instanceof PyCallable) return v.owner ? 'builtin_function_or_method' : 'function';
  if (isDict(v)) return 'dict';
  const named = v as { pyTypeName?: () => string };
  if (typeof named.pyTypeName === 'function') return named.pyTypeName();
  return 'object';
}
