/**
 * Python value model for YAQL evaluation. JS values map to Python ones as follows: null → None, boolean → bool,
 * integral number → int, non-integral number or `PyFloat` → float, string → str, array → tuple/list,
 * plain object or `YDict` → dict, `YSet` → frozenset, `YIter` → a one-pass iterator (generator).
 * Plain objects (input data, host results) are never mutated and are only read through own-property checks.
 */
import { pyErr } from './errors';

/** A float whose value is integral (`2.0`); non-integral floats are plain JS numbers. */
export class PyFloat {
  constructor(readonly v: number) {}
}

/** Builds a Python float: a JS number when non-integral, otherwise a `PyFloat`. */
export function pyFloat(x: number): number | PyFloat {
  return Number.isInteger(x) ? new PyFloat(x) : x;
}

export function isPyInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

export function isPyFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** int or float, not bool. */
export function isNumber(v: unknown): boolean {
  return typeof v === 'number' || v instanceof PyFloat;
}

/** The numeric value of an int/float/bool. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw pyErr('TypeError', `a number is required, got ${typeName(v)}`);
}

/** A dict built by YAQL: insertion-ordered, keyed by any hashable Python value. */
export class YDict {
  readonly m = new Map<string, [unknown, unknown]>();
  static from(entries: Iterable<readonly [unknown, unknown]>): YDict {
    const d = new YDict();
    for (const [k, v] of entries) d.m.set(hashKey(k), [k, v]);
    return d;
  }
  set(k: unknown, v: unknown): void {
    this.m.set(hashKey(k), [k, v]);
  }
}

/** A frozenset. */
export class YSet {
  readonly m = new Map<string, unknown>();
  static from(items: Iterable<unknown>): YSet {
    const s = new YSet();
    for (const v of items) s.m.set(hashKey(v), v);
    return s;
  }
  has(v: unknown): boolean {
    return this.m.has(hashKey(v));
  }
  get size(): number {
    return this.m.size;
  }
  values(): IterableIterator<unknown> {
    return this.m.values();
  }
}

/** A Python iterator (generator, map object...): iterating it consumes it. */
export class YIter {
  constructor(readonly it: Iterator<unknown>) {}
  [Symbol.iterator](): Iterator<unknown> {
    return this.it;
  }
}

