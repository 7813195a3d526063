/**
 * Token caching per credentials: one Keystone token per distinct (auth_url, method, credentials, scope), reused until
 * it is about to expire, renewed before that, and dropped when a service rejects it (401).
 */
import { createHash } from 'node:crypto';
import type { FetchLike } from '../client/http';
import type { CloudConfig } from './config';
import { identityV3Url, requestToken, type KeystoneToken } from './keystone';

/** How the cache reaches Keystone and tells the time. */
export interface TokenCacheOptions {
  fetch: FetchLike;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
  /** Renew a token this long before it expires (default 5 minutes, or half its lifetime when that is shorter). */
  renewBeforeMs?: number;
  timeoutMs: number;
}

interface Entry {
  promise: Promise<KeystoneToken>;
  token?: KeystoneToken;
  obtainedAt: number;
}

/** A per-process token cache. */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly renewBeforeMs: number;
  constructor(private readonly opts: TokenCacheOptions) {
    this.now = opts.now ?? Date.now;
    this.renewBeforeMs = opts.renewBeforeMs ?? 5 * 60_000;
  }

  /** The cache key of a config: a hash, so secrets are not kept as map keys. */
  static keyOf(c: CloudConfig): string {
    const a = c.auth;
    const parts = [identityV3Url(a.auth_url!), c.method, a.user_id, a.username, a.user_domain_id, a.user_domain_name, a.domain_id,
      a.domain_name, a.password, a.project_id, a.project_name, a.project_domain_id, a.project_domain_name,
      a.application_credential_id, a.application_credential_name, a.application_credential_secret, a.token];
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  /** A valid token for the config: the cached one unless it is close to expiry, else a new one (shared by callers). */
  async get(c: CloudConfig, signal?: AbortSignal): Promise<KeystoneToken> {
    const key = TokenCache.keyOf(c);
    const cached = this.entries.get(key);
    if (cached && (!cached.token || !this.dueForRenewal(cached))) return cached.promise;
    const entry: Entry = { obtainedAt: this.now(), promise: requestToken(c, { fetch: this.opts.fetch, signal, timeoutMs: this.opts.timeoutMs }) };
    this.entries.set(key, entry);
    entry.promise.then(
      (t) => (entry.token = t),
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.promise;
  }

  /** Forgets `token` (a service answered 401 to it) so the next `get` authenticates again. */
  invalidate(c: CloudConfig, token: KeystoneToken): void {
    const key = TokenCache.keyOf(c);
    const cached = this.entries.get(key);
    if (cached?.token?.id === token.id) this.entries.delete(key);
  }

  /** Renew when less than the margin is left: 5 minutes by default, at most half the token's lifetime. */
  private dueForRenewal(e: Entry): boolean {
    const t = e.token!;
    const margin = Math.min(this.renewBeforeMs, (t.expiresAt - e.obtainedAt) / 2);
    return t.expiresAt - this.now() <= margin;
  }
}
