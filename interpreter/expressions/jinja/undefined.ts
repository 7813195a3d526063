/**
 * Jinja2's undefined values. Mistral renders with `StrictUndefined`: reading a missing variable or attribute gives
 * a value that raises `UndefinedError` as soon as it is printed, tested, iterated or computed with; only
 * `is defined`, `default` and friends may look at it.
 */
import { JinjaError } from './errors';
import { pyRepr } from '../pyrepr';
import { pyTypeName } from '../pyvalues';

export class JinjaUndefined {
  /** `strict` is false only for the value of an inline `if` without `else` (Jinja2 renders it as ''). */
  constructor(
    readonly hint: string,
    readonly strict = true,
  ) {}
  /** The `UndefinedError` this value raises when used. */
  error(): JinjaError {
    return new JinjaError('UndefinedError', this.hint);
  }
  pyStr(): string {
    if (this.strict) throw this.error();
    return '';
  }
  pyBool(): boolean {
    if (this.strict) throw this.error();
    return false;
  }
  pyRepr(): string {
    return 'Undefined';
  }
  pyTypeName(): string {
    return this.strict ? 'StrictUndefined' : 'Undefined';
  }
}

/** `'x' is undefined`: a missing variable. */
export function undefinedName(name: string): JinjaUndefined {
  return new JinjaUndefined(`${pyRepr(name)} is undefined`);
}

/** Jinja2's `object_type_repr`: `dict object`, `None`, ... */
function objectTypeRepr(obj: unknown): string {
  if (obj === null || obj === undefined) return 'None';
  return `${pyTypeName(obj)} object`;
}

/** `'dict object' has no attribute 'x'` / `list object has no element 5`: a missing attribute or item. */
export function undefinedMember(obj: unknown, name: unknown): JinjaUndefined {
  if (typeof name !== 'string') return new JinjaUndefined(`${objectTypeRepr(obj)} has no element ${pyRepr(name)}`);
  return new JinjaUndefined(`${pyRepr(objectTypeRepr(obj))} has no attribute ${pyRepr(name)}`);
}

/** Throws if `v` is undefined (any operation but the few that accept it). */
export function ensureDefined<T>(v: T): T {
  if (v instanceof JinjaUndefined) throw v.error();
  return v;
}
