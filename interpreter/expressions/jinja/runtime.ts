/**
 * The Jinja2 evaluator: walks the tree of `ast.ts` with Python semantics, Jinja2's sandbox rules and Mistral's
 * `StrictUndefined`. Only data and the host functions handed in are reachable: attribute access reads own dict
 * keys and a fixed table of Python methods, never a JS property. Every loop iteration, call, filter and test
 * spends budget; built strings and collections are size-checked.
 */
import type { Budget } from '../budget';
import { bindArgs } from '../pyargs';
import {
  PyError, pyAdd, pyCompare, pyContains, pyEquals, pyFloorDiv, pyIter, pyLen, pyMod, pyMul, pyNeg, pyPow, pySub,
  pyTrueDiv, type Seq,
} from '../pyops';
import { pyRepr, pyStr } from '../pyrepr';
import { isTruthy } from '../truthiness';
import { PyCallable, PyRange, PyTuple, dictHas, isDict, isNumberLike, makeDict, numValue } from '../pyvalues';
import { percentFormat } from '../strformat';
import type { Expr, Stmt, Target } from './ast';
import { JinjaError } from './errors';
import { runBuiltinFilter } from './filters';
import { getMethod } from './methods';
import type { JinjaRuntime } from './runtime-api';
import { runTest } from './tests';
import { JinjaUndefined, ensureDefined, undefinedMember, undefinedName } from './undefined';

/** Jinja2's sandbox limit on `range()`. */
export const MAX_RANGE = 100_000;

/** A host filter: Mistral's functions used as `{{ value | json_dump }}` (value is passed as their context). */
export type HostFilter = (value: unknown, args: unknown[], kwargs: Record<string, unknown>) => unknown;

class Scope {
  readonly vars = new Map<string, unknown>();
  constructor(readonly parent?: Scope) {}
  lookup(name: string): unknown {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.vars.has(name)) return s.vars.get(name);
    }
    return undefinedName(name);
  }
}

/** `namespace(...)`: the one object whose attributes a template may assign (`{% set ns.count = 1 %}`). */
export class Namespace {
  constructor(readonly attrs: Record<string, unknown>) {}
  pyRepr(): string {
    return `<Namespace ${pyRepr(this.attrs)}>`;
  }
  pyTypeName(): string {
    return 'Namespace';
  }
}

/** The `loop` variable of a `{% for %}` block. */
class LoopContext {
  private lastChanged: unknown[] | undefined;
  constructor(
    private readonly rt: Runtime,
    readonly items: Seq,
    public index0: number,
  ) {}
  attr(name: string): unknown {
    const n = this.items.length;
    switch (name) {
      case 'index0': return this.index0;
      case 'index': return this.index0 + 1;
      case 'revindex': return n - this.index0;
      case 'revindex0': return n - this.index0 - 1;
      case 'first': return this.index0 === 0;
      case 'last': return this.index0 === n - 1;
      case 'length': return n;
      case 'depth': return 1;
      case 'depth0': return 0;
      case 'previtem': return this.index0 > 0 ? this.items.at(this.index0 - 1) : new JinjaUndefined('there is no previous item');
      case 'nextitem': return this.index0 < n - 1 ? this.items.at(this.index0 + 1) : new JinjaUndefined('there is no next item');
      case 'cycle':
        return new PyCallable('cycle', (args) => {
          if (!args.length) throw new PyError('TypeError', 'no items for cycling given');
          return args[this.index0 % args.length];
        }, 'LoopContext');
      case 'changed':
        return new PyCallable('changed', (args) => {
          const changed = !this.lastChanged || !pyEquals(this.lastChanged, args);
          this.lastChanged = args;
          return changed;
        }, 'LoopContext');
      default:
        return undefinedMember(this, name);
    }
  }
  pyRepr(): string {
    return `<LoopContext ${this.index0 + 1}/${this.items.length}>`;
  }
  pyTypeName(): string {
    return 'LoopContext';
  }
}

/** A `{% macro %}`: calling it renders its body to a string. */
class Macro {
  constructor(
    readonly rt: Runtime,
    readonly def: Extract<Stmt, { t: 'macro' }>,
    readonly scope: Scope,
  ) {}
  call(args: unknown[], kwargs: Record<string, unknown>): string {
    const params = this.def.params.map(([name, dflt]) =>
      dflt ? ([name, undefined] as [string, unknown]) : name,
    );
    const values = bindArgs(this.def.name, params, args, kwargs);
    const scope = new Scope(this.scope);
    this.def.params.forEach(([name, dflt], i) => {
      scope.vars.set(name, values[i] === undefined && dflt ? this.rt.eval(dflt, scope) : values[i]);
    });
    return this.rt.renderToString(this.def.body, scope);
  }
  pyRepr(): string {
    return `<Macro '${this.def.name}'>`;
  }
}

