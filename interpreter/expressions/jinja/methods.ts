/**
 * The Python methods Jinja2 templates call on data: `str` (`upper`, `split`, `format`, ...), `dict` (`items`,
 * `keys`, `values`, `get`) and `list` (`index`, `count`). Methods that would mutate the data context are not
 * offered. A method name wins over a dict key of the same name for `d.name`, as in Jinja2 (`d['items']` reads the key).
 */
import { bindArgs } from '../pyargs';
import { PyError, pyEquals, pyIter } from '../pyops';
import { PyCallable, PyDictView, PyTuple, dictHas, isDict, makeDict } from '../pyvalues';
import { strFormat } from '../strformat';
import type { JinjaRuntime } from './runtime-api';

type Method = (rt: JinjaRuntime, self: never, args: unknown[], kwargs: Record<string, unknown>) => unknown;

const WS = ' \t\n\r\x0b\x0c';

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === null || chars === undefined ? WS : String(chars);
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a])) a++;
  if (right) while (b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function pySplit(s: string, sep: unknown, maxsplit: number, fromRight: boolean): string[] {
  if (sep === null || sep === undefined) {
    const words = s.split(/[ \t\n\r\x0b\x0c]+/).filter((w) => w !== '');
    if (maxsplit < 0 || words.length <= maxsplit + 1) return words;
    if (fromRight) {
      const rev = (x: string) => [...x].reverse().join('');
      return pySplit(rev(s), null, maxsplit, false).map(rev).reverse();
    }
    const re = /[^ \t\n\r\x0b\x0c]+/g;
    const out: string[] = [];
    let m: RegExpExecArray | null;
    while (out.length < maxsplit && (m = re.exec(s))) out.push(m[0]);
    out.push(s.slice(re.lastIndex).replace(/^[ \t\n\r\x0b\x0c]+/, ''));
    return out;
  }
  const d = String(sep);
  if (d === '') throw new PyError('ValueError', 'empty separator');
  const parts = s.split(d);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return fromRight
    ? [parts.slice(0, parts.length - maxsplit).join(d), ...parts.slice(parts.length - maxsplit)]
    : [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(d)];
}

function prefixes(v: unknown): string[] {
  if (v instanceof PyTuple) return v.items.map(String);
  if (typeof v !== 'string') throw new PyError('TypeError', 'startswith first arg must be str or a tuple of str');
  return [v];
}

const STR: Record<string, Method> = {
  upper: (_rt, s: string) => s.toUpperCase(),
  lower: (_rt, s: string) => s.toLowerCase(),
  casefold: (_rt, s: string) => s.toLowerCase(),
  title: (_rt, s: string) => s.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, p, c: string) => p + c.toUpperCase()),
  capitalize: (_rt, s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  swapcase: (_rt, s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (_rt, s: string, a, k) => stripChars(s, bindArgs('strip', [['chars', null]], a, k)[0], true, true),
  lstrip: (_rt, s: string, a, k) => stripChars(s, bindArgs('lstrip', [['chars', null]], a, k)[0], true, false),
  rstrip: (_rt, s: string, a, k) => stripChars(s, bindArgs('rstrip', [['chars', null]], a, k)[0], false, true),
  split: (_rt, s: string, a, k) => {
    const [sep, max] = bindArgs('split', [['sep', null], ['maxsplit', -1]], a, k);
    return pySplit(s, sep, Number(max), false);
  },
  rsplit: (_rt, s: string, a, k) => {
    const [sep, max] = bindArgs('rsplit', [['sep', null], ['maxsplit', -1]], a, k);
    return pySplit(s, sep, Number(max), true);
  },
  splitlines: (_rt, s: string, a, k) => {
    const [keep] = bindArgs('splitlines', [['keepends', false]], a, k);
    const lines = s.match(/[^\n\r]*(?:\r\n|\n|\r|$)/g)!.filter((l, i, all) => l !== '' || i < all.length - 1);
    return lines.filter((l) => l !== '').map((l) => (keep ? l : l.replace(/(\r\n|\n|\r)$/, '')));
  },
  startswith: (_rt, s: string, a, k) => prefixes(bindArgs('startswith', ['prefix'], a, k)[0]).some((p) => s.startsWith(p)),
  endswith: (_rt, s: string, a, k) => prefixes(bindArgs('endswith', ['suffix'], a, k)[0]).some((p) => s.endsWith(p)),
  replace: (rt, s: string, a, k) => {
    const [oldV, newV, count] = bindArgs('replace', ['old', 'new', ['count', -1]], a, k);
    const parts = s.split(String(oldV));
    const n = Number(count);
    const out = n < 0 || parts.length - 1 <= n ? parts.join(String(newV)) : parts.slice(0, n + 1).join(String(newV)) + String(oldV) + parts.slice(n + 1).join(String(oldV));
    rt.budget.size(out.length);
    return out;
  },
  join: (rt, s: string, a, k) => {
    const [it] = bindArgs('join', ['iterable'], a, k);
    const seq = pyIter(it);
    const parts: string[] = [];
    for (let i = 0; i < seq.length; i++) {
      const x = seq.at(i);
      if (typeof x !== 'string') throw new PyError('TypeError', `sequence item ${i}: expected str instance, ${x === null ? 'NoneType' : typeof x === 'number' ? 'int' : 'object'} found`);
      parts.push(x);
    }
    const out = parts.join(s);
    rt.budget.size(out.length);
    return out;
  },
  format: (rt, s: string, a, k) => strFormat(s, a, k, (o, n) => rt.getAttr(o, n)),
  find: (_rt, s: string, a, k) => s.indexOf(String(bindArgs('find', ['sub'], a, k)[0])),
  rfind: (_rt, s: string, a, k) => s.lastIndexOf(String(bindArgs('rfind', ['sub'], a, k)[0])),
  index: (_rt, s: string, a, k) => {
    const i = s.indexOf(String(bindArgs('index', ['sub'], a, k)[0]));
    if (i < 0) throw new PyError('ValueError', 'substring not found');
    return i;
  },
  count: (_rt, s: string, a, k) => {
    const sub = String(bindArgs('count', ['sub'], a, k)[0]);
    return sub === '' ? s.length + 1 : s.split(sub).length - 1;
  },
  isdigit: (_rt, s: string) => /^\d+$/.test(s),
  isnumeric: (_rt, s: string) => /^\d+$/.test(s),
  isdecimal: (_rt, s: string) => /^\d+$/.test(s),
  isalpha: (_rt, s: string) => /^\p{L}+$/u.test(s),
  isalnum: (_rt, s: string) => /^[\p{L}\d]+$/u.test(s),
  isspace: (_rt, s: string) => /^\s+$/.test(s),
  islower: (_rt, s: string) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (_rt, s: string) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  zfill: (_rt, s: string, a, k) => {
    const w = Number(bindArgs('zfill', ['width'], a, k)[0]);
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + s.slice(sign.length).padStart(w - sign.length, '0');
  },
  center: (rt, s: string, a, k) => {
    const [w, fill] = bindArgs('center', ['width', ['fillchar', ' ']], a, k);
    rt.budget.size(Number(w));
    const pad = Math.max(0, Number(w) - s.length);
    const left = Math.floor(pad / 2) + (pad % 2 && Number(w) % 2 ? 1 : 0);
    return String(fill).repeat(left) + s + String(fill).repeat(pad - left);
  },
  ljust: (rt, s: string, a, k) => {
    const [w, fill] = bindArgs('ljust', ['width', ['fillchar', ' ']], a, k);
    rt.budget.size(Number(w));
    return s.padEnd(Number(w), String(fill));
  },
  rjust: (rt, s: string, a, k) => {
    const [w, fill] = bindArgs('rjust', ['width', ['fillchar', ' ']], a, k);
    rt.budget.size(Number(w));
    return s.padStart(Number(w), String(fill));
  },
  partition: (_rt, s: string, a, k) => {
    const sep = String(bindArgs('partition', ['sep'], a, k)[0]);
    const i = s.indexOf(sep);
    return i < 0 ? new PyTuple([s, '', '']) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (_rt, s: string, a, k) => {
    const sep = String(bindArgs('rpartition', ['sep'], a, k)[0]);
    const i = s.lastIndexOf(sep);
    return i < 0 ? new PyTuple(['', '', s]) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
};

const DICT: Record<string, Method> = {
  items: (_rt, d: Record<string, unknown>, a, k) => (bindArgs('items', [], a, k), new PyDictView('items', d)),
  keys: (_rt, d: Record<string, unknown>, a, k) => (bindArgs('keys', [], a, k), new PyDictView('keys', d)),
  values: (_rt, d: Record<string, unknown>, a, k) => (bindArgs('values', [], a, k), new PyDictView('values', d)),
  get: (_rt, d: Record<string, unknown>, a, k) => {
    const [key, def] = bindArgs('get', ['key', ['default', null]], a, k);
    return typeof key === 'string' && dictHas(d, key) ? d[key] : def;
  },
  copy: (_rt, d: Record<string, unknown>) => makeDict(Object.entries(d)),
};

const LIST: Record<string, Method> = {
  index: (_rt, l: unknown[], a, k) => {
    const [x] = bindArgs('index', ['value'], a, k);
    const i = l.findIndex((y) => pyEquals(x, y));
    if (i < 0) throw new PyError('ValueError', `${a.length ? 'value' : ''} is not in list`);
    return i;
  },
  count: (_rt, l: unknown[], a, k) => {
    const [x] = bindArgs('count', ['value'], a, k);
    return l.filter((y) => pyEquals(x, y)).length;
  },
  copy: (_rt, l: unknown[]) => l.slice(),
};

const TUPLE: Record<string, Method> = {
  index: (rt, t: PyTuple, a, k) => LIST.index(rt, t.items as never, a, k),
  count: (rt, t: PyTuple, a, k) => LIST.count(rt, t.items as never, a, k),
};

/** The bound method `obj.name`, or undefined when that type has no such method. */
export function getMethod(rt: JinjaRuntime, obj: unknown, name: string): PyCallable | undefined {
  let table: Record<string, Method> | undefined;
  let owner: string;
  if (typeof obj === 'string') [table, owner] = [STR, 'str'];
  else if (Array.isArray(obj)) [table, owner] = [LIST, 'list'];
  else if (isDict(obj)) [table, owner] = [DICT, 'dict'];
  else if (obj instanceof PyTuple) [table, owner] = [TUPLE, 'tuple'];
  else return undefined;
  if (!Object.prototype.hasOwnProperty.call(table, name)) return undefined;
  const m = table[name];
  return new PyCallable(name, (args, kwargs) => m(rt, obj as never, args, kwargs), owner);
}
