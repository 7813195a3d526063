/**
 * YAQL contexts (yaql's `contexts.Context`): a chain of scopes holding `$name` variables and, when `def()` is
 * used, user functions. `$` and `$1` are the same variable. A missing variable reads as null.
 */
import type { FnDef } from './types';
import type { Engine } from './engine';

export class Context {
  readonly parent: Context | null;
  readonly engine: Engine;
  private data: Map<string, unknown> | null = null;
  /** Fast slot for `$1` (= `$`), the variable every lambda sets. */
  private v1: unknown = undefined;
  private hasV1 = false;
  /** Functions defined in this scope (by `def`). */
  funcs: Map<string, FnDef[]> | null = null;
  /** Nearest scope (self or ancestor) that defines functions. */
  funcScope: Context | null;

  constructor(engine: Engine, parent: Context | null) {
    this.engine = engine;
    this.parent = parent;
    this.funcScope = parent ? parent.funcScope : null;
  }

  static normalize(name: string): string {
    if (!name.startsWith('$')) name = '$' + name;
    return name === '$' ? '$1' : name;
  }

  child(): Context {
    return new Context(this.engine, this);
  }

  /** Reads a variable (`$`, `$x`, `$1`); undefined when no scope defines it. */
  lookup(name: string): unknown {
    const key = name === '$' || name === '$1' ? '$1' : Context.normalize(name);
    if (key === '$1') {
      for (let c: Context | null = this; c; c = c.parent) if (c.hasV1) return c.v1;
      return undefined;
    }
    for (let c: Context | null = this; c; c = c.parent) {
      if (c.data !== null && c.data.has(key)) return c.data.get(key);
    }
    return undefined;
  }

  get(name: string): unknown {
    const v = this.lookup(name);
    return v === undefined ? null : v;
  }

  set(name: string, value: unknown): void {
    const key = Context.normalize(name);
    if (key === '$1') {
      this.v1 = value;
      this.hasV1 = true;
      return;
    }
    if (this.data === null) this.data = new Map();
    this.data.set(key, value);
  }

  /** Registers a user function in this scope (it shadows outer definitions of the same name). */
  register(def: FnDef): void {
    if (this.funcs === null) this.funcs = new Map();
    const list = this.funcs.get(def.name) ?? [];
    list.push(def);
    this.funcs.set(def.name, list);
    this.funcScope = this;
  }
}
