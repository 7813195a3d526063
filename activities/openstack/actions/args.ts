/**
 * Reading action arguments the way python-*client methods accept them: a resource given as an ID or as an object
 * with an `id`, search options, list options.
 */
import { OpenStackApiError } from '../client/errors';
import type { Query } from '../client/service-client';

/** `base.getid()`: the `id` of an object, or the value itself (a string or number). */
export function idOf(value: unknown, param: string): string {
  if (typeof value === 'object' && value !== null && 'id' in value) return idOf((value as { id: unknown }).id, param);
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new OpenStackApiError(`'${param}' must be an ID or an object with an 'id', got ${JSON.stringify(value ?? null)}`);
}

/** Path segment for an ID. */
export function seg(value: unknown, param: string): string {
  return encodeURIComponent(idOf(value, param));
}

/**
 * `search_opts` as the clients send them: keys with falsy values are left out (Python `if val:`), except the
 * listed `keepFalse` keys (novaclient keeps `locked=False`).
 */
export function searchQuery(searchOpts: unknown, keepFalse: string[] = []): Query {
  if (searchOpts === null || searchOpts === undefined) return {};
  if (typeof searchOpts !== 'object' || Array.isArray(searchOpts)) {
    throw new OpenStackApiError(`'search_opts' must be a mapping, got ${JSON.stringify(searchOpts)}`);
  }
  const q: Query = {};
  for (const [k, v] of Object.entries(searchOpts as Record<string, unknown>)) {
    const falsy = v === null || v === undefined || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0);
    if (falsy && !(keepFalse.includes(k) && v === false)) continue;
    q[k] = typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  }
  return q;
}

/** A user `limit`: null/undefined/-1 mean "everything"; otherwise a non-negative integer. */
export function limitOf(value: unknown): number | undefined {
  if (value === null || value === undefined || value === -1) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new OpenStackApiError(`'limit' must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

/** Python `str()` of a scalar query value (`None`, `True`, `False`), as the clients format them into URLs. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return String(v);
}
