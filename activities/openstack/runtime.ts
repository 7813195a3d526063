/**
 * The worker-side state shared by all OpenStack actions of one process: where configuration comes from (environment,
 * working directory, home), the token cache, the microversion cache, and the HTTP settings.
 */
import { homedir } from 'node:os';
import { TokenCache } from './auth/token-cache';
import type { FetchLike } from './client/http';
import { MicroversionNegotiator } from './client/microversion';

/** Options of `createOpenStackActions`; every field has a default suited to a worker process. */
export interface OpenStackActionsOptions {
  /** OS_* / OS_CLOUD / OS_CLIENT_CONFIG_FILE source (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Directory searched for `./clouds.yaml` (default `process.cwd()`). */
  cwd?: string;
  /** Home directory for `~/.config/openstack` (default `os.homedir()`). */
  home?: string;
  /** System-wide clouds.yaml directory (default `/etc/openstack`). */
  systemDir?: string;
  /** HTTP implementation (default global `fetch`). */
  fetch?: FetchLike;
  /** Clock used for token renewal, in ms (default `Date.now`). */
  now?: () => number;
  /** Renew tokens this long before expiry (default 5 min, capped at half the token's lifetime). */
  renewBeforeMs?: number;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Page cap of list calls (default 100 pages). */
  maxPages?: number;
}

/** Resolved runtime of the OpenStack actions. */
export interface OpenStackRuntime {
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
  systemDir?: string;
  fetch: FetchLike;
  timeoutMs: number;
  maxPages: number;
  tokens: TokenCache;
  microversions: MicroversionNegotiator;
}

/** Builds the runtime from options (see `OpenStackActionsOptions` for defaults). */
export function createRuntime(o: OpenStackActionsOptions = {}): OpenStackRuntime {
  const fetchImpl: FetchLike = o.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = o.timeoutMs ?? 60_000;
  return {
    env: o.env ?? process.env,
    cwd: o.cwd ?? process.cwd(),
    home: o.home ?? homedir(),
    systemDir: o.systemDir,
    fetch: fetchImpl,
    timeoutMs,
    maxPages: o.maxPages ?? 100,
    tokens: new TokenCache({ fetch: fetchImpl, now: o.now, renewBeforeMs: o.renewBeforeMs, timeoutMs }),
    microversions: new MicroversionNegotiator({ fetch: fetchImpl, timeoutMs }),
  };
}
