/**
 * yaql `math.py`: arithmetic with Python int/float semantics (`3/2` is 1, `3.0/2` is 1.5, `-7 mod 3` is 2),
 * comparisons, `abs`, `int`, `float`, `random`, bitwise functions, `max`/`min`, `pow`, `sign`, `round`.
 */
import { YaqlError } from '../errors';
import { T, fn, p } from '../registry';
import { PyFloat, isPyFloat, isPyInt, num, pyFloat, truthy } from '../values';

function arith(a: unknown, b: unknown, r: number): number | PyFloat {
  return isPyFloat(a) || isPyFloat(b) ? pyFloat(r) : r;
}

/** Python floor division / modulo helpers. */
export function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

fn('#operator_+', [p('left', T.number), p('right', T.number)], {}, (_c, [a, b]) => arith(a, b, num(a) + num(b)));
fn('#operator_-', [p('left', T.number), p('right', T.number)], {}, (_c, [a, b]) => arith(a, b, num(a) - num(b)));
fn('#operator_*', [p('left', T.number), p('right', T.number)], {}, (_c, [a, b]) => arith(a, b, num(a) * num(b)));
fn('#operator_/', [p('left', T.number), p('right', T.number)], {}, (_c, [a, b]) => {
  const x = num(a);
  const y = num(b);
  if (isPyInt(a) && isPyInt(b)) {
    if (y === 0) throw new YaqlError('ZeroDivisionError', 'integer division or modulo by zero');
    return Math.floor(x / y);
  }
  if (y === 0) throw new YaqlError('ZeroDivisionError', 'float division by zero');
  return pyFloat(x / y);
});
fn('#operator_mod', [p('left', T.number), p('right', T.number)], {}, (_c, [a, b]) => {
  const y = num(b);
  if (y === 0) {
    throw new YaqlError('ZeroDivisionError', isPyInt(a) && isPyInt(b) ? 'integer division or modulo by zero' : 'float modulo');
  }
  return arith(a, b, pyMod(num(a), y));
});
fn('#unary_operator_+', [p('op', T.number)], {}, (_c, [a]) => a);
fn('#unary_operator_-', [p('op', T.number)], {}, (_c, [a]) => (isPyFloat(a) ? pyFloat(-num(a)) : -num(a) || 0));

for (const op of ['>', '>=', '<', '<='] as const) {
  fn(`#operator_${op}`, [p('left', T.number), p('right', T.number)], {}, (_c, [a, b]) => compareNum(op, num(a), num(b)));
}

function compareNum(op: string, x: number, y: number): boolean {
  switch (op) {
    case '>': return x > y;
    case '>=': return x >= y;
    case '<': return x < y;
    default: return x <= y;
  }
}

fn('abs', [p('op', T.number)], {}, (_c, [a]) => (isPyFloat(a) ? pyFloat(Math.abs(num(a))) : Math.abs(num(a))));

/** Python `int(value)`. */
export function pyInt(value: unknown): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || value instanceof PyFloat) {
    const x = num(value);
    if (!Number.isFinite(x)) throw new YaqlError(Number.isNaN(x) ? 'ValueError' : 'OverflowError', 'cannot convert float to integer');
    return Math.trunc(x) || 0;
  }
  if (typeof value === 'string') {
    const s = value.trim().replace(/_/g, '');
    if (/^[+-]?\d+$/.test(s)) return Number(s);
    throw new YaqlError('ValueError', `invalid literal for int() with base 10: '${value}'`);
  }
  throw new YaqlError('TypeError', "int() argument must be a string, a bytes-like object or a real number");
}

/** Python `float(value)`. */
export function pyFloatOf(value: unknown): number | PyFloat {
  if (value === null) return new PyFloat(0);
  if (typeof value === 'boolean') return new PyFloat(value ? 1 : 0);
  if (typeof value === 'number' || value instanceof PyFloat) return pyFloat(num(value));
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return pyFloat(Number(s));
    if (/^[+-]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(s)) return NaN;
    throw new YaqlError('ValueError', `could not convert string to float: '${value}'`);
  }
  throw new YaqlError('TypeError', 'float() argument must be a string or a real number');
}

