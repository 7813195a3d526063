/**
 * Keystone v3 authentication: builds the `POST /v3/auth/tokens` request for the password, application_credential
 * and token methods (project-scoped by id or by name + domain) and reads the token, its expiry and the catalog.
 */
import { OpenStackApiError } from '../client/errors';
import { sendJson, type FetchLike } from '../client/http';
import type { CloudAuth, CloudConfig } from './config';
import type { CatalogService } from './catalog';

/** A Keystone token with what the client needs from it. */
export interface KeystoneToken {
  id: string;
  /** Expiry, in ms since the epoch. */
  expiresAt: number;
  catalog: CatalogService[];
  projectId?: string;
  userId?: string;
}

/** `<auth_url>` normalized to the v3 root (`.../v3`), as keystoneauth would discover it. */
export function identityV3Url(authUrl: string): string {
  const u = authUrl.replace(/\/+$/, '');
  if (/\/v3$/.test(u)) return u;
  if (/\/v2\.0$/.test(u)) throw new OpenStackApiError(`Keystone v2.0 (${authUrl}) is not supported: use a v3 auth_url`);
  return `${u}/v3`;
}

function domain(id: string | undefined, name: string | undefined): Record<string, string> {
  return id ? { id } : { name: name ?? 'Default' };
}

function projectScope(a: CloudAuth): Record<string, unknown> | undefined {
  if (a.project_id) return { project: { id: a.project_id } };
  if (a.project_name) {
    return { project: { name: a.project_name, domain: domain(a.project_domain_id ?? a.domain_id, a.project_domain_name ?? a.domain_name) } };
  }
  return undefined;
}

/** The JSON body of `POST /v3/auth/tokens` for a cloud config. */
export function authRequestBody(c: CloudConfig): Record<string, unknown> {
  const a = c.auth;
  let identity: Record<string, unknown>;
  let scope: Record<string, unknown> | undefined;
  const user = () =>
    a.user_id ? { id: a.user_id } : { name: a.username, domain: domain(a.user_domain_id ?? a.domain_id, a.user_domain_name ?? a.domain_name) };
  if (c.method === 'password') {
    identity = { methods: ['password'], password: { user: { ...user(), password: a.password } } };
    scope = projectScope(a);
  } else if (c.method === 'application_credential') {
    const cred: Record<string, unknown> = { secret: a.application_credential_secret };
    if (a.application_credential_id) cred.id = a.application_credential_id;
    else Object.assign(cred, { name: a.application_credential_name, user: user() });
    identity = { methods: ['application_credential'], application_credential: cred };
  } else {
    identity = { methods: ['token'], token: { id: a.token } };
    scope = projectScope(a);
  }
  return { auth: scope ? { identity, scope } : { identity } };
}

/** Asks Keystone for a token. Keystone's own errors (401 bad credentials, ...) come back as `OpenStackApiError`s. */
export async function requestToken(c: CloudConfig, opts: { fetch: FetchLike; signal?: AbortSignal; timeoutMs: number }): Promise<KeystoneToken> {
  const url = `${identityV3Url(c.auth.auth_url!)}/auth/tokens`;
  const res = await sendJson({ method: 'POST', url, body: authRequestBody(c), fetch: opts.fetch, signal: opts.signal, timeoutMs: opts.timeoutMs });
  const id = res.headers.get('x-subject-token');
  const token = (res.body as { token?: Record<string, unknown> } | undefined)?.token;
  if (!id || !token) throw new OpenStackApiError(`Keystone at ${url} answered without a token`);
  const expiresAt = Date.parse(String(token.expires_at));
  return {
    id,
    expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt,
    catalog: Array.isArray(token.catalog) ? (token.catalog as CatalogService[]) : [],
    projectId: (token.project as { id?: string } | undefined)?.id,
    userId: (token.user as { id?: string } | undefined)?.id,
  };
}
