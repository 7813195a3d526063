/**
 * Jinja2's built-in filters (3.1), with Jinja2's argument names and Python results (`round` gives a float, `sort`
 * is case-insensitive by default, `tojson` sorts keys and HTML-escapes `<>&'`). Mistral's functions are also
 * registered as filters; the runtime dispatches those (see `MISTRAL_FILTER_NAMES`).
 */
import { bindArgs } from '../pyargs';
import { PyError, pyCompare, pyEquals, pyInt, pyIter, pyLen, pyList } from '../pyops';
import { pyJsonDumps } from '../pyjson';
import { formatFloat, pyRepr } from '../pyrepr';
import { isTruthy } from '../truthiness';
import { PyDictView, PyFloat, PyTuple, isDict, isFloat, isNumberLike, makeFloat, numValue } from '../pyvalues';
import { percentFormat } from '../strformat';
import { JinjaUndefined } from './undefined';
import type { JinjaRuntime } from './runtime-api';

type Filter = (rt: JinjaRuntime, value: unknown, args: unknown[], kwargs: Record<string, unknown>) => unknown;

/** Names of Mistral's custom functions, which Mistral also registers as Jinja filters. */
export const MISTRAL_FILTER_NAMES = [
  'env', 'execution', 'executions', 'global', 'json_dump', 'json_parse', 'json_pp', 'task', 'tasks', 'uuid',
  'yaml_dump', 'yaml_parse',
];

function undef(v: unknown): v is JinjaUndefined {
  return v instanceof JinjaUndefined;
}

function ignoreCase(v: unknown, caseSensitive: unknown): unknown {
  return !isTruthy(caseSensitive) && typeof v === 'string' ? v.toLowerCase() : v;
}

function sortKey(a: unknown, b: unknown): number {
  if (pyEquals(a, b)) return 0;
  return pyCompare('<', a, b) ? -1 : 1;
}

/** `attribute='a.b'` or `attribute=0` lookups, as Jinja2's `make_attrgetter`. */
function attrGetter(rt: JinjaRuntime, attribute: unknown, dflt?: unknown): (item: unknown) => unknown {
  if (attribute === null || attribute === undefined) return (x) => x;
  const parts = typeof attribute === 'string' ? attribute.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [attribute];
  return (item) => {
    let v = item;
    for (const p of parts) {
      v = rt.getItem(v, p);
      if (undef(v) && dflt !== undefined) return dflt;
    }
    return v;
  };
}

function items(rt: JinjaRuntime, v: unknown): unknown[] {
  if (undef(v)) throw v.error();
  return pyList(v, rt.budget);
}

