/**
 * `*_find` / `*_findall` as python-*client's ManagerWithFind does them: list, then keep the items whose attributes
 * all equal (Python `==`) the given ones; `find` needs exactly one match.
 */
import { OpenStackApiError } from '../client/errors';
import { pythonEquals, pythonRepr } from './python-repr';

/** Items whose every given attribute equals the wanted value (a missing attribute never matches). */
export function filterByAttrs(items: Record<string, unknown>[], attrs: Record<string, unknown>): Record<string, unknown>[] {
  const entries = Object.entries(attrs);
  return items.filter((it) => entries.every(([k, v]) => k in it && pythonEquals(it[k], v)));
}

/**
 * The single match: none → NotFound (`No Server matching {'id': 'x'}. (HTTP 404)`), several → NoUniqueMatch
 * (`Multiple Server matches found for {...}, use an ID to be more specific.`).
 */
export function exactlyOne(matches: Record<string, unknown>[], resource: string, attrs: Record<string, unknown>): Record<string, unknown> {
  if (matches.length === 0) throw new OpenStackApiError(`No ${resource} matching ${pythonRepr(attrs)}. (HTTP 404)`, { status: 404 });
  if (matches.length > 1) {
    throw new OpenStackApiError(`NoUniqueMatch: Multiple ${resource} matches found for ${pythonRepr(attrs)}, use an ID to be more specific.`);
  }
  return matches[0]!;
}
