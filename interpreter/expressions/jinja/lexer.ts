/**
 * The Jinja2 lexer, configured as Mistral configures its environment: default delimiters, `trim_blocks` and
 * `lstrip_blocks`, `-`/`+` whitespace control, `{# #}` comments and `{% raw %}`. Brackets are balanced the way
 * Jinja2 balances them, so `}}` inside `{...}` does not close a tag.
 */
import { syntaxError } from './errors';

export type TokenType =
  | 'data'
  | 'variable_begin'
  | 'variable_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'integer'
  | 'float'
  | 'operator'
  | 'eof';

export interface Token {
  type: TokenType;
  /** Source text for names/operators, the decoded value for strings and numbers, the text for data. */
  value: string | number;
  /** 0-based offset of the token in the source. */
  pos: number;
}

const OPERATORS = ['//', '**', '==', '!=', '>=', '<=', '+', '-', '/', '*', '%', '~', '[', ']', '(', ')', '{', '}', '>', '<', '=', '.', ':', '|', ',', ';'];
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const NAME_RE = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const FLOAT_RE = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?e[+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/iy;
const INT_RE = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*/y;
const STRING_RE = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;
const RAW_END_RE = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;
const RAW_BEGIN_RE = /\{%[-+]?\s*raw\s*[-+]?%\}/y;

/** Lexing state: a whole template, or a bare expression (Jinja's `state='variable'`, used by compile_expression). */
export type LexMode = 'template' | 'expression';

/** Splits a template (or a bare expression) into tokens; throws a located `TemplateSyntaxError`. */
export function tokenize(source: string, mode: LexMode = 'template'): Token[] {
  const tokens: Token[] = [];
  if (mode === 'expression') {
    lexTag(source, 0, 'expression', tokens);
    tokens.push({ type: 'eof', value: '', pos: source.length });
    return tokens;
  }
  let pos = 0;
  let lineStarting = true;
  let stripNextData = false;
  while (pos < source.length) {
    const next = findTagStart(source, pos);
    let text = source.slice(pos, next === -1 ? source.length : next);
    if (stripNextData) {
      text = text.replace(/^\s+/, '');
      stripNextData = false;
    }
    if (next === -1) {
      if (text) tokens.push({ type: 'data', value: text, pos });
      break;
    }
    const kind = source[next + 1];
    const sign = source[next + 2];
    if (sign === '-') text = text.replace(/\s+$/, '');
    else if (sign !== '+' && kind !== '{') {
      // lstrip_blocks: drop the spaces/tabs that start the line of a block or comment tag.
      const lPos = text.lastIndexOf('\n') + 1;
      if ((lPos > 0 || lineStarting) && /^[ \t]*$/.test(text.slice(lPos))) text = text.slice(0, lPos);
    }
    if (text) tokens.push({ type: 'data', value: text, pos });
    const tagBody = next + 2 + (sign === '-' || sign === '+' ? 1 : 0);
    if (kind === '#') {
      const end = /(?:\+#\}|-#\}\s*|#\}\n?)/g;
      end.lastIndex = tagBody;
      const m = end.exec(source);
      if (!m) throw syntaxError('Missing end of comment tag', next);
      pos = m.index + m[0].length;
      lineStarting = m[0].endsWith('\n');
      continue;
    }
    if (kind === '%') {
      RAW_BEGIN_RE.lastIndex = next;
      if (RAW_BEGIN_RE.test(source)) {
        RAW_END_RE.lastIndex = RAW_BEGIN_RE.lastIndex;
        const m = RAW_END_RE.exec(source);
        if (!m) throw syntaxError('Missing end of raw directive', next);
        let raw = source.slice(RAW_BEGIN_RE.lastIndex, m.index);
        if (m[1] === '-') raw = raw.replace(/\s+$/, '');
        if (raw) tokens.push({ type: 'data', value: raw, pos: RAW_BEGIN_RE.lastIndex });
        pos = m.index + m[0].length;
        if (m[2] === '-') stripNextData = true;
        else if (source[pos] === '\n') pos++;
        lineStarting = source[pos - 1] === '\n';
        continue;
      }
    }
    tokens.push({ type: kind === '{' ? 'variable_begin' : 'block_begin', value: source.slice(next, tagBody), pos: next });
    const end = lexTag(source, tagBody, kind === '{' ? 'variable' : 'block', tokens);
    pos = end.pos;
    if (end.strip) stripNextData = true;
    lineStarting = source[pos - 1] === '\n';
  }
  tokens.push({ type: 'eof', value: '', pos: source.length });
  return tokens;
}

function findTagStart(source: string, from: number): number {
  for (let i = source.indexOf('{', from); i !== -1; i = source.indexOf('{', i + 1)) {
    const c = source[i + 1];
    if (c === '{' || c === '%' || c === '#') return i;
  }
  return -1;
}

/** Lexes the inside of a tag from `pos`; returns the offset just past its end marker. */
function lexTag(source: string, start: number, kind: 'variable' | 'block' | 'expression', tokens: Token[]): { pos: number; strip: boolean } {
  const stack: string[] = [];
  let pos = start;
  for (;;) {
    while (pos < source.length && /\s/.test(source[pos])) pos++;
    if (pos >= source.length) {
      if (kind === 'expression') {
        if (stack.length) throw syntaxError(`unexpected end of template, expected '${closerOf(stack[stack.length - 1])}'.`, pos);
        return { pos, strip: false };
      }
      throw syntaxError(`unexpected end of template, expected '${kind === 'variable' ? 'end of print statement' : 'end of statement block'}'.`, pos);
    }
    if (stack.length === 0 && kind !== 'block') {
      const m = /-?\}\}/y;
      m.lastIndex = pos;
      if (m.test(source)) {
        const strip = source[pos] === '-';
        tokens.push({ type: 'variable_end', value: '}}', pos });
        return { pos: m.lastIndex, strip };
      }
    }
    if (stack.length === 0 && kind === 'block') {
      const m = /([-+]?)%\}/y;
      m.lastIndex = pos;
      const r = m.exec(source);
      if (r) {
        tokens.push({ type: 'block_end', value: '%}', pos });
        let end = m.lastIndex;
        if (r[1] !== '-' && source[end] === '\n') end++; // trim_blocks
        return { pos: end, strip: r[1] === '-' };
      }
    }
    const tok = lexOne(source, pos);
    if (tok.type === 'operator') {
      const op = tok.value as string;
      if (op === '(' || op === '[' || op === '{') stack.push(op);
      else if (op in CLOSING) {
        if (stack.length === 0) throw syntaxError(`unexpected '${op}'`, pos);
        const open = stack.pop()!;
        if (open !== CLOSING[op]) throw syntaxError(`unexpected '${op}', expected '${closerOf(open)}'`, pos);
      }
    }
    tokens.push(tok);
    pos = tok.end;
  }
}