interface SliceValue {
  slice: true;
  start: unknown;
  stop: unknown;
  step: unknown;
}

function sliceIndices(len: number, s: SliceValue): number[] {
  const idx = (v: unknown, name: string): number | null => {
    if (v === null || v === undefined) return null;
    if (!isNumberLike(v) || !Number.isInteger(numValue(v))) {
      throw new PyError('TypeError', `slice indices must be integers or None or have an __index__ method${name ? '' : ''}`);
    }
    return numValue(v);
  };
  const step = idx(s.step, 'step') ?? 1;
  if (step === 0) throw new PyError('ValueError', 'slice step cannot be zero');
  const norm = (v: number | null, dflt: number, lo: number, hi: number) => {
    if (v === null) return dflt;
    if (v < 0) v += len;
    return Math.min(Math.max(v, lo), hi);
  };
  const out: number[] = [];
  if (step > 0) {
    const start = norm(idx(s.start, 'start'), 0, 0, len);
    const stop = norm(idx(s.stop, 'stop'), len, 0, len);
    for (let i = start; i < stop; i += step) out.push(i);
  } else {
    const start = norm(idx(s.start, 'start'), len - 1, -1, len - 1);
    const stop = norm(idx(s.stop, 'stop'), -1, -1, len - 1);
    for (let i = start; i > stop; i += step) out.push(i);
  }
  return out;
}

export interface RuntimeOptions {
  budget: Budget;
  /** Top-level variables (`_`, `__env`, ...). */
  vars: Record<string, unknown>;
  /** Global callables (Mistral's functions, bound to the data context). */
  functions?: Record<string, PyCallable>;
  /** Mistral's functions registered as filters. */
  filters?: Record<string, HostFilter>;
}

/** One render or evaluation: owns the scope chain, the budget and the output size. */
export class Runtime implements JinjaRuntime {
  readonly budget: Budget;
  private readonly root: Scope;
  private readonly filters: Record<string, HostFilter>;
  private outputSize = 0;

  constructor(opts: RuntimeOptions) {
    this.budget = opts.budget;
    this.filters = opts.filters ?? {};
    const globals = new Scope();
    for (const [k, v] of Object.entries(this.globals())) globals.vars.set(k, v);
    for (const [k, v] of Object.entries(opts.functions ?? {})) globals.vars.set(k, v);
    this.root = new Scope(globals);
    for (const [k, v] of Object.entries(opts.vars)) this.root.vars.set(k, v);
  }

