/** Python truthiness, the rule Mistral applies to transition guards, `if` blocks and `and`/`or`. */
import { PyDictView, PyFloat, PyRange, PyTuple, isDict } from './pyvalues';

/**
 * Python `bool(value)`: `None`, `False`, `0`, `0.0`, `''`, `[]`, `{}`, `()` and empty ranges are false; everything
 * else is true (NaN too). Objects with their own rule (Jinja's StrictUndefined raises) decide for themselves.
 */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (value instanceof PyTuple) return value.items.length > 0;
  if (value instanceof PyRange) return value.length > 0;
  if (value instanceof PyDictView) return Object.keys(value.dict).length > 0;
  const b = value as { pyBool?: () => boolean };
  if (typeof b.pyBool === 'function') return b.pyBool();
  return true;
}
