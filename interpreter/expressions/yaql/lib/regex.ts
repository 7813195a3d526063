/**
 * yaql `regex.py`: `regex()`, `matches`, `=~`, `!~`, `search`, `searchAll`, `split`, `replace`, `replaceBy`,
 * `escapeRegex`, `isRegex`. Python regular expressions are translated to JS ones (named groups, `\Z`, `\A`).
 */
import { Context } from '../context';
import { invoke } from '../engine';
import { YaqlError } from '../errors';
import { METHOD, T, fn, p } from '../registry';
import type { PType, YLambda } from '../types';
import { YDict, YIter, num, pyStr, setCustomRepr, truthy } from '../values';

/** A compiled regular expression value. */
export class YRegex {
  readonly re: RegExp;
  constructor(
    readonly pattern: string,
    readonly flags: string,
  ) {
    this.re = compile(pattern, flags);
  }
}
setCustomRepr((v) => (v instanceof YRegex ? `re.compile(${JSON.stringify(v.pattern)})` : undefined));

const cache = new Map<string, RegExp>();

/** Translates Python regex syntax to JS and compiles it (with the `g` and `d`-less flags given). */
function compile(pattern: string, flags: string): RegExp {
  const key = flags + '\u0000' + pattern;
  const hit = cache.get(key);
  if (hit) return hit;
  let src = pattern
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\Z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^(?<![\\s\\S])');
  if (flags.includes('m')) src = src.replace(/\$\(\?!\[\\s\\S\]\)/g, '(?![\\s\\S])');
  let re: RegExp;
  try {
    re = new RegExp(src, flags + 'g');
  } catch (e) {
    throw new YaqlError('error', `Invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, re);
  return re;
}

function* matchesOf(re: RegExp, s: string, count = 0): Generator<RegExpExecArray> {
  const r = new RegExp(re.source, re.flags);
  let n = 0;
  let m: RegExpExecArray | null;
  while ((m = r.exec(s)) !== null) {
    yield m;
    n++;
    if (count > 0 && n >= count) return;
    if (m[0] === '') r.lastIndex++;
  }
}

function search(re: RegExp, s: string): RegExpExecArray | null {
  const r = new RegExp(re.source, re.flags);
  return r.exec(s);
}

const regexType: PType = { base: 'regex', nullable: false, check: (v) => v instanceof YRegex };

fn('regex', [p('pattern', T.string), p('ignoreCase', T.any, false), p('multiLine', T.any, false), p('dotAll', T.any, false)],
  {}, (_c, [pat, ic, ml, da]) =>
    new YRegex(pat as string, (truthy(ic) ? 'i' : '') + (truthy(ml) ? 'm' : '') + (truthy(da) ? 's' : '')));

fn('matches', [p('regexp', regexType), p('string', T.string)], METHOD, (_c, [re, s]) =>
  search((re as YRegex).re, s as string) !== null);
fn('matches', [p('string', T.string), p('regexp', T.string)], METHOD, (_c, [s, pat]) =>
  search(compile(pat as string, ''), s as string) !== null);
fn('#operator_=~', [p('string', T.string), p('regexp', regexType)], {}, (_c, [s, re]) =>
  search((re as YRegex).re, s as string) !== null);
fn('#operator_=~', [p('string', T.string), p('pattern', T.string)], {}, (_c, [s, pat]) =>
  search(compile(pat as string, ''), s as string) !== null);
fn('#operator_!~', [p('string', T.string), p('regexp', regexType)], {}, (_c, [s, re]) =>
  search((re as YRegex).re, s as string) === null);
fn('#operator_!~', [p('string', T.string), p('pattern', T.string)], {}, (_c, [s, pat]) =>
  search(compile(pat as string, ''), s as string) === null);

function groupRec(m: RegExpExecArray, i: number): YDict {
  const value = m[i] ?? null;
  let start = -1;
  let end = -1;
  if (i === 0) {
    start = m.index;
    end = m.index + m[0].length;
  } else if (value !== null) {
    // JS exposes group offsets only with the `d` flag; find the group inside the match.
    const off = m[0].indexOf(value);
    start = m.index + Math.max(0, off);
    end = start + value.length;
  }
  return YDict.from([['value', value], ['start', start], ['end', end]]);
}

function publishMatch(ctx: Context, m: RegExpExecArray): void {
  ctx.set('$1', groupRec(m, 0));
  for (let i = 1; i < m.length; i++) ctx.set('$' + String(i + 1), groupRec(m, i));
}

fn('search', [p('regexp', regexType), p('string', T.string), p('selector', T.lambdaCtx, null)], METHOD,
  (c, [re, s, sel]) => {
    const m = search((re as YRegex).re, s as string);
    if (m === null) return null;
    if (sel === null) return m[0];
    const ctx = c.ctx.child();
    publishMatch(ctx, m);
    return invoke(sel as YLambda, ctx);
  });
fn('searchAll', [p('regexp', regexType), p('string', T.string), p('selector', T.lambdaCtx, null)], METHOD,
  (c, [re, s, sel]) => {
    const all = [...matchesOf((re as YRegex).re, s as string)];
    return new YIter((function* () {
      for (const m of all) {
        if (sel === null) yield m[0];
        else {
          const ctx = c.ctx.child();
          publishMatch(ctx, m);
          yield invoke(sel as YLambda, ctx);
        }
      }
    })());
  });

/** Python `re.split(pattern, string, maxsplit)`: captured groups are included in the result. */
function reSplit(re: RegExp, s: string, max: number): Array<string | null> {
  const out: Array<string | null> = [];
  let last = 0;
  for (const m of matchesOf(re, s, max)) {
    out.push(s.slice(last, m.index));
    for (let i = 1; i < m.length; i++) out.push(m[i] ?? null);
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}
fn('split', [p('regexp', regexType), p('string', T.string), p('maxSplit', T.int, 0)], METHOD, (_c, [re, s, max]) =>
  reSplit((re as YRegex).re, s as string, num(max)));
fn('split', [p('string', T.string), p('regexp', regexType), p('maxSplit', T.int, 0)], METHOD, (_c, [s, re, max]) =>
  reSplit((re as YRegex).re, s as string, num(max)));

/** Expands a Python replacement template (`\1`, `\g<1>`, `\g<name>`, `\n`...). */
function expandTemplate(repl: string, m: RegExpExecArray): string {
  return repl.replace(/\\(?:g<([^>]+)>|(\d{1,2})|(.))/g, (_all, g: string | undefined, d: string | undefined, ch: string | undefined) => {
    if (g !== undefined) {
      if (/^\d+$/.test(g)) return m[Number(g)] ?? '';
      return m.groups?.[g] ?? '';
    }
    if (d !== undefined) return m[Number(d)] ?? '';
    const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' };
    return Object.hasOwn(esc, ch!) ? esc[ch!]! : '\\' + ch;
  });
}
function reSub(re: RegExp, s: string, repl: (m: RegExpExecArray) => string, count: number): string {
  let out = '';
  let last = 0;
  for (const m of matchesOf(re, s, count)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}
fn('replace', [p('regexp', regexType), p('string', T.string), p('repl', T.string), p('count', T.int, 0)], METHOD,
  (_c, [re, s, repl, cnt]) => reSub((re as YRegex).re, s as string, (m) => expandTemplate(repl as string, m), num(cnt)));
fn('replace', [p('string', T.string), p('regexp', regexType), p('repl', T.string), p('count', T.int, 0)], METHOD,
  (_c, [s, re, repl, cnt]) => reSub((re as YRegex).re, s as string, (m) => expandTemplate(repl as string, m), num(cnt)));
function replaceBy(c: { ctx: Context }, re: YRegex, s: string, repl: YLambda, cnt: number): string {
  return reSub(re.re, s, (m) => {
    const ctx = c.ctx.child();
    publishMatch(ctx, m);
    return pyStr(invoke(repl, ctx));
  }, cnt);
}
fn('replaceBy', [p('regexp', regexType), p('string', T.string), p('repl', T.lambdaCtx), p('count', T.int, 0)], METHOD,
  (c, [re, s, repl, cnt]) => replaceBy(c, re as YRegex, s as string, repl as YLambda, num(cnt)));
fn('replaceBy', [p('string', T.string), p('regexp', regexType), p('repl', T.lambdaCtx), p('count', T.int, 0)], METHOD,
  (c, [s, re, repl, cnt]) => replaceBy(c, re as YRegex, s as string, repl as YLambda, num(cnt)));

/** Python 3.7+ `re.escape`. */
export function escapeRegex(s: string): string {
  return s.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (ch) => '\\' + ch);
}
fn('escapeRegex', [p('string', T.string)], {}, (_c, [s]) => escapeRegex(s as string));
fn('isRegex', [p('value', T.any)], {}, (_c, [v]) => v instanceof YRegex);
