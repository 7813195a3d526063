/**
 * Small helpers that reproduce how Mistral's Python code turns values into text or numbers, so that messages and
 * coercions read exactly as they do in Mistral. Pure: safe inside the Temporal workflow sandbox.
 */

/** Python `repr()` of a string: single quotes unless the text holds a single quote and no double quote. */
export function pyReprString(s: string): string {
  const useDouble = s.includes("'") && !s.includes('"');
  const q = useDouble ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

/** Python `repr()` of a JSON-like value (`None`, `True`, `{'a': 1}`, `['x', 'y']`). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return pyReprString(v);
  if (typeof v === 'number') return pyNumber(v);
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  if (typeof v === 'object') {
    return '{' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyReprString(k)}: ${pyRepr(x)}`).join(', ') + '}';
  }
  return String(v);
}

/** Python `str()` of a JSON-like value: strings as they are, everything else as `repr()`. */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** Python truthiness: `None`, `False`, `0`, `''`, `[]` and `{}` are false. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** The Python type name of a JSON-like value, as Python error messages print it (`'NoneType'`, `'str'`, `'dict'`). */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

/** Thrown by the coercions below when Python would raise `TypeError` (not `ValueError`). */
export class PyTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyTypeError';
  }
}

const FLOAT_RE = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|(?:\d(?:_?\d)*)\.(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)$/i;

/**
 * Python `float(v)`: numbers and booleans convert, numeric strings parse; a non-numeric string gives `null` (Python's
 * `ValueError`), and null, lists and dicts throw `PyTypeError`.
 */
export function pyFloat(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (!FLOAT_RE.test(t)) return null;
    const clean = t.replace(/_/g, '').toLowerCase();
    if (clean.endsWith('inf') || clean.endsWith('infinity')) return clean.startsWith('-') ? -Infinity : Infinity;
    if (clean.endsWith('nan')) return NaN;
    return Number(clean);
  }
  throw new PyTypeError(`float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

/**
 * Python `int(v)`: numbers truncate toward zero, booleans convert, integer strings parse; a non-integer string gives
 * `null` (Python's `ValueError`), and null, lists and dicts throw `PyTypeError`.
 */
export function pyInt(v: unknown): number | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return Math.trunc(v);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (!/^[+-]?\d(?:_?\d)*$/.test(t)) return null;
    return Number(t.replace(/_/g, ''));
  }
  throw new PyTypeError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'`);
}
