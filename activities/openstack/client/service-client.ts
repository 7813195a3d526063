/**
 * A typed REST client for one OpenStack service as one cloud config sees it: finds the endpoint in the token's
 * catalog, negotiates the microversion, sends `X-Auth-Token` and `OpenStack-API-Version`, and re-authenticates once
 * on a 401.
 */
import { findEndpoint } from '../auth/catalog';
import type { CloudConfig } from '../auth/config';
import type { TokenCache } from '../auth/token-cache';
import { OpenStackApiError } from './errors';
import { sendJson, type FetchLike, type HttpAnswer } from './http';
import { compareVersions, type MicroversionNegotiator, type ServiceKind } from './microversion';

/** Catalog service types per service, in lookup order. */
export const SERVICE_TYPES: Record<ServiceKind, readonly string[]> = {
  compute: ['compute'],
  volume: ['block-storage', 'volumev3', 'block-store'],
};

/** Query values: arrays repeat the key; null/undefined are left out; booleans read `True`/`False` as Python sends them. */
export type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>;

/** Builds `?a=1&b=2` (empty string when there is nothing). */
export function queryString(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
    else p.append(k, typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** What a service client needs from the action runtime. */
export interface ServiceClientDeps {
  tokens: TokenCache;
  microversions: MicroversionNegotiator;
  fetch: FetchLike;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Per-request options. */
export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Requires at least this microversion (a clear error otherwise, instead of a confusing 404). */
  minVersion?: string;
}

/** One service of one cloud, ready for requests. */
export class ServiceClient {
  private negotiated?: string;
  constructor(
    readonly service: ServiceKind,
    private readonly config: CloudConfig,
    private readonly deps: ServiceClientDeps,
  ) {}

  /** The negotiated microversion (negotiating on first use). */
  async version(): Promise<string> {
    if (!this.negotiated) {
      const token = await this.deps.tokens.get(this.config, this.deps.signal);
      const endpoint = this.endpointOf(token.catalog);
      this.negotiated = await this.deps.microversions.negotiate(this.service, endpoint, token.projectId, this.deps.signal);
    }
    return this.negotiated;
  }

  /** True when the negotiated microversion is at least `v`. */
  async atLeast(v: string): Promise<boolean> {
    return compareVersions(await this.version(), v) >= 0;
  }

  /** Sends a request to `<endpoint><path>`; HTTP errors throw `OpenStackApiError`. */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<HttpAnswer> {
    const version = await this.version();
    if (opts.minVersion && compareVersions(version, opts.minVersion) < 0) {
      throw new OpenStackApiError(`This call needs ${this.service} API microversion ${opts.minVersion} or later; the cloud offers ${version}`);
    }
    for (let attempt = 1; ; attempt++) {
      const token = await this.deps.tokens.get(this.config, this.deps.signal);
      const url = `${this.endpointOf(token.catalog)}${path}${queryString(opts.query)}`;
      try {
        return await sendJson({
          method,
          url,
          body: opts.body,
          headers: { 'X-Auth-Token': token.id, 'OpenStack-API-Version': `${this.service} ${version}` },
          fetch: this.deps.fetch,
          signal: this.deps.signal,
          timeoutMs: this.deps.timeoutMs,
        });
      } catch (e) {
        if (e instanceof OpenStackApiError && e.status === 401 && attempt === 1) {
          this.deps.tokens.invalidate(this.config, token);
          continue;
        }
        throw e;
      }
    }
  }

  /** GET returning the JSON body. */
  async get<T = Record<string, unknown>>(path: string, query?: Query): Promise<T> {
    return (await this.request('GET', path, { query })).body as T;
  }

  private endpointOf(catalog: Parameters<typeof findEndpoint>[0]): string {
    return findEndpoint(catalog, SERVICE_TYPES[this.service], this.config.interface, this.config.region_name);
  }
}
