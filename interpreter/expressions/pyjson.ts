/**
 * Python's `json.dumps` (what `json_dump()` and Jinja's `tojson` produce) and the conversion of expression values
 * back to plain JSON data for the engine.
 */
import { formatFloat, formatNumber } from './pyrepr';
import { PyCallable, PyDictView, PyFloat, PyRange, PyTuple, isDict, pyTypeName } from './pyvalues';

export interface PyJsonOptions {
  /** `indent=N`: pretty-print with N spaces, `,` and `: ` separators (Python's defaults with an indent). */
  indent?: number;
  sortKeys?: boolean;
}

/** Python `json.dumps(value, ensure_ascii=True, ...)`; throws a `TypeError`-like Error for non-JSON values. */
export function pyJsonDumps(value: unknown, opts: PyJsonOptions = {}): string {
  const indent = opts.indent;
  const itemSep = indent === undefined ? ', ' : ',';
  const write = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return 'NaN';
      if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
      return formatNumber(v);
    }
    if (v instanceof PyFloat) return formatFloat(v.value);
    if (typeof v === 'string') return jsonString(v);
    let items: string[];
    let open: string;
    let close: string;
    if (Array.isArray(v) || v instanceof PyTuple) {
      const arr = Array.isArray(v) ? v : v.items;
      items = arr.map((x) => write(x, depth + 1));
      [open, close] = ['[', ']'];
    } else if (isDict(v)) {
      const keys = Object.keys(v);
      if (opts.sortKeys) keys.sort(compareCodePoints);
      items = keys.map((k) => `${jsonString(k)}: ${write(v[k], depth + 1)}`);
      [open, close] = ['{', '}'];
    } else {
      throw new TypeError(`Object of type ${pyTypeName(v)} is not JSON serializable`);
    }
    if (items.length === 0) return open + close;
    if (indent === undefined) return open + items.join(itemSep) + close;
    const pad = '\n' + ' '.repeat(indent * (depth + 1));
    return open + pad + items.join(itemSep + pad) + '\n' + ' '.repeat(indent * depth) + close;
  };
  return write(value, 0);
}

/** Sorts strings by code point, as Python does. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A JSON string literal with Python's `ensure_ascii=True` escaping. */
export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * Converts an expression result to plain JSON-like data: integral floats become numbers, tuples/ranges/dict views
 * become lists. `other` decides what to do with anything else (callables, Jinja undefined); by default it throws.
 */
export function toPlain(value: unknown, other?: (v: unknown) => unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((x) => toPlain(x, other));
  if (isDict(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      Object.defineProperty(out, k, { value: toPlain(value[k], other), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (value instanceof PyFloat) return value.value;
  if (value instanceof PyTuple) return value.items.map((x) => toPlain(x, other));
  if (value instanceof PyRange) {
    const out: number[] = [];
    for (let i = 0; i < value.length; i++) out.push(value.at(i));
    return out;
  }
  if (value instanceof PyDictView) return toPlain(value.elements(), other);
  if (other) return other(value);
  if (value instanceof PyCallable) throw new TypeError(`Object of type ${pyTypeName(value)} is not JSON serializable`);
  throw new TypeError(`Object of type ${pyTypeName(value)} is not JSON serializable`);
}
