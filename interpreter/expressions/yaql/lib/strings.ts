/**
 * yaql `strings.py`: string comparison and concatenation, `toUpper`, `toLower`, `split`, `rightSplit`, `join`,
 * `str`, `trim*`, `norm`, `isEmpty`, `replace`, `format`, repetition, `in`, `substring`, `indexOf`,
 * `lastIndexOf`, `toCharArray`, `characters`, `isString`, `startsWith`, `endsWith`, `hex`.
 */
import { YaqlError } from '../errors';
import { EXT, METHOD, T, fn, p } from '../registry';
import { PyFloat, dictEntries, isPyInt, num, pyStr, pyRepr, floatRepr, isPyFloat } from '../values';
import { pyRound } from './math';

/** yaql's `str()`: null, true and false print as YAQL literals; everything else as Python `str()`. */
export function yaqlStr(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  return pyStr(v);
}

for (const op of ['>', '<', '>=', '<='] as const) {
  fn(`#operator_${op}`, [p('left', T.string), p('right', T.string)], {}, (_c, [a, b]) => {
    const x = a as string;
    const y = b as string;
    return op === '>' ? x > y : op === '<' ? x < y : op === '>=' ? x >= y : x <= y;
  });
}

fn(['concat', '#operator_+'], [], { varargs: T.string }, (c, args) => {
  const s = (args as string[]).join('');
  c.engine.checkSize(s.length);
  return s;
});
fn('toUpper', [p('string', T.string)], METHOD, (_c, [s]) => (s as string).toUpperCase());
fn('toLower', [p('string', T.string)], METHOD, (_c, [s]) => (s as string).toLowerCase());
fn('len', [p('string', T.string)], EXT, (_c, [s]) => [...(s as string)].length);

