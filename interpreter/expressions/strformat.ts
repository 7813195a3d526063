/**
 * Python string formatting: `'%s-%05.2f' % (a, b)` (printf style, also Jinja's `format` filter) and
 * `'{0}-{name:>8}'.format(...)` with the common format-spec options (fill, align, sign, width, grouping, precision,
 * types s d f e g x o b %).
 */
import { PyError } from './pyops';
import { formatFloat, pyRepr, pyStr } from './pyrepr';
import { PyTuple, dictHas, isDict, isNumberLike, isFloat, numValue } from './pyvalues';

interface Spec {
  fill: string;
  align?: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision?: number;
  type: string;
}

function parseSpec(spec: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/s.exec(spec);
  if (!m) throw new PyError('ValueError', 'Invalid format specifier');
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : undefined),
    sign: m[3] ?? '-',
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? Number(m[6]) : 0,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Number(m[8]) : undefined,
    type: m[9] ?? '',
  };
}

function group(intDigits: string, sep: string): string {
  return sep ? intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, sep) : intDigits;
}

function expFormat(n: number, precision: number): string {
  const [m, e] = n.toExponential(precision).split('e');
  const exp = Number(e);
  return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function generalFormat(n: number, precision: number): string {
  const p = precision === 0 ? 1 : precision;
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp >= -4 && exp < p) return String(Number(n.toFixed(Math.max(0, p - 1 - exp))));
  return expFormat(n, p - 1).replace(/\.?0+e/, 'e');
}

/** Formats one value with a Python format spec (`>8`, `.2f`, `,d`, `08.3f`, ...). */
export function formatWithSpec(value: unknown, specText: string): string {
  const spec = parseSpec(specText);
  let body: string;
  let sign = '';
  const numeric = isNumberLike(value);
  if (numeric && spec.type !== 's') {
    let n = numValue(value as number);
    const t = spec.type;
    if (n < 0 || Object.is(n, -0)) {
      sign = '-';
      n = -n;
    } else if (spec.sign === '+') sign = '+';
    else if (spec.sign === ' ') sign = ' ';
    if (t === 'd' || t === 'n' || (t === '' && !isFloat(value))) {
      if (!Number.isInteger(n)) throw new PyError('ValueError', `Unknown format code 'd' for object of type 'float'`);
      body = group(String(n), spec.grouping);
    } else if (t === 'x' || t === 'X' || t === 'o' || t === 'b') {
      const radix = t === 'o' ? 8 : t === 'b' ? 2 : 16;
      body = Math.trunc(n).toString(radix);
      if (t === 'X') body = body.toUpperCase();
      if (spec.alt) body = `0${t}${body}`;
    } else if (t === 'f' || t === 'F' || t === '%') {
      const v = t === '%' ? n * 100 : n;
      const [i, f] = v.toFixed(spec.precision ?? 6).split('.');
      body = group(i, spec.grouping) + (f !== undefined ? `.${f}` : '') + (t === '%' ? '%' : '');
    } else if (t === 'e' || t === 'E') {
      body = expFormat(n, spec.precision ?? 6);
      if (t === 'E') body = body.toUpperCase();
    } else if (t === 'g' || t === 'G' || t === '') {
      body = spec.precision === undefined ? formatFloat(n) : generalFormat(n, spec.precision);
    } else throw new PyError('ValueError', `Unknown format code '${t}' for object of type '${isFloat(value) ? 'float' : 'int'}'`);
  } else {
    if (spec.type !== '' && spec.type !== 's') {
      throw new PyError('ValueError', `Unknown format code '${spec.type}' for object of type 'str'`);
    }
    body = pyStr(value);
    if (spec.precision !== undefined) body = [...body].slice(0, spec.precision).join('');
  }
  const len = [...sign + body].length;
  const pad = Math.max(0, spec.width - len);
  const align = spec.align ?? (numeric && spec.type !== 's' ? '>' : '<');
  const fill = spec.fill.repeat(pad);
  if (align === '<') return sign + body + fill;
  if (align === '>') return fill + sign + body;
  if (align === '=') return sign + fill + body;
  const left = spec.fill.repeat(Math.floor(pad / 2));
  return left + sign + body + spec.fill.repeat(pad - left.length);
}

