/**
 * The YAQL parser: a precedence-climbing parser equivalent to yaql 2.0's LALR grammar with its standard operator
 * table (tightest first): `.` `?.` · indexer `[]` · unary `+ -` · `=~ !~` · `* / mod` · `+ -` ·
 * `> < >= <= != = in` · unary `not` · `and` · `or` · `->` (right-associative).
 */
import type { CallNode, YaqlAst } from './ast';
import { YaqlError } from './errors';
import { tokenize, type Token } from './lexer';
import { pyFloat } from './values';

const BINARY_BP: Record<string, number> = {
  '.': 110, '?.': 110,
  '=~': 80, '!~': 80,
  '*': 70, '/': 70, mod: 70,
  '+': 60, '-': 60,
  '>': 50, '<': 50, '>=': 50, '<=': 50, '!=': 50, '=': 50, in: 50,
  and: 30,
  or: 20,
  '->': 10,
};
const INDEXER_BP = 100;
const CALL_BP = 110;
const UNARY_BP: Record<string, number> = { '+': 90, '-': 90, not: 40 };
const ALIASES: Record<string, string> = { '=': '*equal', '!=': '*not_equal' };

export interface ParseOptions {
  /** Allow `value(args)` calls of delegates (yaql `allow_delegates`). Mistral disables it. */
  allowDelegates?: boolean;
}

function opCall(name: string, args: YaqlAst[], pos: number): CallNode {
  return { t: 'call', name, args, usesReceiver: false, pos };
}

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly toks: Token[],
    private readonly delegates: boolean,
  ) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }

  private next(): Token {
    return this.toks[this.i++]!;
  }

  fail(tok: Token): never {
    if (tok.type === 'EOF') {
      throw new YaqlError('YaqlGrammarException', 'Parse error: unexpected end of statement', this.text.length);
    }
    let shown = tok.value;
    if (typeof shown === 'object' && shown !== null && 'float' in shown) shown = (shown as { float: number }).float;
    if (shown === null) shown = 'None';
    if (shown === true) shown = 'True';
    if (shown === false) shown = 'False';
    throw new YaqlError(
      'YaqlGrammarException',
      `Parse error: unexpected '${String(shown)}' at position ${tok.pos} of expression '${this.text}'`,
      tok.pos,
    );
  }

  private expect(type: Token['type']): Token {
    const t = this.next();
    if (t.type !== type) this.fail(t);
    return t;
  }

  parseTop(): YaqlAst {
    const e = this.parseExpr(0);
    const t = this.peek();
    if (t.type !== 'EOF') this.fail(t);
    return e;
  }

  parseExpr(rbp: number): YaqlAst {
    let left = this.parsePrefix();
    for (;;) {
      const t = this.peek();
      if (t.type === 'OP') {
        const op = t.value as string;
        const bp = BINARY_BP[op];
        if (bp === undefined || bp <= rbp) break;
        this.next();
        const right = this.parseExpr(op === '->' ? bp - 1 : bp);
        left = opCall(ALIASES[op] ?? `#operator_${op}`, [left, right], t.pos);
      } else if (t.type === 'INDEXER') {
        if (INDEXER_BP <= rbp) break;
        this.next();
        const args = this.parseArgs(']');
        left = opCall('#indexer', [left, ...args], t.pos);
      } else if (t.type === '(' && this.delegates) {
        if (CALL_BP <= rbp) break;
        this.next();
        const args = this.parseArgs(')');
        left = opCall('#call', [left, ...args], t.pos);
      } else break;
    }
    return left;
  }

  private parsePrefix(): YaqlAst {
    const t = this.next();
    switch (t.type) {
      case 'NUMBER': {
        const v = t.value;
        const value = typeof v === 'object' && v !== null ? pyFloat((v as { float: number }).float) : v;
        return { t: 'const', value, keyword: false, pos: t.pos };
      }
      case 'STRING':
      case 'CONST':
        return { t: 'const', value: t.value, keyword: false, pos: t.pos };
      case 'KEYWORD':
        return { t: 'const', value: t.value, keyword: true, pos: t.pos };
      case 'DOLLAR':
        return { t: 'var', name: t.value as string, pos: t.pos };
      case '(': {
        const e = this.parseExpr(0);
        this.expect(')');
        return { t: 'wrap', expr: e, pos: t.pos };
      }
      case 'INDEXER':
        return opCall('#list', this.parseArgs(']'), t.pos);
      case 'MAP':
        return opCall('#map', this.parseArgs('}'), t.pos);
      case 'FUNC':
        return { t: 'call', name: t.value as string, args: this.parseArgs(')'), usesReceiver: true, pos: t.pos };
      case 'OP': {
        const op = t.value as string;
        const bp = UNARY_BP[op];
        if (bp === undefined) this.fail(t);
        const operand = this.parseExpr(bp);
        return opCall(`#unary_operator_${op}`, [operand], t.pos);
      }
      default:
        return this.fail(t);
    }
  }

  /** args: positional (possibly empty slots) then `name => value` pairs; consumes the closing token. */
  private parseArgs(closer: ')' | ']' | '}'): YaqlAst[] {
    const args: YaqlAst[] = [];
    if (this.peek().type === closer) {
      this.next();
      return args;
    }
    let named = false;
    for (;;) {
      const t = this.peek();
      if (t.type === ',') {
        if (named) this.fail(t);
        this.next();
        args.push({ t: 'novalue', pos: t.pos });
        continue;
      }
      const value = this.parseExpr(0);
      if (this.peek().type === 'MAPPING') {
        const m = this.next();
        const dest = this.parseExpr(0);
        args.push({ t: 'mapping', source: value, destination: dest, pos: m.pos });
        named = true;
      } else {
        if (named) this.fail(t);
        args.push(value);
      }
      const sep = this.next();
      if (sep.type === closer) return args;
      if (sep.type !== ',') this.fail(sep);
      if (this.peek().type === closer) this.fail(this.peek());
    }
  }
}

/** Parses one YAQL expression into its syntax tree; throws a located YaqlError (grammar or lexical). */
export function parseExpression(text: string, opts: ParseOptions = {}): YaqlAst {
  const p = new Parser(text, tokenize(text), opts.allowDelegates === true);
  return p.parseTop();
}