const WS = ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python `str.split(sep, maxsplit)`. */
export function pySplit(s: string, sep: string | null, max: number): string[] {
  if (sep === null) {
    const out: string[] = [];
    let i = 0;
    const n = s.length;
    while (i < n) {
      while (i < n && WS.includes(s[i]!)) i++;
      if (i >= n) break;
      if (max >= 0 && out.length === max) {
        let rest = s.slice(i);
        let e = rest.length;
        while (e > 0 && WS.includes(rest[e - 1]!)) e--;
        rest = rest.slice(0, e);
        out.push(rest);
        return out;
      }
      let j = i;
      while (j < n && !WS.includes(s[j]!)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
    return out;
  }
  if (sep === '') throw new YaqlError('ValueError', 'empty separator');
  const parts = s.split(sep);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(sep)];
}

/** Python `str.rsplit(sep, maxsplit)`. */
export function pyRSplit(s: string, sep: string | null, max: number): string[] {
  if (max < 0) return pySplit(s, sep, max);
  if (sep === null) {
    const rev = pySplit([...s].reverse().join(''), null, max);
    return rev.map((x) => [...x].reverse().join('')).reverse();
  }
  if (sep === '') throw new YaqlError('ValueError', 'empty separator');
  const parts = s.split(sep);
  if (parts.length <= max + 1) return parts;
  const keep = parts.length - max;
  return [parts.slice(0, keep).join(sep), ...parts.slice(keep)];
}

fn('split', [p('string', T.string), p('separator', T.stringN, null), p('maxSplits', T.int, -1)], METHOD,
  (_c, [s, sep, max]) => pySplit(s as string, sep as string | null, num(max)));
fn('rightSplit', [p('string', T.string), p('separator', T.stringN, null), p('maxSplits', T.int, -1)], METHOD,
  (_c, [s, sep, max]) => pyRSplit(s as string, sep as string | null, num(max)));

fn('join', [p('sequence', T.iterable), p('separator', T.string)], METHOD, (c, [seq, sep]) => {
  const parts: string[] = [];
  for (const x of c.engine.iter(seq)) parts.push(c.delegate('str', [x]) as string);
  const s = parts.join(sep as string);
  c.engine.checkSize(s.length);
  return s;
});
fn('join', [p('separator', T.string), p('sequence', T.iterable)], METHOD, (c, [sep, seq]) => {
  const parts: string[] = [];
  for (const x of c.engine.iter(seq)) parts.push(c.delegate('str', [x]) as string);
  return parts.join(sep as string);
});

fn('str', [p('value', T.any)], {}, (_c, [v]) => yaqlStr(v));

function stripChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars === null ? WS : chars;
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a]!)) a++;
  if (right) while (b > a && set.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

fn('trim', [p('string', T.string), p('chars', T.stringN, null)], METHOD, (_c, [s, ch]) =>
  stripChars(s as string, ch as string | null, true, true));
fn('trimLeft', [p('string', T.string), p('chars', T.stringN, null)], METHOD, (_c, [s, ch]) =>
  stripChars(s as string, ch as string | null, true, false));
fn('trimRight', [p('string', T.string), p('chars', T.stringN, null)], METHOD, (_c, [s, ch]) =>
  stripChars(s as string, ch as string | null, false, true));
fn('norm', [p('string', T.stringN), p('chars', T.stringN, null)], EXT, (_c, [s, ch]) => {
  if (s === null) return null;
  const v = stripChars(s as string, ch as string | null, true, true);
  return v === '' ? null : v;
});
fn('isEmpty', [p('string', T.stringN), p('trim', T.bool, true), p('chars', T.stringN, null)], EXT,
  (_c, [s, trim, ch]) => {
    if (s === null) return true;
    let v = s as string;
    if (trim) v = stripChars(v, ch as string | null, true, true);
    return v === '';
  });

/** Python `str.replace(old, new, count)`. */
export function pyReplace(s: string, old: string, rep: string, count: number): string {
  if (count < 0) return old === '' ? [...s].map((ch) => rep + ch).join('') + rep : s.split(old).join(rep);
  let out = '';
  let rest = s;
  let n = 0;
  if (old === '') {
    const chars = [...s];
    let i = 0;
    while (n < count && i <= chars.length) {
      out += rep + (chars[i] ?? '');
      i++;
      n++;
    }
    return out + chars.slice(i).join('');
  }
  while (n < count) {
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + rep;
    rest = rest.slice(i + old.length);
    n++;
  }
  return out + rest;
}

fn('replace', [p('string', T.string), p('old', T.string), p('new', T.string), p('count', T.int, -1)], METHOD,
  (c, [s, o, n, k]) => {
    const r = pyReplace(s as string, o as string, n as string, num(k));
    c.engine.checkSize(r.length);
    return r;
  });
fn('replace', [p('string', T.string), p('replacements', T.mapping), p('count', T.int, -1)], METHOD,
  (c, [s, reps, k]) => {
    let r = s as string;
    for (const [key, value] of dictEntries(reps as Record<string, unknown>)) {
      r = pyReplace(r, c.delegate('str', [key]) as string, c.delegate('str', [value]) as string, num(k));
      c.engine.checkSize(r.length);
    }
    return r;
  });

/** A subset of Python's format-spec mini-language: [[fill]align][sign][0][width][,][.precision][type]. */
export function formatValue(v: unknown, spec: string): string {
  if (spec === '') return pyStr(v);
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec);
  if (!m) throw new YaqlError('ValueError', `Invalid format specifier '${spec}'`);
  const [, fillCh, align, sign, zero, widthS, group, precS, type] = m;
  let body: string;
  const isNum = typeof v === 'number' || v instanceof PyFloat;
  const prec = precS === undefined ? undefined : Number(precS);
  if (isNum && type !== 's') {
    const x = num(v);
    switch (type) {
      case 'd': case 'n':
        if (!isPyInt(v)) throw new YaqlError('ValueError', `Unknown format code 'd' for object of type 'float'`);
        body = String(Math.abs(x));
        break;
      case 'f': case 'F': body = Math.abs(x).toFixed(prec ?? 6); break;
      case 'e': case 'E': body = Math.abs(x).toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); break;
      case '%': body = (Math.abs(x) * 100).toFixed(prec ?? 6) + '%'; break;
      case 'x': body = Math.abs(x).toString(16); break;
      case 'X': body = Math.abs(x).toString(16).toUpperCase(); break;
      case 'o': body = Math.abs(x).toString(8); break;
      case 'b': body = Math.abs(x).toString(2); break;
      case 'g': case 'G': body = String(Number(Math.abs(x).toPrecision(prec || 6))); break;
      default:
        body = prec !== undefined && isPyFloat(v) ? String(pyRound(Math.abs(x), prec)) : pyStr(Math.abs(x));
        if (isPyFloat(v) && prec === undefined) body = floatRepr(Math.abs(x));
    }
    if (type === 'E') body = body.toUpperCase();
    if (group) {
      const [ip, fp] = body.split('.');
      body = ip!.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (fp !== undefined ? '.' + fp : '');
    }
    const neg = x < 0 || Object.is(x, -0);
    const signStr = neg ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
    const width = widthS ? Number(widthS) : 0;
    if ((zero && !align) || align === '=') {
      const fill = align === '=' ? fillCh ?? ' ' : '0';
      return signStr + body.padStart(Math.max(0, width - signStr.length), fill);
    }
    body = signStr + body;
    return pad(body, width, fillCh ?? ' ', align ?? '>');
  }
  body = typeof v === 'string' ? v : pyStr(v);
  if (prec !== undefined) body = body.slice(0, prec);
  return pad(body, widthS ? Number(widthS) : 0, fillCh ?? ' ', align ?? '<');
}