function closerOf(open: string): string {
  return open === '(' ? ')' : open === '[' ? ']' : '}';
}

function lexOne(source: string, pos: number): Token & { end: number } {
  const c = source[pos];
  if (/\d/.test(c) && source[pos - 1] !== '.') {
    FLOAT_RE.lastIndex = pos;
    const f = FLOAT_RE.exec(source);
    if (f) return { type: 'float', value: Number(f[0].replace(/_/g, '')), pos, end: FLOAT_RE.lastIndex };
  }
  if (/\d/.test(c)) {
    INT_RE.lastIndex = pos;
    const i = INT_RE.exec(source);
    if (i) {
      const text = i[0].replace(/_/g, '');
      return { type: 'integer', value: Number(text), pos, end: INT_RE.lastIndex };
    }
  }
  if (c === "'" || c === '"') {
    STRING_RE.lastIndex = pos;
    const s = STRING_RE.exec(source);
    if (!s) throw syntaxError('unexpected char ' + JSON.stringify(c).replace(/^"|"$/g, "'") + ` at ${pos}`, pos);
    return { type: 'string', value: unescapePython(s[1] ?? s[2], pos), pos, end: STRING_RE.lastIndex };
  }
  NAME_RE.lastIndex = pos;
  const n = NAME_RE.exec(source);
  if (n) return { type: 'name', value: n[0], pos, end: NAME_RE.lastIndex };
  for (const op of OPERATORS) {
    if (source.startsWith(op, pos)) return { type: 'operator', value: op, pos, end: pos + op.length };
  }
  throw syntaxError(`unexpected char '${c}' at ${pos}`, pos);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '',
};

/** Decodes Python string escapes (`\n`, `\xNN`, `\uNNNN`, `\UNNNNNNNN`, octal); unknown escapes stay as they are. */
function unescapePython(body: string, pos: number): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[++i];
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw syntaxError(`truncated \\${e} escape in string literal`, pos);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else out += '\\' + e;
  }
  return out;
}
