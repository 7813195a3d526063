/**
 * The YAQL lexer: the token rules of yaql 2.0 (`yaql/language/lexer.py`), tried in the same order as ply tries
 * them (function rules in definition order, then operator strings longest first, then single-char literals).
 */
import { YaqlError } from './errors';

export type TokenType =
  | 'NUMBER' | 'STRING' | 'KEYWORD' | 'FUNC' | 'DOLLAR' | 'CONST' | 'OP' | 'MAPPING' | 'INDEXER' | 'MAP'
  | '(' | ')' | ']' | ',' | '}' | 'EOF';

export interface Token {
  type: TokenType;
  /** Operator symbol, identifier, decoded string, variable name, or literal value. */
  value: unknown;
  pos: number;
}

/** Word operators of the standard operator table. */
const WORD_OPERATORS = new Set(['and', 'or', 'not', 'in', 'mod']);
const KEYWORD_CONSTANTS: Record<string, unknown> = { true: true, false: false, null: null };

/** Symbol operators, longest regex first (the order ply uses for string rules). */
const SYMBOLS = ['?.', '=~', '!~', '->', '.', '+', '-', '*', '>=', '<=', '!=', '=>', '[', '/', '>', '<', '=', '{'];

const WORD_CHAR = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u;
const IDENT_START = /[\p{L}\p{Mn}\p{Mc}\p{Pc}]/u;
const DIGIT = /[0-9]/;

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Decodes Python-style escape sequences the way yaql's `decode_escapes` does; unknown escapes stay as written. */
export function decodeEscapes(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch !== '\\' || i + 1 >= s.length) {
      out += ch;
      i++;
      continue;
    }
    const n = s[i + 1]!;
    const hex = (len: number): boolean => {
      const h = s.slice(i + 2, i + 2 + len);
      if (h.length === len && /^[0-9a-fA-F]+$/.test(h)) {
        out += String.fromCodePoint(parseInt(h, 16));
        i += 2 + len;
        return true;
      }
      return false;
    };
    if (n === 'U' && hex(8)) continue;
    if (n === 'u' && hex(4)) continue;
    if (n === 'x' && hex(2)) continue;
    const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1));
    if (oct) {
      out += String.fromCharCode(parseInt(oct[0], 8));
      i += 1 + oct[0].length;
      continue;
    }
    if (Object.hasOwn(SIMPLE_ESCAPES, n)) {
      out += SIMPLE_ESCAPES[n];
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Splits a YAQL expression into tokens; throws a located `YaqlLexicalException` on an illegal character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i++;
      continue;
    }
    const start = i;
    // DOLLAR: \$\w*
    if (ch === '$') {
      let j = i + 1;
      while (j < n && isWord(text[j])) j++;
      tokens.push({ type: 'DOLLAR', value: text.slice(i, j), pos: start });
      i = j;
      continue;
    }
    // NUMBER: \b\d+(\.?\d+)?\b
    if (DIGIT.test(ch) && !isWord(text[i - 1])) {
      let j = i;
      while (j < n && DIGIT.test(text[j]!)) j++;
      let isFloat = false;
      if (text[j] === '.' && DIGIT.test(text[j + 1] ?? '')) {
        let k = j + 1;
        while (k < n && DIGIT.test(text[k]!)) k++;
        if (!isWord(text[k])) {
          j = k;
          isFloat = true;
        }
      }
      if (!isWord(text[j])) {
        const raw = text.slice(i, j);
        tokens.push({ type: 'NUMBER', value: isFloat ? { float: Number(raw) } : Number(raw), pos: start });
        i = j;
        continue;
      }
    }
    // FUNC / KEYWORD_STRING: \b[^\W\d]\w*
    if (IDENT_START.test(ch) && !isWord(text[i - 1])) {
      let j = i + 1;
      while (j < n && isWord(text[j])) j++;
      const word = text.slice(i, j);
      if (text[j] === '(') {
        tokens.push({ type: 'FUNC', value: word, pos: start });
        i = j + 1;
        continue;
      }
      if (!word.startsWith('__')) {
        if (WORD_OPERATORS.has(word)) tokens.push({ type: 'OP', value: word, pos: start });
        else if (Object.hasOwn(KEYWORD_CONSTANTS, word)) {
          tokens.push({ type: 'CONST', value: KEYWORD_CONSTANTS[word], pos: start });
        } else tokens.push({ type: 'KEYWORD', value: word, pos: start });
        i = j;
        continue;
      }
    }
    // Quoted strings.
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '\\' && j + 1 < n) {
          j += 2;
          continue;
        }
        if (c === ch) {
          closed = true;
          break;
        }
        j++;
      }
      if (closed) {
        const body = text.slice(i + 1, j);
        const value = ch === '`' ? body.replace(/\\`/g, '`') : decodeEscapes(body);
        tokens.push({ type: 'STRING', value, pos: start });
        i = j + 1;
        continue;
      }
    }
    const sym = SYMBOLS.find((s) => text.startsWith(s, i));
    if (sym) {
      const type: TokenType = sym === '=>' ? 'MAPPING' : sym === '[' ? 'INDEXER' : sym === '{' ? 'MAP' : 'OP';
      tokens.push({ type, value: sym, pos: start });
      i += sym.length;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ']' || ch === ',' || ch === '}') {
      tokens.push({ type: ch, value: ch, pos: start });
      i++;
      continue;
    }
    throw new YaqlError('YaqlLexicalException', `Lexical error: illegal character '${ch}' at position ${i}`, i);
  }
  tokens.push({ type: 'EOF', value: null, pos: n });
  return tokens;
}
