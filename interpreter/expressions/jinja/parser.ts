/**
 * The Jinja2 parser: a port of `jinja2.parser.Parser` (same precedence, same error messages), producing the tree
 * of `ast.ts`. Unknown filters and tests are reported here, as Jinja2 reports them when it compiles a template.
 */
import type { CallArgs, CompareOp, Expr, Stmt, Target } from './ast';
import { JinjaError, syntaxError } from './errors';
import { FILTER_NAMES } from './filters';
import { TEST_NAMES } from './tests';
import { tokenize, type Token } from './lexer';
import { makeFloat } from '../pyvalues';

const MAX_DEPTH = 100;
const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const TYPE_NAMES: Record<string, string> = {
  variable_end: 'end of print statement',
  block_end: 'end of statement block',
  variable_begin: 'begin of print statement',
  block_begin: 'begin of statement block',
  eof: 'end of template',
  data: 'template data / text',
  integer: 'integer',
  float: 'float',
  string: 'string',
};

function describe(tok: Token): string {
  if (tok.type === 'name' || tok.type === 'operator') return String(tok.value);
  return TYPE_NAMES[tok.type] ?? tok.type;
}

/** Python-style `repr` of a short ASCII message fragment, as Jinja2 quotes tokens in its errors. */
function q(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`;
}

class Parser {
  private i = 0;
  private depth = 0;
  private tagStack: string[] = [];
  private endTokenStack: string[][] = [];
  /** The first unknown filter/test: Jinja2 reports it when compiling, not when parsing (Mistral's validation). */
  unknownName?: JinjaError;

  constructor(private readonly tokens: Token[]) {}

  private get cur(): Token {
    return this.tokens[this.i];
  }
  private look(): Token {
    return this.tokens[Math.min(this.i + 1, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.tokens[this.i];
    if (t.type !== 'eof') this.i++;
    return t;
  }
  private isOp(op: string, tok: Token = this.cur): boolean {
    return tok.type === 'operator' && tok.value === op;
  }
  private isName(name: string, tok: Token = this.cur): boolean {
    return tok.type === 'name' && tok.value === name;
  }
  private skipName(name: string): boolean {
    if (!this.isName(name)) return false;
    this.next();
    return true;
  }
  private fail(message: string, tok: Token = this.cur): never {
    throw syntaxError(message, tok.pos);
  }
  /** Jinja2's `TokenStream.expect`. */
  private expect(type: Token['type'], value?: string): Token {
    const tok = this.cur;
    const ok = value === undefined ? tok.type === type : tok.value === value && (tok.type === type);
    if (!ok) {
      const what = value ?? TYPE_NAMES[type] ?? type;
      if (tok.type === 'eof') this.fail(`unexpected end of template, expected ${q(what)}.`);
      this.fail(`expected token ${q(what)}, got ${q(describe(tok))}`);
    }
    return this.next();
  }
  private expectOp(op: string): Token {
    return this.expect('operator', op);
  }

  // ---- templates -------------------------------------------------------------------------------------------

  parseTemplate(): Stmt[] {
    const body = this.subparse(null);
    return body;
  }

  private subparse(endTokens: string[] | null): Stmt[] {
    const body: Stmt[] = [];
    if (endTokens) this.endTokenStack.push(endTokens);
    try {
      for (;;) {
        const tok = this.cur;
        if (tok.type === 'eof') break;
        if (tok.type === 'data') {
          body.push({ t: 'data', text: tok.value as string });
          this.next();
        } else if (tok.type === 'variable_begin') {
          this.next();
          body.push({ t: 'print', expr: this.parseTuple({ withCondexpr: true }) });
          this.expect('variable_end');
        } else if (tok.type === 'block_begin') {
          this.next();
          if (endTokens && this.cur.type === 'name' && endTokens.includes(this.cur.value as string)) return body;
          body.push(...this.parseStatement());
          this.expect('block_end');
        } else {
          this.fail(`unexpected ${q(describe(tok))}`);
        }
      }
      if (endTokens) this.failUnknownTag(null);
      return body;
    } finally {
      if (endTokens) this.endTokenStack.pop();
    }
  }

  private failUnknownTag(name: string | null): never {
    const message = [name === null ? 'Unexpected end of template.' : `Encountered unknown tag ${q(name)}.`];
    const top = this.endTokenStack[this.endTokenStack.length - 1];
    if (top) {
      const looking = top.map(q).join(' or ');
      const expected = this.endTokenStack.flat();
      if (name !== null && expected.includes(name)) {
        message.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${looking}.`);
      } else message.push(`Jinja was looking for the following tags: ${looking}.`);
    }
    if (this.tagStack.length) message.push(`The innermost block that needs to be closed is ${q(this.tagStack[this.tagStack.length - 1])}.`);
    this.fail(message.join(' '));
  }

  private parseStatement(): Stmt[] {
    const tok = this.cur;
    if (tok.type !== 'name') this.fail('tag name expected');
    const name = tok.value as string;
    this.tagStack.push(name);
    let popTag = true;
    try {
      switch (name) {
        case 'if':
          return [this.parseIf()];
        case 'for':
          return [this.parseFor()];
        case 'set':
          return [this.parseSet()];
        case 'with':
          return [this.parseWith()];
        case 'macro':
          return [this.parseMacro()];
        case 'filter':
          return [this.parseFilterBlock()];
        case 'block': case 'extends': case 'include': case 'import': case 'from': case 'call': case 'autoescape':
          this.fail(`the '${name}' tag is not supported in Mistral expressions`);
        // eslint-disable-next-line no-fallthrough
        default:
          this.tagStack.pop();
          popTag = false;
          return this.failUnknownTag(name);
      }
    } finally {
      if (popTag) this.tagStack.pop();
    }
  }

  /** `parse_statements`: the header's `%}`, then the body up to one of `endTokens`. */
  private parseStatements(endTokens: string[], dropNeedle = false): Stmt[] {
    if (this.isOp(':')) this.next();
    this.expect('block_end');
    const body = this.subparse(endTokens);
    if (this.cur.type === 'eof') this.failUnknownTag(null);
    if (dropNeedle) this.next();
    return body;
  }

  private parseIf(): Stmt {
    this.expect('name', 'if');
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['elif', 'else', 'endif']);
    const tok = this.next();
    if (tok.value === 'elif') {
      return { t: 'if', test, body, else_: [this.parseElif()] };
    }
    if (tok.value === 'else') return { t: 'if', test, body, else_: this.parseStatements(['endif'], true) };
    return { t: 'if', test, body, else_: [] };
  }

  private parseElif(): Stmt {
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['elif', 'else', 'endif']);
    const tok = this.next();
    if (tok.value === 'elif') return { t: 'if', test, body, else_: [this.parseElif()] };
    if (tok.value === 'else') return { t: 'if', test, body, else_: this.parseStatements(['endif'], true) };
    return { t: 'if', test, body, else_: [] };
  }

  private parseFor(): Stmt {
    const pos = this.expect('name', 'for').pos;
    const target = this.parseAssignTarget({ extraEnd: ['in'] });
    this.expect('name', 'in');
    const iter = this.parseTuple({ withCondexpr: false, extraEnd: ['recursive'] });
    let filter: Expr | undefined;
    if (this.skipName('if')) filter = this.parseExpression();
    if (this.skipName('recursive')) this.fail('recursive loops are not supported in Mistral expressions');
    const body = this.parseStatements(['endfor', 'else']);
    const else_ = this.next().value === 'endfor' ? [] : this.parseStatements(['endfor'], true);
    return { t: 'for', target, iter, body, else_, filter, pos };
  }

  private parseSet(): Stmt {
    this.expect('name', 'set');
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.isOp('=')) {
      this.next();
      return { t: 'assign', target, value: this.parseTuple({ withCondexpr: true }) };
    }
    const filter = this.isOp('|') ? this.parseFilter(undefined, false) : undefined;
    const body = this.parseStatements(['endset'], true);
    return { t: 'assignBlock', target, filter, body };
  }

  private parseWith(): Stmt {
    this.expect('name', 'with');
    const targets: Target[] = [];
    const values: Expr[] = [];
    while (this.cur.type !== 'block_end') {
      if (targets.length) this.expectOp(',');
      targets.push(this.parseAssignTarget({}));
      this.expectOp('=');
      values.push(this.parseExpression());
    }
    return { t: 'with', targets, values, body: this.parseStatements(['endwith'], true) };
  }

  private parseMacro(): Stmt {
    this.expect('name', 'macro');
    const name = this.expect('name').value as string;
    const params: [string, Expr | undefined][] = [];
    this.expectOp('(');
    while (!this.isOp(')')) {
      if (params.length) this.expectOp(',');
      const arg = this.expect('name').value as string;
      let def: Expr | undefined;
      if (this.isOp('=')) {
        this.next();
        def = this.parseExpression();
      } else if (params.some((p) => p[1])) this.fail('non-default argument follows default argument');
      params.push([arg, def]);
    }
    this.expectOp(')');
    return { t: 'macro', name, params, body: this.parseStatements(['endmacro'], true) };
  }

  private parseFilterBlock(): Stmt {
    this.expect('name', 'filter');
    const filter = this.parseFilter(undefined, true)!;
    return { t: 'filterBlock', filter, body: this.parseStatements(['endfilter'], true) };
  }

  private parseAssignTarget(o: { extraEnd?: string[]; withNamespace?: boolean }): Target {
    const start = this.cur;
    if (o.withNamespace && this.isOp('.', this.look())) {
      const ns = this.expect('name');
      this.next();
      const attr = this.expect('name');
      return { t: 'nsref', name: ns.value as string, attr: attr.value as string, pos: ns.pos };
    }
    const items: Target[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expectOp(',');
      if (this.isTupleEnd(o.extraEnd)) break;
      items.push(this.parseTargetPrimary());
      if (this.isOp(',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length) return items[0];
      this.fail(`Expected an expression, got ${q(describe(this.cur))}`);
    }
    if (!items.length) this.fail("can't assign to 'tuple'", start);
    return { t: 'tuple', items };
  }

  private parseTargetPrimary(): Target {
    const tok = this.cur;
    if (tok.type === 'name' && !['true', 'false', 'True', 'False', 'none', 'None'].includes(tok.value as string)) {
      this.next();
      return { t: 'name', name: tok.value as string, pos: tok.pos };
    }
    if (this.isOp('(')) {
      this.next();
      const inner = this.parseAssignTarget({});
      this.expectOp(')');
      return inner;
    }
    const e = this.parsePrimary();
    this.fail(`can't assign to ${q(e.t === 'const' ? 'const' : e.t)}`, tok);
  }

  // ---- expressions -----------------------------------------------------------------------------------------

  /** A whole bare expression (Jinja2's `compile_expression`): nothing may follow it. */
  parseBareExpression(): Expr {
    const e = this.parseExpression();
    if (this.cur.type !== 'eof') this.fail('chunk after expression');
    return e;
  }

  private isTupleEnd(extraEnd?: string[]): boolean {
    const t = this.cur;
    if (t.type === 'variable_end' || t.type === 'block_end' || t.type === 'eof' || this.isOp(')')) return true;
    return !!extraEnd && t.type === 'name' && extraEnd.includes(t.value as string);
  }

  private parseTuple(o: { withCondexpr: boolean; extraEnd?: string[]; explicitParens?: boolean }): Expr {
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expectOp(',');
      if (this.isTupleEnd(o.extraEnd)) break;
      items.push(o.withCondexpr ? this.parseExpression() : this.parseOr());
      if (this.isOp(',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length) return items[0];
      if (!o.explicitParens) this.fail(`Expected an expression, got ${q(describe(this.cur))}`);
    }
    return { t: 'tuple', items };
  }

  private parseExpression(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail('expression is nested too deeply');
    try {
      return this.parseCondexpr();
    } finally {
      this.depth--;
    }
  }

  private parseCondexpr(): Expr {
    let expr = this.parseOr();
    while (this.skipName('if')) {
      const test = this.parseOr();
      const else_ = this.skipName('else') ? this.parseCondexpr() : undefined;
      expr = { t: 'condexpr', test, then: expr, else_ };
    }
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.skipName('or')) left = { t: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.skipName('and')) left = { t: 'and', left, right: this.parseNot() };
    return left;
  }

  private parseNot(): Expr {
    if (this.isName('not')) {
      this.next();
      return { t: 'not', node: this.parseNot() };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const pos = this.cur.pos;
    const first = this.parseMath1();
    const ops: [CompareOp, Expr][] = [];
    for (;;) {
      const t = this.cur;
      if (t.type === 'operator' && COMPARE_OPS.has(t.value as string)) {
        this.next();
        ops.push([t.value as CompareOp, this.parseMath1()]);
      } else if (this.skipName('in')) ops.push(['in', this.parseMath1()]);
      else if (this.isName('not') && this.isName('in', this.look())) {
        this.next();
        this.next();
        ops.push(['notin', this.parseMath1()]);
      } else break;
    }
    return ops.length ? { t: 'compare', first, ops, pos } : first;
  }

  private parseMath1(): Expr {
    let left = this.parseConcat();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next();
      left = { t: 'binop', op: t.value as '+' | '-', left, right: this.parseConcat(), pos: t.pos };
    }
    return left;
  }

  private parseConcat(): Expr {
    const items = [this.parseMath2()];
    while (this.isOp('~')) {
      this.next();
      items.push(this.parseMath2());
    }
    return items.length === 1 ? items[0] : { t: 'concat', items };
  }

  private parseMath2(): Expr {
    let left = this.parsePow();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const t = this.next();
      left = { t: 'binop', op: t.value as '*', left, right: this.parsePow(), pos: t.pos };
    }
    return left;
  }

  private parsePow(): Expr {
    let left = this.parseUnary(true);
    while (this.isOp('**')) {
      const t = this.next();
      left = { t: 'binop', op: '**', left, right: this.parseUnary(true), pos: t.pos };
    }
    return left;
  }

  private parseUnary(withFilter: boolean): Expr {
    if (++this.depth > MAX_DEPTH) this.fail('expression is nested too deeply');
    try {
      const t = this.cur;
      let node: Expr;
      if (this.isOp('-') || this.isOp('+')) {
        this.next();
        node = { t: this.isOp('-', t) ? 'neg' : 'pos', node: this.parseUnary(false), pos: t.pos };
      } else node = this.parsePrimary();
      node = this.parsePostfix(node);
      if (withFilter) node = this.parseFilterExpr(node);
      return node;
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Expr {
    const tok = this.cur;
    if (tok.type === 'name') {
      this.next();
      const v = tok.value as string;
      if (v === 'true' || v === 'True') return { t: 'const', value: true };
      if (v === 'false' || v === 'False') return { t: 'const', value: false };
      if (v === 'none' || v === 'None') return { t: 'const', value: null };
      return { t: 'name', name: v, pos: tok.pos };
    }
    if (tok.type === 'string') {
      let s = '';
      while (this.cur.type === 'string') s += this.next().value as string;
      return { t: 'const', value: s };
    }
    if (tok.type === 'integer') {
      this.next();
      return { t: 'const', value: tok.value };
    }
    if (tok.type === 'float') {
      this.next();
      const n = tok.value as number;
      return { t: 'const', value: makeFloat(n) };
    }
    if (this.isOp('(')) {
      this.next();
      const inner = this.parseTuple({ withCondexpr: true, explicitParens: true });
      this.expectOp(')');
      return inner;
    }
    if (this.isOp('[')) {
      this.next();
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        if (items.length) this.expectOp(',');
        if (this.isOp(']')) break;
        items.push(this.parseExpression());
      }
      this.expectOp(']');
      return { t: 'list', items };
    }
    if (this.isOp('{')) {
      this.next();
      const items: [Expr, Expr][] = [];
      while (!this.isOp('}')) {
        if (items.length) this.expectOp(',');
        if (this.isOp('}')) break;
        const key = this.parseExpression();
        this.expectOp(':');
        items.push([key, this.parseExpression()]);
      }
      this.expectOp('}');
      return { t: 'dict', items };
    }
    this.fail(`unexpected ${q(describe(tok))}`);
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOp('.') || this.isOp('[')) node = this.parseSubscript(node);
      else if (this.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.isOp('|')) node = this.parseFilter(node, false)!;
      else if (this.isName('is')) node = this.parseTest(node);
      else if (this.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const tok = this.next();
    if (tok.value === '.') {
      const attr = this.next();
      if (attr.type === 'name') return { t: 'getattr', obj: node, attr: attr.value as string, pos: attr.pos };
      if (attr.type !== 'integer') this.fail('expected name or number', attr);
      return { t: 'getitem', obj: node, arg: { t: 'const', value: attr.value }, pos: attr.pos };
    }
    const args: Expr[] = [];
    while (!this.isOp(']')) {
      if (args.length) this.expectOp(',');
      args.push(this.parseSubscribed());
    }
    this.expectOp(']');
    return { t: 'getitem', obj: node, arg: args.length === 1 ? args[0] : { t: 'tuple', items: args }, pos: tok.pos };
  }

  private parseSubscribed(): Expr {
    let start: Expr | undefined;
    if (this.isOp(':')) this.next();
    else {
      const node = this.parseExpression();
      if (!this.isOp(':')) return node;
      this.next();
      start = node;
    }
    let stop: Expr | undefined;
    let step: Expr | undefined;
    if (!this.isOp(':') && !this.isOp(']') && !this.isOp(',')) stop = this.parseExpression();
    if (this.isOp(':')) {
      this.next();
      if (!this.isOp(']') && !this.isOp(',')) step = this.parseExpression();
    }
    return { t: 'slice', start, stop, step };
  }

  private parseCallArgs(): CallArgs {
    const open = this.expectOp('(');
    const out: CallArgs = { args: [], kwargs: [] };
    const ensure = (ok: boolean) => {
      if (!ok) this.fail('invalid syntax for function call expression', open);
    };
    let requireComma = false;
    while (!this.isOp(')')) {
      if (requireComma) {
        this.expectOp(',');
        if (this.isOp(')')) break;
      }
      if (this.isOp('*')) {
        ensure(!out.dynArgs && !out.dynKwargs);
        this.next();
        out.dynArgs = this.parseExpression();
      } else if (this.isOp('**')) {
        ensure(!out.dynKwargs);
        this.next();
        out.dynKwargs = this.parseExpression();
      } else if (this.cur.type === 'name' && this.isOp('=', this.look())) {
        ensure(!out.dynKwargs);
        const key = this.next().value as string;
        this.next();
        out.kwargs.push([key, this.parseExpression()]);
      } else {
        ensure(!out.dynArgs && !out.dynKwargs && out.kwargs.length === 0);
        out.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.expectOp(')');
    return out;
  }

  private parseCall(callee: Expr): Expr {
    const pos = this.cur.pos;
    return { t: 'call', callee, pos, ...this.parseCallArgs() };
  }

  private parseFilter(node: Expr | undefined, startInline: boolean): Expr | undefined {
    while (this.isOp('|') || startInline) {
      if (!startInline) this.next();
      startInline = false;
      const tok = this.expect('name');
      let name = tok.value as string;
      while (this.isOp('.')) {
        this.next();
        name += '.' + (this.expect('name').value as string);
      }
      if (!FILTER_NAMES.has(name)) this.unknownName ??= new JinjaError('TemplateAssertionError', `No filter named ${q(name)}.`, tok.pos);
      const call = this.isOp('(') ? this.parseCallArgs() : { args: [], kwargs: [] };
      node = { t: 'filter', node, name, pos: tok.pos, ...call };
    }
    return node;
  }

  private parseTest(node: Expr): Expr {
    this.next();
    const negated = this.skipName('not');
    const tok = this.expect('name');
    const name = tok.value as string;
    if (!TEST_NAMES.has(name)) this.unknownName ??= new JinjaError('TemplateAssertionError', `No test named ${q(name)}.`, tok.pos);
    let call: CallArgs = { args: [], kwargs: [] };
    const c = this.cur;
    if (this.isOp('(')) call = this.parseCallArgs();
    else if (
      (['name', 'string', 'integer', 'float'].includes(c.type) || this.isOp('[') || this.isOp('{')) &&
      !(c.type === 'name' && ['else', 'or', 'and'].includes(c.value as string))
    ) {
      if (this.isName('is')) this.fail('You cannot chain multiple tests with is');
      call = { args: [this.parsePostfix(this.parsePrimary())], kwargs: [] };
    }
    const test: Expr = { t: 'test', node, name, pos: tok.pos, ...call };
    return negated ? { t: 'not', node: test } : test;
  }
}

/**
 * Parses a template into statements; throws a located `TemplateSyntaxError` (a `JinjaError`). With `compile`
 * (the default) unknown filters and tests are errors too, as when Jinja2 compiles; without, only the grammar is
 * checked, as Mistral's upload-time validation (`env.parse`) does.
 */
export function parseTemplate(source: string, compile = true): Stmt[] {
  const parser = new Parser(tokenize(source, 'template'));
  const body = parser.parseTemplate();
  if (compile && parser.unknownName) throw parser.unknownName;
  return body;
}

/** Parses a bare expression, as Jinja2's `compile_expression` does (used for a string that is one `{{ }}`). */
export function parseExpression(source: string): Expr {
  const parser = new Parser(tokenize(source, 'expression'));
  const expr = parser.parseBareExpression();
  if (parser.unknownName) throw parser.unknownName;
  return expr;
}
