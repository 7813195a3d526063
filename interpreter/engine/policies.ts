/**
 * Evaluated, type-checked policy values (§2.5). Each value may be an expression; a wrongly typed result is a
 * structural error with Mistral's message (`Invalid data type in RetryPolicy: 'x' is not of type 'integer'...`).
 */
import { pyRepr } from '../expressions/pyrepr';
import { isTruthy } from '../expressions/truthiness';
import { evalValue, type DataArg } from './evaluation';
import type { Runtime, TaskEx } from './state';

/** A policy value of the wrong type: structural, fails the task and the workflow. */
export class PolicyTypeError extends Error {}

/** Evaluates an integer policy field (seconds, counts); undefined/null → `dflt`. */
export function policyInt(
  rt: Runtime,
  t: TaskEx,
  value: unknown,
  policy: string,
  data: DataArg,
  dflt = 0,
): number {
  if (value === undefined || value === null) return dflt;
  const v = evalValue(rt, value, data, t);
  if (v === null || v === undefined) return dflt;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  const why = typeof v === 'number' && Number.isInteger(v) ? `${pyRepr(v)} is less than the minimum of 0` : `${pyRepr(v)} is not of type 'integer'`;
  throw new PolicyTypeError(
    `Invalid data type in ${policy}: ${why}. Value(s) can be shown after YAQL evaluating. If you use YAQL here, please correct it.`,
  );
}

/** Evaluates a boolean policy (`pause-before`, `fail-on`, `break-on`, `continue-on`) with Python truthiness. */
export function policyBool(rt: Runtime, t: TaskEx, value: unknown, data: DataArg): boolean {
  if (value === undefined || value === null) return false;
  return isTruthy(evalValue(rt, value, data, t));
}
