/**
 * Microversion negotiation: read the service's version document (unauthenticated `GET` of the endpoint's version
 * root) and use the highest version both sides know: `min(server max, CLIENT_MAX)`. When the document cannot be
 * read or announces no microversions, the documented defaults (the base versions every cloud has) are used.
 */
import { OpenStackApiError } from './errors';
import { sendJson, type FetchLike } from './http';

/** The services this client speaks, and their microversion header names. */
export type ServiceKind = 'compute' | 'volume';

/** The highest microversions whose response shapes this client (and its tests) know. */
export const CLIENT_MAX: Record<ServiceKind, string> = { compute: '2.96', volume: '3.71' };

/** Used when the version document is unreadable or announces no microversions. */
export const DEFAULT_VERSION: Record<ServiceKind, string> = { compute: '2.1', volume: '3.0' };

/** Compares `2.53` style versions (negative, zero, positive). */
export function compareVersions(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number) as [number, number];
  const [b1, b2] = b.split('.').map(Number) as [number, number];
  return a1 !== b1 ? a1 - b1 : a2 - b2;
}

/** Candidate version-document URLs for an endpoint: itself without a trailing project id, then its parent. */
export function versionDocumentUrls(endpoint: string, projectId?: string): string[] {
  let u = endpoint.replace(/\/+$/, '');
  const last = u.slice(u.lastIndexOf('/') + 1);
  if ((projectId && last === projectId) || /^[0-9a-f]{32}$/.test(last)) u = u.slice(0, u.lastIndexOf('/'));
  const parent = u.slice(0, u.lastIndexOf('/'));
  return [`${u}/`, `${parent}/`];
}

interface VersionInfo {
  id?: string;
  version?: string;
  min_version?: string;
  status?: string;
}

function pick(body: unknown, major: string): VersionInfo | undefined {
  const b = body as { version?: VersionInfo; versions?: VersionInfo[] | { values?: VersionInfo[] } } | undefined;
  if (b?.version && typeof b.version === 'object') return b.version;
  const list = Array.isArray(b?.versions) ? b!.versions : (b?.versions as { values?: VersionInfo[] } | undefined)?.values;
  if (!Array.isArray(list)) return undefined;
  return list.find((v) => v.id?.startsWith(`v${major}`) && v.version) ?? list.find((v) => v.id?.startsWith(`v${major}`));
}

/** Caches the negotiated version per endpoint URL. */
export class MicroversionNegotiator {
  private readonly cache = new Map<string, Promise<string>>();
  constructor(private readonly opts: { fetch: FetchLike; timeoutMs: number }) {}

  /**
   * The microversion to send to `endpoint`. Network failures propagate (they are retryable); an unreadable or
   * microversion-less document yields `DEFAULT_VERSION`.
   */
  negotiate(service: ServiceKind, endpoint: string, projectId?: string, signal?: AbortSignal): Promise<string> {
    const key = `${service} ${endpoint}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.discover(service, endpoint, projectId, signal);
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  private async discover(service: ServiceKind, endpoint: string, projectId?: string, signal?: AbortSignal): Promise<string> {
    const major = DEFAULT_VERSION[service].split('.')[0]!;
    for (const url of versionDocumentUrls(endpoint, projectId)) {
      let body: unknown;
      try {
        body = (await sendJson({ method: 'GET', url, fetch: this.opts.fetch, signal, timeoutMs: this.opts.timeoutMs })).body;
      } catch (e) {
        if (e instanceof OpenStackApiError && e.status !== undefined && e.status !== 300 && e.status < 500) continue;
        throw e;
      }
      const info = pick(body, major);
      if (!info) continue;
      if (!info.version) return DEFAULT_VERSION[service];
      const best = compareVersions(info.version, CLIENT_MAX[service]) < 0 ? info.version : CLIENT_MAX[service];
      if (info.min_version && compareVersions(best, info.min_version) < 0) {
        throw new OpenStackApiError(`The ${service} API at ${endpoint} requires microversion ${info.min_version} or later; this client supports up to ${CLIENT_MAX[service]}`);
      }
      return best;
    }
    return DEFAULT_VERSION[service];
  }
}