  private globals(): Record<string, unknown> {
    return {
      range: new PyCallable('range', (args, kwargs) => {
        if (Object.keys(kwargs).length) throw new PyError('TypeError', 'range() takes no keyword arguments');
        if (args.length < 1 || args.length > 3) throw new PyError('TypeError', `range expected at most 3 arguments, got ${args.length}`);
        const nums = args.map((a) => {
          if (!isNumberLike(a) || !Number.isInteger(numValue(a))) {
            throw new PyError('TypeError', `'${typeof a === 'string' ? 'str' : 'float'}' object cannot be interpreted as an integer`);
          }
          return numValue(a);
        });
        const [start, stop, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
        if (step === 0) throw new PyError('ValueError', 'range() arg 3 must not be zero');
        const r = new PyRange(start, stop, step);
        if (r.length > MAX_RANGE) {
          throw new PyError('OverflowError', `Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`);
        }
        return r;
      }),
      dict: new PyCallable('dict', (args, kwargs) => {
        const base = args.length ? args[0] : {};
        if (!isDict(base)) throw new PyError('TypeError', 'dict() argument must be a mapping');
        return makeDict([...Object.entries(base), ...Object.entries(kwargs)]);
      }),
      namespace: new PyCallable('namespace', (args, kwargs) => {
        const base = args.length && isDict(args[0]) ? args[0] : {};
        return new Namespace(makeDict([...Object.entries(base), ...Object.entries(kwargs)]));
      }),
      joiner: new PyCallable('joiner', (args, kwargs) => {
        const [sep] = bindArgs('joiner', [['sep', ', ']], args, kwargs);
        let used = false;
        return new PyCallable('joiner', () => {
          if (!used) {
            used = true;
            return '';
          }
          return sep;
        });
      }),
    };
  }

  // ---- rendering -------------------------------------------------------------------------------------------

  /** Renders a template to text. */
  render(body: Stmt[]): string {
    return this.renderToString(body, this.root);
  }

  /** Evaluates a bare expression (Jinja2's `compile_expression`): the Python value, not text. */
  evaluate(expr: Expr): unknown {
    return this.eval(expr, this.root);
  }

  renderToString(body: Stmt[], scope: Scope): string {
    const out: string[] = [];
    this.exec(body, scope, out);
    return out.join('');
  }

  private write(out: string[], text: string): void {
    this.outputSize += text.length;
    this.budget.size(this.outputSize);
    out.push(text);
  }

  private exec(body: Stmt[], scope: Scope, out: string[]): void {
    for (const st of body) {
      switch (st.t) {
        case 'data':
          this.write(out, st.text);
          break;
        case 'print':
          this.write(out, this.str(this.eval(st.expr, scope)));
          break;
        case 'if':
          this.exec(this.truthy(this.eval(st.test, scope)) ? st.body : st.else_, scope, out);
          break;
        case 'for':
          this.execFor(st, scope, out);
          break;
        case 'assign':
          this.assign(st.target, this.eval(st.value, scope), scope);
          break;
        case 'assignBlock': {
          let value: unknown = this.renderToString(st.body, scope);
          if (st.filter) value = this.applyFilterChain(st.filter, value, scope);
          this.assign(st.target, value, scope);
          break;
        }
        case 'with': {
          const inner = new Scope(scope);
          st.targets.forEach((t, i) => this.assign(t, this.eval(st.values[i], scope), inner));
          this.exec(st.body, inner, out);
          break;
        }
        case 'macro':
          scope.vars.set(st.name, new Macro(this, st, scope));
          break;
        case 'filterBlock':
          this.write(out, this.str(this.applyFilterChain(st.filter, this.renderToString(st.body, scope), scope)));
          break;
      }
    }
  }

  private execFor(st: Extract<Stmt, { t: 'for' }>, scope: Scope, out: string[]): void {
    const iterable = ensureDefined(this.eval(st.iter, scope));
    let seq = pyIter(iterable);
    if (st.filter) {
      const kept: unknown[] = [];
      const probe = new Scope(scope);
      for (let i = 0; i < seq.length; i++) {
        this.budget.tick();
        const item = seq.at(i);
        this.assign(st.target, item, probe);
        if (this.truthy(this.eval(st.filter, probe))) kept.push(item);
      }
      seq = { length: kept.length, at: (i) => kept[i] };
    }
    if (seq.length === 0) {
      this.exec(st.else_, scope, out);
      return;
    }
    const loop = new LoopContext(this, seq, 0);
    for (let i = 0; i < seq.length; i++) {
      this.budget.tick();
      const inner = new Scope(scope);
      loop.index0 = i;
      inner.vars.set('loop', loop);
      this.assign(st.target, seq.at(i), inner);
      this.exec(st.body, inner, out);
    }
  }

  private assign(target: Target, value: unknown, scope: Scope): void {
    if (target.t === 'name') {
      scope.vars.set(target.name, value);
      return;
    }
    if (target.t === 'nsref') {
      const ns = scope.lookup(target.name);
      if (!(ns instanceof Namespace)) throw new JinjaError('TemplateRuntimeError', 'cannot assign attribute on non-namespace object');
      Object.defineProperty(ns.attrs, target.attr, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const seq = pyIter(ensureDefined(value));
    const n = target.items.length;
    if (seq.length > n) throw new PyError('ValueError', `too many values to unpack (expected ${n})`);
    if (seq.length < n) throw new PyError('ValueError', `not enough values to unpack (expected ${n}, got ${seq.length})`);
    target.items.forEach((t, i) => this.assign(t, seq.at(i), scope));
  }

  // ---- expressions -----------------------------------------------------------------------------------------

  /** Python `str()` with Jinja2's rules (strict undefined raises). */
  str(value: unknown): string {
    return pyStr(value);
  }

  private truthy(value: unknown): boolean {
    return isTruthy(value);
  }

  eval(e: Expr, scope: Scope): unknown {
    switch (e.t) {
      case 'const':
        return e.value;
      case 'name':
        return scope.lookup(e.name);
      case 'list': {
        this.budget.size(e.items.length);
        return e.items.map((x) => this.eval(x, scope));
      }
      case 'tuple':
        return new PyTuple(e.items.map((x) => this.eval(x, scope)));
      case 'dict': {
        const entries: [string, unknown][] = [];
        for (const [k, v] of e.items) {
          const key = ensureDefined(this.eval(k, scope));
          if (typeof key !== 'string') {
            if (key !== null && typeof key === 'object') throw new PyError('TypeError', `unhashable type: '${Array.isArray(key) ? 'list' : 'dict'}'`);
          }
          entries.push([typeof key === 'string' ? key : pyStr(key), this.eval(v, scope)]);
        }
        return makeDict(entries);
      }
      case 'getattr':
        return this.getAttr(this.eval(e.obj, scope), e.attr);
      case 'getitem': {
        const obj = this.eval(e.obj, scope);
        if (e.arg.t === 'slice') {
          const s = e.arg;
          const ev = (x?: Expr) => (x ? ensureDefined(this.eval(x, scope)) : null);
          return this.getItem(obj, { slice: true, start: ev(s.start), stop: ev(s.stop), step: ev(s.step) } as SliceValue);
        }
        return this.getItem(obj, ensureDefined(this.eval(e.arg, scope)));
      }
      case 'slice':
        throw new JinjaError('TemplateSyntaxError', 'slice outside of a subscript');
      case 'call': {
        const callee = this.eval(e.callee, scope);
        const { args, kwargs } = this.evalArgs(e, scope);
        return this.call(callee, args, kwargs);
      }
      case 'filter': {
        const value = e.node ? this.eval(e.node, scope) : null;
        const { args, kwargs } = this.evalArgs(e, scope);
        return this.callFilter(e.name, value, args, kwargs);
      }
      case 'test': {
        const value = this.eval(e.node, scope);
        const { args, kwargs } = this.evalArgs(e, scope);
        return this.callTest(e.name, value, args, kwargs);
      }
      case 'not':
        return !this.truthy(this.eval(e.node, scope));
      case 'neg':
        return pyNeg(ensureDefined(this.eval(e.node, scope)));
      case 'pos': {
        const v = ensureDefined(this.eval(e.node, scope));
        if (!isNumberLike(v)) throw new PyError('TypeError', `bad operand type for unary +: '${pyRepr(v)}'`);
        return typeof v === 'boolean' ? (v ? 1 : 0) : v;
      }
      case 'binop': {
        const a = ensureDefined(this.eval(e.left, scope));
        const b = ensureDefined(this.eval(e.right, scope));
        switch (e.op) {
          case '+': return pyAdd(a, b, this.budget);
          case '-': return pySub(a, b);
          case '*': return pyMul(a, b, this.budget);
          case '/': return pyTrueDiv(a, b);
          case '//': return pyFloorDiv(a, b);
          case '%': return pyMod(a, b, percentFormat);
          case '**': return pyPow(a, b);
        }
        break;
      }
      case 'concat': {
        const s = e.items.map((x) => this.str(this.eval(x, scope))).join('');
        this.budget.size(s.length);
        return s;
      }
      case 'and': {
        const left = this.eval(e.left, scope);
        return this.truthy(left) ? this.eval(e.right, scope) : left;
      }
      case 'or': {
        const left = this.eval(e.left, scope);
        return this.truthy(left) ? left : this.eval(e.right, scope);
      }
      case 'compare': {
        let left = this.eval(e.first, scope);
        for (const [op, rightExpr] of e.ops) {
          const right = this.eval(rightExpr, scope);
          if (!this.compare(op, left, right)) return false;
          left = right;
        }
        return true;
      }
      case 'condexpr': {
        if (this.truthy(this.eval(e.test, scope))) return this.eval(e.then, scope);
        if (e.else_) return this.eval(e.else_, scope);
        return new JinjaUndefined('the inline if-expression evaluated to false and no else section was defined.', false);
      }
    }
    throw new JinjaError('TemplateRuntimeError', 'unknown expression');
  }

  private compare(op: string, a: unknown, b: unknown): boolean {
    if (op === '==' || op === '!=') {
      if (a instanceof JinjaUndefined || b instanceof JinjaUndefined) {
        const u = (a instanceof JinjaUndefined ? a : b) as JinjaUndefined;
        if (u.strict) throw u.error();
        const eq = a instanceof JinjaUndefined && b instanceof JinjaUndefined;
        return op === '==' ? eq : !eq;
      }
      return op === '==' ? pyEquals(a, b) : !pyEquals(a, b);
    }
    ensureDefined(a);
    ensureDefined(b);
    if (op === 'in') return pyContains(b, a);
    if (op === 'notin') return !pyContains(b, a);
    return pyCompare(op as '<', a, b);
  }

  private evalArgs(e: { args: Expr[]; kwargs: [string, Expr][]; dynArgs?: Expr; dynKwargs?: Expr }, scope: Scope) {
    const args = e.args.map((x) => this.eval(x, scope));
    const kwargs: Record<string, unknown> = {};
    const setKw = (k: string, v: unknown) => Object.defineProperty(kwargs, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of e.kwargs) setKw(k, this.eval(v, scope));
    if (e.dynArgs) {
      const seq = pyIter(ensureDefined(this.eval(e.dynArgs, scope)));
      for (let i = 0; i < seq.length; i++) args.push(seq.at(i));
    }
    if (e.dynKwargs) {
      const d = ensureDefined(this.eval(e.dynKwargs, scope));
      if (!isDict(d)) throw new PyError('TypeError', 'argument after ** must be a mapping');
      for (const k of Object.keys(d)) setKw(k, d[k]);
    }
    return { args, kwargs };
  }

  private applyFilterChain(filter: Expr, value: unknown, scope: Scope): unknown {
    if (filter.t !== 'filter') return value;
    const inner = filter.node ? this.applyFilterChain(filter.node, value, scope) : value;
    const { args, kwargs } = this.evalArgs(filter, scope);
    return this.callFilter(filter.name, inner, args, kwargs);
  }

  // ---- JinjaRuntime ----------------------------------------------------------------------------------------

  getAttr(obj: unknown, name: string): unknown {
    if (obj instanceof JinjaUndefined) throw obj.error();
    if (obj instanceof LoopContext) return obj.attr(name);
    if (obj instanceof Namespace) return dictHas(obj.attrs, name) ? obj.attrs[name] : undefinedMember(obj, name);
    const method = getMethod(this, obj, name);
    if (method) return method;
    if (isDict(obj) && dictHas(obj, name)) return obj[name];
    return undefinedMember(obj, name);
  }

  getItem(obj: unknown, key: unknown): unknown {
    if (obj instanceof JinjaUndefined) throw obj.error();
    if (key !== null && typeof key === 'object' && (key as SliceValue).slice === true) {
      return this.slice(obj, key as SliceValue);
    }
    if (isDict(obj)) {
      if (typeof key === 'string' && dictHas(obj, key)) return obj[key];
      if (typeof key === 'string') return getMethod(this, obj, key) ?? undefinedMember(obj, key);
      return undefinedMember(obj, key);
    }
    const seq = typeof obj === 'string' || Array.isArray(obj) || obj instanceof PyTuple || obj instanceof PyRange;
    if (seq && isNumberLike(key) && Number.isInteger(numValue(key))) {
      const s = pyIter(obj);
      let i = numValue(key);
      if (i < 0) i += s.length;
      return i >= 0 && i < s.length ? s.at(i) : undefinedMember(obj, key);
    }
    if (typeof key === 'string') return this.getAttr(obj, key);
    return undefinedMember(obj, key);
  }

  private slice(obj: unknown, s: SliceValue): unknown {
    if (typeof obj === 'string') {
      const chars = [...obj];
      return sliceIndices(chars.length, s).map((i) => chars[i]).join('');
    }
    if (Array.isArray(obj)) return sliceIndices(obj.length, s).map((i) => obj[i]);
    if (obj instanceof PyTuple) return new PyTuple(sliceIndices(obj.items.length, s).map((i) => obj.items[i]));
    if (obj instanceof PyRange) {
      const idx = sliceIndices(obj.length, s);
      if (!idx.length) return new PyRange(0, 0, 1);
      const step = idx.length > 1 ? idx[1] - idx[0] : 1;
      return new PyRange(obj.at(idx[0]), obj.at(idx[idx.length - 1]) + obj.step * step, obj.step * step);
    }
    return undefinedMember(obj, pyRepr(new PyTuple([s.start, s.stop, s.step])));
  }

  call(callee: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
    if (callee instanceof JinjaUndefined) throw callee.error();
    this.budget.tick();
    if (callee instanceof PyCallable) return callee.fn(args, kwargs);
    if (callee instanceof Macro) return callee.call(args, kwargs);
    throw new PyError('TypeError', `'${callee === null ? 'NoneType' : typeof callee === 'string' ? 'str' : pyTypeNameOf(callee)}' object is not callable`);
  }

  callFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
    if (Object.prototype.hasOwnProperty.call(this.filters, name)) {
      this.budget.tick();
      return this.filters[name](value, args, kwargs);
    }
    return runBuiltinFilter(this, name, value, args, kwargs);
  }

  callTest(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): boolean {
    return runTest(this, name, value, args, kwargs);
  }
}

function pyTypeNameOf(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  if (isDict(v)) return 'dict';
  return 'object';
}

export { pyLen };