function pad(s: string, width: number, fill: string, align: string): string {
  const n = width - s.length;
  if (n <= 0) return s;
  if (align === '<') return s + fill.repeat(n);
  if (align === '^') return fill.repeat(Math.floor(n / 2)) + s + fill.repeat(n - Math.floor(n / 2));
  return fill.repeat(n) + s;
}

/** Python `str.format(*args, **kwargs)` (field names, indexes, `!r`/`!s` conversions and basic format specs). */
export function pyFormat(fmt: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let out = '';
  let auto = 0;
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i]!;
    if (ch === '{') {
      if (fmt[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      const end = fmt.indexOf('}', i);
      if (end < 0) throw new YaqlError('ValueError', "Single '{' encountered in format string");
      const field = fmt.slice(i + 1, end);
      const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/.exec(field)!;
      const name = m[1]!;
      let value: unknown;
      if (name === '') {
        if (auto >= args.length) throw new YaqlError('IndexError', 'Replacement index out of range');
        value = args[auto++];
      } else if (/^\d+$/.test(name)) {
        const k = Number(name);
        if (k >= args.length) throw new YaqlError('IndexError', `Replacement index ${k} out of range`);
        value = args[k];
      } else {
        if (!Object.hasOwn(kwargs, name)) throw new YaqlError('KeyError', `'${name}'`);
        value = kwargs[name];
      }
      if (m[2] === 'r') value = pyRepr(value);
      else if (m[2] === 's') value = pyStr(value);
      out += formatValue(value, m[3] ?? '');
      i = end + 1;
    } else if (ch === '}') {
      if (fmt[i + 1] !== '}') throw new YaqlError('ValueError', "Single '}' encountered in format string");
      out += '}';
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

fn('format', [p('formatString', T.string)], { ...EXT, varargs: T.any, varkw: T.any }, (_c, [f, ...args], kw) =>
  pyFormat(f as string, args, kw));

function repeatString(c: { engine: { checkSize(n: number): void } }, s: string, k: number): string {
  if (k <= 0) return '';
  c.engine.checkSize(s.length * k);
  return s.repeat(k);
}
fn('#operator_*', [p('left', T.string), p('right', T.int)], {}, (c, [s, k]) => repeatString(c, s as string, num(k)));
fn('#operator_*', [p('left', T.int), p('right', T.string)], {}, (c, [k, s]) => repeatString(c, s as string, num(k)));
fn('#operator_in', [p('left', T.string), p('right', T.string)], {}, (_c, [a, b]) => (b as string).includes(a as string));

fn('substring', [p('string', T.string), p('start', T.int), p('length', T.int, -1)], METHOD, (_c, [s, st, ln]) => {
  const str = s as string;
  let start = num(st);
  let length = num(ln);
  if (length < 0) length = str.length;
  if (start < 0) start += str.length;
  return pySlice(str, start, start + length);
});

function normIndex(i: number, len: number): number {
  if (i < 0) return Math.max(0, i + len);
  return Math.min(i, len);
}
function pySlice(s: string, a: number, b: number): string {
  const x = normIndex(a, s.length);
  const y = normIndex(b, s.length);
  return y > x ? s.slice(x, y) : '';
}

/** Python `str.find(sub, start, end)`. */
function pyFind(s: string, sub: string, start: number, end: number | null, last: boolean): number {
  const a = normIndex(start, s.length);
  const b = end === null ? s.length : normIndex(end, s.length);
  if (b - a < sub.length) return -1;
  const region = s.slice(a, b);
  const i = last ? region.lastIndexOf(sub) : region.indexOf(sub);
  return i < 0 ? -1 : i + a;
}

/** `indexOf`/`lastIndexOf(string, sub, start, length)`: yaql's window, negative start/length counted as in yaql. */
function findInWindow(last: boolean) {
  return (_c: unknown, [s, sub, st, ln]: unknown[]) => {
    const str = s as string;
    let start = num(st);
    let length = num(ln);
    if (start < 0) start += str.length;
    if (length < 0) length = str.length - start;
    return pyFind(str, sub as string, start, start + length, last);
  };
}

for (const [name, last] of [['indexOf', false], ['lastIndexOf', true]] as const) {
  fn(name, [p('string', T.string), p('sub', T.string), p('start', T.int, 0)], METHOD, (_c, [s, sub, st]) =>
    pyFind(s as string, sub as string, num(st), null, last));
  fn(name, [p('string', T.string), p('sub', T.string), p('start', T.int), p('length', T.int)], METHOD, findInWindow(last));
}
fn('toCharArray', [p('string', T.string)], METHOD, (_c, [s]) => [...(s as string)]);

const CHARSETS: Record<string, string> = {
  digits: '0123456789',
  hexdigits: '0123456789abcdefABCDEF',
  asciiLowercase: 'abcdefghijklmnopqrstuvwxyz',
  asciiUppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  asciiLetters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  printable: '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c',
  whitespace: ' \t\n\r\x0b\x0c',
};
fn('characters', Object.keys(CHARSETS).concat(['letters', 'lowercase', 'uppercase']).map((k) => p(k, T.any, false)), {},
  (_c, args) => {
    const names = Object.keys(CHARSETS).concat(['letters', 'lowercase', 'uppercase']);
    let s = '';
    names.forEach((k, i) => {
      if (!args[i]) return;
      if (!Object.hasOwn(CHARSETS, k)) throw new YaqlError('AttributeError', `module 'string' has no attribute '${k}'`);
      s += CHARSETS[k];
    });
    return [...new Set(s)];
  });
fn('isString', [p('arg', T.any)], {}, (_c, [v]) => typeof v === 'string');
fn('startsWith', [p('string', T.string)], { ...METHOD, varargs: T.string }, (_c, [s, ...ps]) =>
  (ps as string[]).some((x) => (s as string).startsWith(x)));
fn('endsWith', [p('string', T.string)], { ...METHOD, varargs: T.string }, (_c, [s, ...ps]) =>
  (ps as string[]).some((x) => (s as string).endsWith(x)));
fn('hex', [p('num', T.numberN)], {}, (_c, [v]) => {
  if (v === null || !isPyInt(v)) {
    throw new YaqlError('TypeError', `'${v === null ? 'NoneType' : 'float'}' object cannot be interpreted as an integer`);
  }
  const x = num(v);
  return (x < 0 ? '-0x' : '0x') + Math.abs(x).toString(16);
});