function toStr(rt: JinjaRuntime, v: unknown): string {
  return rt.str(v);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

function toFloatValue(v: unknown, dflt: unknown): unknown {
  if (isNumberLike(v)) return makeFloat(numValue(v));
  if (typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(v)) return makeFloat(Number(v));
  if (typeof v === 'string' && /^\s*[+-]?(inf|infinity|nan)\s*$/i.test(v)) return Number(v.trim().replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN'));
  return dflt;
}

/** select/reject helper: a test by name (or truthiness) applied to each item. */
function selectOrReject(rt: JinjaRuntime, value: unknown, args: unknown[], kwargs: Record<string, unknown>, attr: boolean, keep: boolean): unknown[] {
  const seq = items(rt, value);
  let getter = (x: unknown) => x;
  let rest = args;
  if (attr) {
    if (!rest.length) throw new PyError('TypeError', 'Missing parameter for attribute name');
    getter = attrGetter(rt, rest[0]);
    rest = rest.slice(1);
  }
  const test = rest.length
    ? (x: unknown) => rt.callTest(String(rest[0]), x, rest.slice(1), kwargs)
    : (x: unknown) => isTruthy(x);
  return seq.filter((x) => {
    rt.budget.tick();
    return test(getter(x)) === keep;
  });
}

function minMax(rt: JinjaRuntime, value: unknown, args: unknown[], kwargs: Record<string, unknown>, name: string, wantMax: boolean): unknown {
  const [cs, attribute] = bindArgs(name, [['case_sensitive', false], ['attribute', null]], args, kwargs);
  const seq = items(rt, value);
  if (!seq.length) return new JinjaUndefined(`No aggregated item, sequence was empty.`);
  const key = attrGetter(rt, attribute);
  let best = seq[0];
  for (const x of seq.slice(1)) {
    const c = sortKey(ignoreCase(key(x), cs), ignoreCase(key(best), cs));
    if (wantMax ? c > 0 : c < 0) best = x;
  }
  return best;
}

function sumValues(rt: JinjaRuntime, acc: unknown, x: unknown): unknown {
  if (isNumberLike(acc) && isNumberLike(x)) {
    const r = numValue(acc) + numValue(x);
    return isFloat(acc) || isFloat(x) ? makeFloat(r) : r;
  }
  throw new PyError('TypeError', `unsupported operand type(s) for +: '${typeof acc === 'string' ? 'str' : 'int'}' and '${typeof x === 'string' ? 'str' : 'list'}'`);
}

const FILTERS: Record<string, Filter> = {
  abs: (_rt, v) => {
    if (!isNumberLike(v)) throw new PyError('TypeError', `bad operand type for abs(): '${typeof v === 'string' ? 'str' : 'list'}'`);
    const n = Math.abs(numValue(v));
    return isFloat(v) ? makeFloat(n) : n;
  },
  attr: (rt, v, a, k) => rt.getAttr(v, String(bindArgs('attr', ['name'], a, k)[0])),
  batch: (rt, v, a, k) => {
    const [count, fill] = bindArgs('batch', ['linecount', ['fill_with', null]], a, k);
    const n = Number(count);
    if (!(n > 0)) throw new PyError('ValueError', 'batch size must be positive');
    const seq = items(rt, v);
    const out: unknown[][] = [];
    for (let i = 0; i < seq.length; i += n) out.push(seq.slice(i, i + n));
    const last = out[out.length - 1];
    if (fill !== null && last && last.length < n) while (last.length < n) last.push(fill);
    return out;
  },
  capitalize: (rt, v) => {
    const s = toStr(rt, v);
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  },
  center: (rt, v, a, k) => {
    const [w] = bindArgs('center', [['width', 80]], a, k);
    return rt.call(rt.getAttr(toStr(rt, v), 'center'), [w], {});
  },
  count: (_rt, v) => {
    if (undef(v)) throw v.error();
    return pyLen(v);
  },
  default: (_rt, v, a, k) => {
    const [dflt, boolean] = bindArgs('default', [['default_value', ''], ['boolean', false]], a, k);
    if (undef(v) || (isTruthy(boolean) && !isTruthy(v))) return dflt;
    return v;
  },
  dictsort: (rt, v, a, k) => {
    const [cs, by, reverse] = bindArgs('dictsort', [['case_sensitive', false], ['by', 'key'], ['reverse', false]], a, k);
    if (undef(v)) throw v.error();
    if (!isDict(v)) throw new PyError('AttributeError', `'${typeof v}' object has no attribute 'items'`);
    if (by !== 'key' && by !== 'value') throw new PyError('FilterArgumentError', 'You can only sort by either "key" or "value"');
    const pos = by === 'key' ? 0 : 1;
    const pairs = Object.keys(v).map((key) => new PyTuple([key, v[key]]));
    pairs.sort((x, y) => sortKey(ignoreCase(x.items[pos], cs), ignoreCase(y.items[pos], cs)));
    if (isTruthy(reverse)) pairs.reverse();
    rt.budget.tick(pairs.length);
    return pairs;
  },
  escape: (rt, v) => escapeHtml(toStr(rt, v)),
  filesizeformat: (rt, v, a, k) => {
    const [binary] = bindArgs('filesizeformat', [['binary', false]], a, k);
    const bytes = numValue(toFloatValue(v, 0) as number);
    const base = isTruthy(binary) ? 1024 : 1000;
    const prefixes = isTruthy(binary) ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
    let unit = base;
    let i = 0;
    for (; i < prefixes.length; i++) {
      unit = base ** (i + 2);
      if (bytes < unit) break;
    }
    return `${((base * bytes) / unit).toFixed(1)} ${prefixes[Math.min(i, prefixes.length - 1)]}`;
  },
  first: (rt, v) => {
    if (undef(v)) throw v.error();
    const seq = pyIter(v);
    return seq.length ? seq.at(0) : new JinjaUndefined('No first item, sequence was empty.');
  },
  float: (_rt, v, a, k) => {
    const [dflt] = bindArgs('float', [['default', new PyFloat(0)]], a, k);
    if (undef(v)) throw v.error();
    return toFloatValue(v, dflt);
  },
  format: (rt, v, a, k) => {
    if (a.length && Object.keys(k).length) throw new PyError('FilterArgumentError', "can't handle positional and keyword arguments at the same time");
    return percentFormat(toStr(rt, v), Object.keys(k).length ? k : new PyTuple(a));
  },
  indent: (rt, v, a, k) => {
    const [width, first, blank] = bindArgs('indent', [['width', 4], ['first', false], ['blank', false]], a, k);
    const pad = typeof width === 'string' ? width : ' '.repeat(Number(width));
    let s = toStr(rt, v);
    const nl = '\n';
    if (s.endsWith(nl)) s = s.slice(0, -1) + '';
    const trailing = toStr(rt, v).endsWith(nl) ? nl : '';
    const lines = s.split(nl);
    let out = lines
      .map((line, i) => (i === 0 ? line : isTruthy(blank) || line.trim() ? pad + line : line))
      .join(nl);
    if (isTruthy(first)) out = pad + out;
    rt.budget.size(out.length);
    return out + trailing;
  },
  int: (_rt, v, a, k) => {
    const [dflt, base] = bindArgs('int', [['default', 0], ['base', 10]], a, k);
    if (undef(v)) throw v.error();
    if (typeof v === 'string' && Number(base) !== 10) {
      const n = parseInt(v.trim().replace(/^0[xob]/i, ''), Number(base));
      return Number.isNaN(n) ? dflt : n;
    }
    try {
      return pyInt(v);
    } catch {
      const f = toFloatValue(v, undefined);
      return f === undefined ? dflt : Math.trunc(numValue(f as number));
    }
  },
  items: (_rt, v) => {
    if (undef(v)) return [];
    if (!isDict(v)) throw new PyError('TypeError', 'Can only get item pairs from a mapping.');
    return new PyDictView('items', v).elements();
  },
  join: (rt, v, a, k) => {
    const [d, attribute] = bindArgs('join', [['d', ''], ['attribute', null]], a, k);
    const get = attrGetter(rt, attribute);
    const out = items(rt, v).map((x) => toStr(rt, get(x))).join(toStr(rt, d));
    rt.budget.size(out.length);
    return out;
  },
  last: (rt, v) => {
    const seq = items(rt, v);
    return seq.length ? seq[seq.length - 1] : new JinjaUndefined('No last item, sequence was empty.');
  },
  length: (_rt, v) => {
    if (undef(v)) throw v.error();
    return pyLen(v);
  },
  list: (rt, v) => items(rt, v),
  lower: (rt, v) => toStr(rt, v).toLowerCase(),
  map: (rt, v, a, k) => {
    const seq = items(rt, v);
    if (!a.length && 'attribute' in k) {
      const { attribute, default: dflt, ...rest } = k;
      if (Object.keys(rest).length) throw new PyError('FilterArgumentError', `Unexpected keyword argument ${pyRepr(Object.keys(rest)[0])}`);
      const get = attrGetter(rt, attribute, dflt);
      return seq.map((x) => (rt.budget.tick(), get(x)));
    }
    if (!a.length) throw new PyError('FilterArgumentError', 'map requires a filter argument');
    const name = String(a[0]);
    return seq.map((x) => (rt.budget.tick(), rt.callFilter(name, x, a.slice(1), k)));
  },
  max: (rt, v, a, k) => minMax(rt, v, a, k, 'max', true),
  min: (rt, v, a, k) => minMax(rt, v, a, k, 'min', false),
  pprint: (_rt, v) => pyRepr(v),
  random: () => {
    throw new PyError('SecurityError', "the 'random' filter is not available: workflow expressions must be deterministic");
  },
  reject: (rt, v, a, k) => selectOrReject(rt, v, a, k, false, false),
  rejectattr: (rt, v, a, k) => selectOrReject(rt, v, a, k, true, false),
  replace: (rt, v, a, k) => {
    const [oldV, newV, count] = bindArgs('replace', ['old', 'new', ['count', null]], a, k);
    return rt.call(rt.getAttr(toStr(rt, v), 'replace'), [toStr(rt, oldV), toStr(rt, newV), count ?? -1], {});
  },
  reverse: (rt, v) => {
    if (typeof v === 'string') return [...v].reverse().join('');
    return items(rt, v).reverse();
  },
  round: (_rt, v, a, k) => {
    const [precision, method] = bindArgs('round', [['precision', 0], ['method', 'common']], a, k);
    if (!['common', 'ceil', 'floor'].includes(String(method))) throw new PyError('FilterArgumentError', 'method must be common, ceil or floor');
    if (!isNumberLike(v)) throw new PyError('TypeError', `type ${typeof v === 'string' ? 'str' : 'NoneType'} doesn't define __round__ method`);
    const n = numValue(v);
    const p = 10 ** Number(precision);
    if (method === 'ceil') return makeFloat(Math.ceil(n * p) / p);
    if (method === 'floor') return makeFloat(Math.floor(n * p) / p);
    const scaled = n * p;
    const r = Math.round(scaled);
    const even = Math.abs(scaled % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r; // Python rounds half to even
    return makeFloat(Number((even / p).toFixed(Math.max(0, Number(precision)))));
  },
  safe: (rt, v) => toStr(rt, v),
  select: (rt, v, a, k) => selectOrReject(rt, v, a, k, false, true),
  selectattr: (rt, v, a, k) => selectOrReject(rt, v, a, k, true, true),
  slice: (rt, v, a, k) => {
    const [slices, fill] = bindArgs('slice', ['slices', ['fill_with', null]], a, k);
    const seq = items(rt, v);
    const n = Number(slices);
    const per = Math.floor(seq.length / n);
    const extra = seq.length % n;
    const out: unknown[][] = [];
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const tmp = seq.slice(start, offset + (i + 1) * per);
      if (fill !== null && i >= extra) tmp.push(fill);
      out.push(tmp);
    }
    return out;
  },
  sort: (rt, v, a, k) => {
    const [reverse, cs, attribute] = bindArgs('sort', [['reverse', false], ['case_sensitive', false], ['attribute', null]], a, k);
    const seq = items(rt, v);
    const keys = String(attribute ?? '').split(',').filter((x) => x).map((x) => attrGetter(rt, x.trim()));
    const getters = keys.length ? keys : [attrGetter(rt, null)];
    rt.budget.tick(seq.length);
    seq.sort((x, y) => {
      for (const g of getters) {
        const c = sortKey(ignoreCase(g(x), cs), ignoreCase(g(y), cs));
        if (c) return c;
      }
      return 0;
    });
    return isTruthy(reverse) ? seq.reverse() : seq;
  },
  string: (rt, v) => toStr(rt, v),
  striptags: (rt, v) => toStr(rt, v).replace(/<!--.*?-->|<[^>]*>/gs, '').replace(/\s+/g, ' ').trim(),
  sum: (rt, v, a, k) => {
    const [attribute, start] = bindArgs('sum', [['attribute', null], ['start', 0]], a, k);
    const get = attrGetter(rt, attribute);
    return items(rt, v).reduce((acc: unknown, x) => sumValues(rt, acc, get(x)), start);
  },
  title: (rt, v) => toStr(rt, v).replace(/([\w]+)/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()),
  tojson: (_rt, v, a, k) => {
    const [indent] = bindArgs('tojson', [['indent', null]], a, k);
    if (undef(v)) throw v.error();
    return pyJsonDumps(v, { sortKeys: true, indent: indent === null ? undefined : Number(indent) })
      .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027');
  },
  trim: (rt, v, a, k) => {
    const [chars] = bindArgs('trim', [['chars', null]], a, k);
    return rt.call(rt.getAttr(toStr(rt, v), 'strip'), [chars], {});
  },
  truncate: (rt, v, a, k) => {
    const [length, killwords, end, leeway] = bindArgs('truncate', [['length', 255], ['killwords', false], ['end', '...'], ['leeway', null]], a, k);
    const s = toStr(rt, v);
    const n = Number(length);
    const lw = leeway === null ? 5 : Number(leeway);
    const e = toStr(rt, end);
    if (s.length <= n + lw) return s;
    if (isTruthy(killwords)) return s.slice(0, n - e.length) + e;
    const cut = s.slice(0, n - e.length);
    const i = cut.lastIndexOf(' ');
    return (i >= 0 ? cut.slice(0, i) : cut) + e;
  },
  unique: (rt, v, a, k) => {
    const [cs, attribute] = bindArgs('unique', [['case_sensitive', false], ['attribute', null]], a, k);
    const get = attrGetter(rt, attribute);
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const x of items(rt, v)) {
      rt.budget.tick();
      const key = ignoreCase(get(x), cs);
      if (!seen.some((s) => pyEquals(s, key))) {
        seen.push(key);
        out.push(x);
      }
    }
    return out;
  },
  upper: (rt, v) => toStr(rt, v).toUpperCase(),
  urlencode: (rt, v) => {
    const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%2F/g, '/');
    if (isDict(v)) return Object.keys(v).map((key) => `${enc(key)}=${enc(toStr(rt, v[key]))}`).join('&');
    return enc(toStr(rt, v));
  },
  wordcount: (rt, v) => (toStr(rt, v).match(/\w+/gu) ?? []).length,
  wordwrap: (rt, v, a, k) => {
    const [width, breakLong, wrapstring] = bindArgs('wordwrap', [['width', 79], ['break_long_words', true], ['wrapstring', null], ['break_on_hyphens', true]], a, k);
    const w = Number(width);
    const out: string[] = [];
    for (const para of toStr(rt, v).split(/\r?\n/)) {
      let line = '';
      for (let word of para.split(/\s+/).filter((x) => x)) {
        while (isTruthy(breakLong) && word.length > w) {
          if (line) out.push(line);
          out.push(word.slice(0, w));
          word = word.slice(w);
          line = '';
        }
        if (line && line.length + 1 + word.length > w) {
          out.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      out.push(line);
    }
    return out.join(wrapstring === null ? '\n' : toStr(rt, wrapstring));
  },
  xmlattr: (rt, v, a, k) => {
    const [autospace] = bindArgs('xmlattr', [['autospace', true]], a, k);
    if (!isDict(v)) throw new PyError('TypeError', 'xmlattr requires a mapping');
    const parts = Object.keys(v)
      .filter((key) => v[key] !== null && !undef(v[key]))
      .map((key) => `${escapeHtml(key)}="${escapeHtml(toStr(rt, v[key]))}"`);
    const out = parts.join(' ');
    return out && isTruthy(autospace) ? ' ' + out : out;
  },
};
FILTERS.d = FILTERS.default;
FILTERS.e = FILTERS.escape;
FILTERS.forceescape = FILTERS.escape;

/** Every filter name a template may use (built-ins and Mistral's functions). */
export const FILTER_NAMES: ReadonlySet<string> = new Set([...Object.keys(FILTERS), ...MISTRAL_FILTER_NAMES]);

/** Runs the built-in filter `name`. */
export function runBuiltinFilter(rt: JinjaRuntime, name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const f = Object.prototype.hasOwnProperty.call(FILTERS, name) ? FILTERS[name] : undefined;
  if (!f) throw new PyError('TemplateRuntimeError', `No filter named '${name}' found.`);
  rt.budget.tick();
  return f(rt, value, args, kwargs);
}

export { formatFloat };
