/**
 * Microversion parsing and marker/limit pagination shared by the simulated Nova and Cinder APIs.
 */
import { fault, type SimReply } from './http';

/** A microversion as `[major, minor]`. */
export type Version = [number, number];

/** Parses `2.53` into `[2, 53]`. */
export function parseVersion(v: string): Version | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** True when `v` is at least `min` (`'2.53'`). */
export function atLeast(v: Version, min: string): boolean {
  const [a, b] = parseVersion(min)!;
  return v[0] > a || (v[0] === a && v[1] >= b);
}

/**
 * Reads the requested microversion from `OpenStack-API-Version: <service> X.Y` (or `latest`); absent → `minV`.
 * Out of range → the 406 the real services return.
 */
export function requestedVersion(
  headers: Record<string, string | string[] | undefined>,
  service: 'compute' | 'volume',
  minV: string,
  maxV: string,
): Version | SimReply {
  const raw = headers['openstack-api-version'];
  const header = Array.isArray(raw) ? raw.join(',') : raw;
  let wanted: string | undefined;
  for (const part of (header ?? '').split(',')) {
    const [svc, ver] = part.trim().split(/\s+/);
    if (svc?.toLowerCase() === service && ver) wanted = ver;
  }
  if (!wanted && service === 'compute') {
    const legacy = headers['x-openstack-nova-api-version'];
    if (typeof legacy === 'string') wanted = legacy;
  }
  if (!wanted) return parseVersion(minV)!;
  if (wanted === 'latest') return parseVersion(maxV)!;
  const v = parseVersion(wanted);
  if (!v) return fault(400, `API Version String ${wanted} is of invalid format. Must be of format MajorNum.MinorNum.`);
  if (!atLeast(v, minV) || (v[0] === parseVersion(maxV)![0] && v[1] > parseVersion(maxV)![1]) || v[0] > parseVersion(maxV)![0]) {
    return fault(406, `Version ${wanted} is not supported by the API. Minimum is ${minV} and maximum is ${maxV}.`);
  }
  return v;
}

/** One page of a collection plus its `<collection>_links` (a `next` link when the page is full). */
export interface Page<T> {
  items: T[];
  links: { rel: 'next'; href: string }[] | undefined;
}

/**
 * Applies marker and limit as Nova and Cinder do: the page starts after the item whose id is `marker` (unknown →
 * 400 `marker [x] not found`), holds at most `min(limit, maxLimit)` items, and carries a `next` link (same query,
 * new marker) when it is full.
 */
export function paginate<T extends { id: string }>(
  all: T[],
  query: URLSearchParams,
  maxLimit: number,
  selfUrl: string,
  notFound: (marker: string) => SimReply = (m) => fault(400, `marker [${m}] not found`),
): Page<T> | SimReply {
  let start = 0;
  const marker = query.get('marker');
  if (marker) {
    const i = all.findIndex((x) => x.id === marker);
    if (i < 0) return notFound(marker);
    start = i + 1;
  }
  const rawLimit = query.get('limit');
  let limit = maxLimit;
  if (rawLimit !== null) {
    const n = Number(rawLimit);
    if (!Number.isInteger(n) || n < 0) return fault(400, `limit param must be an integer`);
    limit = Math.min(n, maxLimit);
  }
  const items = all.slice(start, start + limit);
  let links: Page<T>['links'];
  if (items.length > 0 && items.length === limit) {
    const q = new URLSearchParams(query);
    q.set('limit', String(limit));
    q.set('marker', items[items.length - 1]!.id);
    links = [{ rel: 'next', href: `${selfUrl}?${q.toString()}` }];
  }
  return { items, links };
}

/** Sorts by `key:dir` pairs (`dir` asc|desc), comparing strings and numbers; nulls first. */
export function sortBy<T>(items: T[], keys: { key: string; dir: 'asc' | 'desc' }[], get: (x: T, k: string) => unknown): T[] {
  return [...items].sort((a, b) => {
    for (const { key, dir } of keys) {
      const x = get(a, key);
      const y = get(b, key);
      if (x === y) continue;
      const c = x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1;
      return dir === 'asc' ? c : -c;
    }
    return 0;
  });
}

/** True when the reply object is an error reply rather than a value. */
export function isReply(x: unknown): x is SimReply {
  return typeof x === 'object' && x !== null && 'status' in x && typeof (x as SimReply).status === 'number';
}
