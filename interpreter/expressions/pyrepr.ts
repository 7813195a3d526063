/**
 * Python `str()` and `repr()` of expression values, as Mistral shows them when it interpolates an expression into
 * text (`'a <% $.x %>'` → `a {'k': [1, 2.0, None, True]}`) and as Jinja renders `{{ }}`.
 */
import { PyCallable, PyDictView, PyFloat, PyRange, PyTuple, isDict } from './pyvalues';

/** Objects that define their own Python text (Jinja's Undefined, loop objects, ...). */
interface PyFormattable {
  pyStr?(): string;
  pyRepr?(): string;
}

/** Python `repr(float)`: shortest round-trip digits, scientific below 1e-4 and from 1e16 (`1e+16`, `1e-05`). */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const sign = n < 0 ? '-' : '';
  const [mant, expText] = Math.abs(n).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
}

/** Python text of a JS number: an int if integral, else a float. */
export function formatNumber(n: number): string {
  if (!Number.isInteger(n)) return formatFloat(n);
  if (Object.is(n, -0)) return '0';
  return Math.abs(n) <= Number.MAX_SAFE_INTEGER ? String(n) : BigInt(n).toString();
}

/** Python `repr(str)`: single quotes unless the text has a `'` and no `"`, with Python's escapes. */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + quote;
}

/** Python `repr(value)` for the expression value model (`'a'`, `[1, 'x']`, `{'k': None}`, `(1,)`). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return reprString(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PyFloat) return formatFloat(value.value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof PyTuple) {
    const inner = value.items.map(pyRepr).join(', ');
    return value.items.length === 1 ? `(${inner},)` : `(${inner})`;
  }
  if (isDict(value)) {
    return `{${Object.keys(value)
      .map((k) => `${reprString(k)}: ${pyRepr(value[k])}`)
      .join(', ')}}`;
  }
  if (value instanceof PyRange) {
    return value.step === 1
      ? `range(${value.start}, ${value.stop})`
      : `range(${value.start}, ${value.stop}, ${value.step})`;
  }
  if (value instanceof PyDictView) {
    return `dict_${value.kind}(${pyRepr(value.elements())})`;
  }
  if (value instanceof PyCallable) {
    return value.owner ? `<built-in method ${value.name} of ${value.owner} object>` : `<function ${value.name}>`;
  }
  const f = value as PyFormattable;
  if (typeof f.pyRepr === 'function') return f.pyRepr();
  return '<object>';
}

/** Python `str(value)`: strings as they are, everything else as `repr` (`True`, `None`, `1.0`, `{'a': 1}`). */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !isDict(value) && !Array.isArray(value)) {
    const f = value as PyFormattable;
    if (typeof f.pyStr === 'function') return f.pyStr();
  }
  return pyRepr(value);
}