/** Python `str.format(*args, **kwargs)`. */
export function strFormat(template: string, args: unknown[], kwargs: Record<string, unknown>, getAttr: (obj: unknown, name: string) => unknown): string {
  let auto = 0;
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const [ref, spec = ''] = splitOnce(field!, ':');
    const [nameAndPath, conv] = splitOnce(ref, '!');
    const pathMatch = /^([^.[]*)(.*)$/s.exec(nameAndPath)!;
    const head = pathMatch[1];
    let value: unknown;
    if (head === '') {
      if (auto >= args.length) throw new PyError('IndexError', `Replacement index ${auto} out of range for positional args tuple`);
      value = args[auto++];
    } else if (/^\d+$/.test(head)) {
      if (Number(head) >= args.length) throw new PyError('IndexError', `Replacement index ${head} out of range for positional args tuple`);
      value = args[Number(head)];
    } else {
      if (!dictHas(kwargs, head)) throw new PyError('KeyError', pyRepr(head));
      value = kwargs[head];
    }
    for (const part of pathMatch[2].matchAll(/\.([^.[]+)|\[([^\]]+)\]/g)) {
      if (part[1] !== undefined) value = getAttr(value, part[1]);
      else {
        const key = /^\d+$/.test(part[2]) ? Number(part[2]) : part[2];
        value = Array.isArray(value) ? value[key as number] : isDict(value) ? value[String(key)] : getAttr(value, String(key));
      }
    }
    if (conv === 'r') value = pyRepr(value);
    else if (conv === 's') value = pyStr(value);
    return formatWithSpec(value, spec ?? '');
  });
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Python printf-style `fmt % args` (`%s`, `%r`, `%d`, `%5.2f`, `%(name)s`, `%%`, ...). */
export function percentFormat(fmt: string, argValue: unknown): string {
  const args = argValue instanceof PyTuple ? argValue.items : [argValue];
  const mapping = isDict(argValue) ? argValue : undefined;
  let i = 0;
  const out = fmt.replace(/%(?:\(([^)]*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g, (m, key, flags: string, width, prec, type: string) => {
    if (type === '%') return '%';
    let v: unknown;
    if (key !== undefined) {
      if (!mapping) throw new PyError('TypeError', 'format requires a mapping');
      if (!dictHas(mapping, key)) throw new PyError('KeyError', pyRepr(key));
      v = mapping[key];
    } else {
      if (i >= args.length) throw new PyError('TypeError', 'not enough arguments for format string');
      v = args[i++];
    }
    const align = flags.includes('-') ? '<' : '>';
    const fill = flags.includes('0') && !flags.includes('-') ? '0' : ' ';
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const w = width && width !== '*' ? width : '';
    const p = prec !== undefined ? `.${prec}` : '';
    const signedAlign = fill === '0' ? '=' : align;
    if (type === 's' || type === 'a') return formatWithSpec(pyStr(v), `${align}${w}${p}`);
    if (type === 'r') return formatWithSpec(pyRepr(v), `${align}${w}${p}`);
    if (type === 'c') return formatWithSpec(typeof v === 'number' ? String.fromCodePoint(v) : pyStr(v), `${align}${w}`);
    if (!isNumberLike(v)) throw new PyError('TypeError', `%${type} format: a real number is required, not ${pyRepr(v).startsWith("'") ? 'str' : typeof v}`);
    let n = numValue(v);
    let t = type;
    if (t === 'i' || t === 'u' || t === 'd') {
      n = Math.trunc(n);
      t = 'd';
    }
    if (t === 'd' || t === 'x' || t === 'X' || t === 'o') return formatWithSpec(n, `${fill}${signedAlign}${sign}${flags.includes('#') ? '#' : ''}${w}${t}`);
    return formatWithSpec(n + 0.0, `${fill}${signedAlign}${sign}${w}${prec !== undefined ? p : '.6'}${t}`);
  });
  if (!mapping && i < args.length) throw new PyError('TypeError', 'not all arguments converted during string formatting');
  return out;
}