fn('int', [p('value', T.any)], {}, (_c, [v]) => pyInt(v));
fn('float', [p('value', T.any)], {}, (_c, [v]) => pyFloatOf(v));

/** Deterministic pseudo-random generator (mulberry32): expressions must stay replayable in a workflow. */
let seed = 0x2f6b1d3a;
function nextRandom(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
fn('random', [], {}, () => pyFloat(nextRandom()));
fn('random', [p('from', T.any), p('to', T.any)], {}, (_c, [a, b]) => {
  const lo = num(a);
  const hi = num(b);
  return lo + Math.floor(nextRandom() * (hi - lo + 1));
});

const big = (v: unknown): bigint => BigInt(num(v));
fn('bitwiseAnd', [p('left', T.int), p('right', T.int)], {}, (_c, [a, b]) => Number(big(a) & big(b)));
fn('bitwiseOr', [p('left', T.int), p('right', T.int)], {}, (_c, [a, b]) => Number(big(a) | big(b)));
fn('bitwiseXor', [p('left', T.int), p('right', T.int)], {}, (_c, [a, b]) => Number(big(a) ^ big(b)));
fn('bitwiseNot', [p('arg', T.int)], {}, (_c, [a]) => Number(~big(a)));
fn('shiftBitsRight', [p('value', T.int), p('bitsNumber', T.int)], {}, (_c, [a, b]) => Number(big(a) >> big(b)));
fn('shiftBitsLeft', [p('value', T.int), p('bitsNumber', T.int)], {}, (_c, [a, b]) => Number(big(a) << big(b)));

fn('max', [p('a', T.any), p('b', T.any)], {}, (c, [a, b]) => (truthy(c.delegate('#operator_>', [b, a])) ? b : a));
fn('min', [p('a', T.any), p('b', T.any)], {}, (c, [a, b]) => (truthy(c.delegate('#operator_>', [b, a])) ? a : b));

fn('pow', [p('a', T.number), p('b', T.number), p('c', T.numberN, null)], {}, (_c, [a, b, m]) => {
  const x = num(a);
  const y = num(b);
  if (m !== null) {
    if (!isPyInt(a) || !isPyInt(b) || !isPyInt(m)) {
      throw new YaqlError('TypeError', 'pow() 3rd argument not allowed unless all arguments are integers');
    }
    if (num(m) === 0) throw new YaqlError('ValueError', 'pow() 3rd argument cannot be 0');
    const r = Number(BigInt(x) ** BigInt(y) % BigInt(num(m)));
    return pyMod(r, num(m));
  }
  if (isPyInt(a) && isPyInt(b) && y >= 0) return x ** y;
  if (x === 0 && y < 0) throw new YaqlError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
  return pyFloat(x ** y);
});
fn('sign', [p('num', T.number)], {}, (_c, [a]) => {
  const x = num(a);
  return x > 0 ? 1 : x < 0 ? -1 : 0;
});

/** Python 3 `round(x, n)`: half to even. */
export function pyRound(x: number, n: number): number {
  const f = 10 ** n;
  const y = x * f;
  const r = Math.round(y);
  const rounded = Math.abs(y % 1) === 0.5 ? 2 * Math.round(y / 2) : r;
  return rounded / f;
}
fn('round', [p('number', T.number), p('ndigits', T.int, 0)], {}, (_c, [a, n]) => {
  const r = pyRound(num(a), num(n));
  return isPyInt(a) ? r : pyFloat(r);
});
fn('isInteger', [p('value', T.any)], {}, (_c, [v]) => isPyInt(v));
fn('isNumber', [p('value', T.any)], {}, (_c, [v]) => typeof v === 'number' || v instanceof PyFloat);
