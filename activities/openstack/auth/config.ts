/**
 * The settings one OpenStack action call authenticates with: an auth method and its credentials (the `auth:` block
 * of clouds.yaml), a region and an endpoint interface.
 */

/** The `auth:` block of a clouds.yaml cloud, with openstacksdk's key names. */
export interface CloudAuth {
  auth_url?: string;
  username?: string;
  user_id?: string;
  password?: string;
  project_name?: string;
  project_id?: string;
  user_domain_name?: string;
  user_domain_id?: string;
  project_domain_name?: string;
  project_domain_id?: string;
  /** Fallback for both user and project domain names (openstacksdk's `domain_name`). */
  domain_name?: string;
  domain_id?: string;
  application_credential_id?: string;
  application_credential_name?: string;
  application_credential_secret?: string;
  token?: string;
}

/** Keystone v3 auth methods supported here. */
export type AuthMethod = 'password' | 'application_credential' | 'token';

/** A resolved cloud: how to authenticate and which endpoints to use. */
export interface CloudConfig {
  /** The cloud's name in clouds.yaml, or `envvars` when built from OS_* variables. */
  name: string;
  method: AuthMethod;
  auth: CloudAuth;
  /** Catalog region; undefined = the first endpoint of the right interface. */
  region_name?: string;
  /** Endpoint interface: public (default), internal or admin. */
  interface: 'public' | 'internal' | 'admin';
}

const AUTH_TYPES: Record<string, AuthMethod> = {
  password: 'password',
  v3password: 'password',
  v3applicationcredential: 'application_credential',
  applicationcredential: 'application_credential',
  application_credential: 'application_credential',
  token: 'token',
  v3token: 'token',
};

/** Thrown for an unusable configuration; the message says what to fix. */
export class CloudConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudConfigError';
  }
}

/**
 * Picks the auth method from an `auth_type` (password, v3password, v3applicationcredential, token, v3token) or,
 * when there is none, from the credentials present (token → token; application credential → application_credential;
 * otherwise password), as the openstack CLI does.
 */
export function authMethodOf(authType: string | undefined, auth: CloudAuth): AuthMethod {
  if (authType) {
    const m = AUTH_TYPES[authType.toLowerCase()];
    if (!m) throw new CloudConfigError(`Unsupported auth_type '${authType}' (supported: ${Object.keys(AUTH_TYPES).join(', ')})`);
    return m;
  }
  if (auth.application_credential_secret) return 'application_credential';
  if (auth.token && !auth.password) return 'token';
  return 'password';
}

/** Normalizes an interface name (`publicURL` → public), defaulting to public. */
export function interfaceOf(value: string | undefined): CloudConfig['interface'] {
  const v = (value ?? 'public').toLowerCase().replace(/url$/, '');
  if (v !== 'public' && v !== 'internal' && v !== 'admin') {
    throw new CloudConfigError(`Unsupported interface '${value}' (use public, internal or admin)`);
  }
  return v;
}

/** Checks that a config has what its auth method needs; throws a `CloudConfigError` naming what is missing. */
export function validateCloudConfig(c: CloudConfig): CloudConfig {
  const a = c.auth;
  const where = c.name === 'envvars' ? 'OS_* variables' : `cloud '${c.name}'`;
  const missing: string[] = [];
  if (!a.auth_url) missing.push('auth_url');
  if (c.method === 'password') {
    if (!a.username && !a.user_id) missing.push('username or user_id');
    if (!a.password) missing.push('password');
  } else if (c.method === 'application_credential') {
    if (!a.application_credential_secret) missing.push('application_credential_secret');
    if (!a.application_credential_id && !(a.application_credential_name && (a.username || a.user_id))) {
      missing.push('application_credential_id (or application_credential_name with username)');
    }
  } else if (!a.token) {
    missing.push('token');
  }
  if (missing.length) throw new CloudConfigError(`OpenStack auth settings incomplete in ${where}: missing ${missing.join(', ')}`);
  return c;
}
