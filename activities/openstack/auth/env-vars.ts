/**
 * The OS_* environment variables the openstack CLI reads, mapped to clouds.yaml keys.
 */
import type { CloudAuth } from './config';

const AUTH_VARS: Record<string, keyof CloudAuth> = {
  OS_AUTH_URL: 'auth_url',
  OS_USERNAME: 'username',
  OS_USER_ID: 'user_id',
  OS_PASSWORD: 'password',
  OS_PROJECT_NAME: 'project_name',
  OS_TENANT_NAME: 'project_name',
  OS_PROJECT_ID: 'project_id',
  OS_TENANT_ID: 'project_id',
  OS_USER_DOMAIN_NAME: 'user_domain_name',
  OS_USER_DOMAIN_ID: 'user_domain_id',
  OS_PROJECT_DOMAIN_NAME: 'project_domain_name',
  OS_PROJECT_DOMAIN_ID: 'project_domain_id',
  OS_DOMAIN_NAME: 'domain_name',
  OS_DOMAIN_ID: 'domain_id',
  OS_APPLICATION_CREDENTIAL_ID: 'application_credential_id',
  OS_APPLICATION_CREDENTIAL_NAME: 'application_credential_name',
  OS_APPLICATION_CREDENTIAL_SECRET: 'application_credential_secret',
  OS_TOKEN: 'token',
};

/** What the OS_* variables say: auth keys plus auth_type, region and interface (only the ones that are set). */
export interface EnvSettings {
  auth: CloudAuth;
  auth_type?: string;
  region_name?: string;
  interface?: string;
}

/** Reads the OS_* variables from `env` (empty values count as unset). */
export function settingsFromEnv(env: Record<string, string | undefined>): EnvSettings {
  const auth: CloudAuth = {};
  for (const [name, key] of Object.entries(AUTH_VARS)) {
    const v = env[name];
    if (v !== undefined && v !== '' && auth[key] === undefined) auth[key] = v;
  }
  const pick = (name: string) => (env[name] ? env[name] : undefined);
  return {
    auth,
    auth_type: pick('OS_AUTH_TYPE'),
    region_name: pick('OS_REGION_NAME'),
    interface: pick('OS_INTERFACE') ?? pick('OS_ENDPOINT_TYPE'),
  };
}

/** True when the environment names any auth setting at all. */
export function hasEnvAuth(s: EnvSettings): boolean {
  return Object.keys(s.auth).length > 0;
}