/** A re-iterable lazy collection: `memorize()` results and `orderBy()` results. */
export class YReiterable {
  constructor(
    private readonly make: () => Iterator<unknown>,
    readonly kind: 'memo' | 'ordering',
  ) {}
  [Symbol.iterator](): Iterator<unknown> {
    return this.make();
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

export function isDict(v: unknown): v is YDict | Record<string, unknown> {
  return v instanceof YDict || isPlainObject(v);
}

export function isSet(v: unknown): v is YSet {
  return v instanceof YSet;
}

export function isIterator(v: unknown): boolean {
  return v instanceof YIter;
}

/** Python `utils.is_iterable`: iterable but not a string or a dict. */
export function isIterableValue(v: unknown): boolean {
  return Array.isArray(v) || v instanceof YSet || v instanceof YIter || v instanceof YReiterable;
}

/** Python `collections.abc.Sequence` minus str: JS arrays. */
export function isSequence(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

/** Reads a dict key; `undefined` when absent. */
export function dictGet(d: YDict | Record<string, unknown>, key: unknown): unknown {
  if (d instanceof YDict) {
    const e = d.m.get(hashKey(key));
    return e === undefined ? undefined : e[1] === undefined ? null : e[1];
  }
  if (typeof key !== 'string' || !Object.hasOwn(d, key)) return undefined;
  const v = d[key];
  return v === undefined ? null : v;
}

export function dictHas(d: YDict | Record<string, unknown>, key: unknown): boolean {
  if (d instanceof YDict) return d.m.has(hashKey(key));
  return typeof key === 'string' && Object.hasOwn(d, key);
}

export function dictSize(d: YDict | Record<string, unknown>): number {
  return d instanceof YDict ? d.m.size : Object.keys(d).length;
}

/** Key/value pairs in insertion order. */
export function dictEntries(d: YDict | Record<string, unknown>): Array<[unknown, unknown]> {
  if (d instanceof YDict) return [...d.m.values()].map(([k, v]) => [k, v === undefined ? null : v]);
  return Object.keys(d).map((k) => [k, d[k] === undefined ? null : d[k]]);
}

export function dictKeys(d: YDict | Record<string, unknown>): unknown[] {
  return d instanceof YDict ? [...d.m.values()].map((e) => e[0]) : Object.keys(d);
}

let objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

/** A string that is equal for Python-equal hashable values (`1`, `1.0` and `true` share a key, as in Python). */
export function hashKey(v: unknown): string {
  if (v === null || v === undefined) return 'N';
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'number':
      return 'n' + (v === 0 ? 0 : v);
    case 'boolean':
      return v ? 'n1' : 'n0';
    default:
      break;
  }
  if (v instanceof PyFloat) return 'n' + (v.v === 0 ? 0 : v.v);
  if (Array.isArray(v)) return 'l' + JSON.stringify(v.map(hashKey));
  if (isDict(v)) return 'd' + JSON.stringify(dictEntries(v).map(([k, x]) => hashKey(k) + '=' + hashKey(x)).sort());
  if (v instanceof YSet) return 'f' + JSON.stringify([...v.m.keys()].sort());
  if (typeof v === 'object' || typeof v === 'function') {
    let id = objectIds.get(v as object);
    if (id === undefined) {
      id = nextObjectId++;
      objectIds.set(v as object, id);
    }
    return 'o' + id;
  }
  return 'x' + String(v);
}

/** Resets object identities (tests only). */
export function resetObjectIds(): void {
  objectIds = new WeakMap();
  nextObjectId = 1;
}

/** Python `==`. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  const an = typeof a === 'number' || typeof a === 'boolean' || a instanceof PyFloat;
  const bn = typeof b === 'number' || typeof b === 'boolean' || b instanceof PyFloat;
  if (an || bn) return an && bn && num(a) === num(b);
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEquals(a[i], b[i])) return false;
    return true;
  }
  if (isDict(a)) {
    if (!isDict(b) || dictSize(a) !== dictSize(b)) return false;
    for (const [k, v] of dictEntries(a)) {
      const w = dictGet(b, k);
      if (w === undefined || !pyEquals(v, w)) return false;
    }
    return true;
  }
  if (a instanceof YSet) {
    if (!(b instanceof YSet) || a.size !== b.size) return false;
    for (const k of a.m.keys()) if (!b.m.has(k)) return false;
    return true;
  }
  return customEquals(a, b);
}

/** Equality hook for value classes defined elsewhere (date/time). */
let customEquals: (a: unknown, b: unknown) => boolean = () => false;
export function setCustomEquals(f: (a: unknown, b: unknown) => boolean): void {
  customEquals = f;
}

/** Python truthiness. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof PyFloat) return v.v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof YSet) return v.size > 0;
  if (v instanceof YDict) return v.m.size > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  const t = customTruthy(v);
  return t === undefined ? true : t;
}

let customTruthy: (v: unknown) => boolean | undefined = () => undefined;
export function setCustomTruthy(f: (v: unknown) => boolean | undefined): void {
  customTruthy = f;
}

/** Python type name, for messages. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (isPyInt(v)) return 'int';
  if (isNumber(v)) return 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'tuple';
  if (isDict(v)) return 'dict';
  if (v instanceof YSet) return 'frozenset';
  if (v instanceof YIter) return 'generator';
  return 'object';
}

/** Python `repr()` of a float. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
    const s = x.toExponential();
    const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
    if (m) return `${m[1]}e${m[2]}${m[3]!.padStart(2, '0')}`;
    return s;
  }
  if (Number.isInteger(x)) return (Object.is(x, -0) ? '-0' : String(x)) + '.0';
  return String(x);
}

/** Python `repr()` of a str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

const reprHooks: Array<(v: unknown) => string | undefined> = [];
function customRepr(v: unknown): string | undefined {
  for (const h of reprHooks) {
    const r = h(v);
    if (r !== undefined) return r;
  }
  return undefined;
}
/** Adds a `repr()` hook for value classes defined by library modules. */
export function setCustomRepr(f: (v: unknown) => string | undefined): void {
  reprHooks.push(f);
}

/** Python `repr()`. Arrays print as tuples (yaql's input data and lists are tuples). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatRepr(v);
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (typeof v === 'string') return strRepr(v);
  if (Array.isArray(v)) {
    if (v.length === 1) return `(${pyRepr(v[0])},)`;
    return `(${v.map(pyRepr).join(', ')})`;
  }
  if (isDict(v)) return `{${dictEntries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  if (v instanceof YSet) return v.size === 0 ? 'frozenset()' : `frozenset({${[...v.values()].map(pyRepr).join(', ')}})`;
  if (v instanceof YIter) return '<generator object>';
  const c = customRepr(v);
  if (c !== undefined) return c;
  return '<object>';
}

/** Python `str()`. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  const c = customStr(v);
  if (c !== undefined) return c;
  return pyRepr(v);
}

let customStr: (v: unknown) => string | undefined = () => undefined;
export function setCustomStr(f: (v: unknown) => string | undefined): void {
  customStr = f;
}
