/** What filters, tests and methods may ask of the running template (kept apart to avoid import cycles). */
import type { Budget } from '../budget';

export interface JinjaRuntime {
  budget: Budget;
  /** Jinja2's `environment.getattr` (`obj.name`): Python attribute first, then item. */
  getAttr(obj: unknown, name: string): unknown;
  /** Jinja2's `environment.getitem` (`obj[key]`): item first, then attribute. */
  getItem(obj: unknown, key: unknown): unknown;
  callFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown;
  callTest(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): boolean;
  call(callee: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown;
  /** Python `str()` of a value, raising for strict undefined. */
  str(value: unknown): string;
}
