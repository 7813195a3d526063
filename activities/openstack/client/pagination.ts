/**
 * Listing a paginated collection to the end: follows the `<collection>_links` `next` link (re-issued against the
 * catalog endpoint with the link's marker, so a proxy-rewritten host does not matter) until a page has no next link
 * or comes back empty, or until the caller's `limit` is reached. A page cap stops runaway listings.
 */
import { OpenStackApiError } from './errors';
import type { Query, ServiceClient } from './service-client';

/** Limits of one listing. */
export interface ListOptions {
  /** At most this many items in all (the user's `limit`); undefined = everything. */
  limit?: number;
  /** Stop with an error after this many pages (default 100). */
  maxPages?: number;
}

/** Lists `path` (e.g. `/servers/detail`) collecting `body[key]` over all pages. */
export async function listAll(client: ServiceClient, path: string, key: string, query: Query, opts: ListOptions = {}): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const maxPages = opts.maxPages ?? 100;
  let q: Query = { ...query };
  if (opts.limit !== undefined) q.limit = opts.limit;
  for (let page = 1; ; page++) {
    const body = await client.get<Record<string, unknown>>(path, q);
    const items = body?.[key];
    if (!Array.isArray(items)) throw new OpenStackApiError(`Unexpected answer from ${path}: no '${key}' list`);
    out.push(...(items as Record<string, unknown>[]));
    if (opts.limit !== undefined && out.length >= opts.limit) return out.slice(0, opts.limit);
    const links = body[`${key}_links`];
    const next = Array.isArray(links) ? (links as { rel?: string; href?: string }[]).find((l) => l.rel === 'next')?.href : undefined;
    if (!next || items.length === 0) return out;
    if (page >= maxPages) {
      throw new OpenStackApiError(`Listing ${path} stopped after ${maxPages} pages (${out.length} items); narrow it with filters or use marker/limit`);
    }
    const marker = new URL(next, 'http://x').searchParams.get('marker');
    if (!marker) return out;
    q = { ...query, marker };
    if (opts.limit !== undefined) q.limit = opts.limit - out.length;
  }
}
