/**
 * Which cloud and credentials one action call uses. In order of precedence:
 * 1. the workflow env key `__openstack` (`{cloud}` naming a clouds.yaml cloud, or `{auth: {...}, auth_type}` given
 *    inline), with its optional `region_name` and `interface`;
 * 2. `OS_CLOUD` (a clouds.yaml cloud) with any OS_* variables layered over it, as the openstack CLI does;
 * 3. the OS_* variables alone.
 * The action's `action_region`, when non-empty, overrides the region in every case.
 */
import { authMethodOf, CloudConfigError, interfaceOf, validateCloudConfig, type CloudAuth, type CloudConfig } from './config';
import { loadCloudEntry, type CloudEntry, type ConfigLocation } from './clouds-yaml';
import { hasEnvAuth, settingsFromEnv } from './env-vars';

/** The `__openstack` workflow env value. */
export interface ExecutionOverride {
  cloud?: string;
  auth?: Record<string, unknown>;
  auth_type?: string;
  region_name?: string;
  interface?: string;
}

function authFrom(raw: Record<string, unknown> | undefined): CloudAuth {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (v !== null && v !== undefined && v !== '') out[k] = String(v);
  return out as CloudAuth;
}

function regionOf(entry: CloudEntry): string | undefined {
  if (entry.region_name) return String(entry.region_name);
  const first = entry.regions?.[0];
  return typeof first === 'string' ? first : first?.name;
}

/** Reads `__openstack` from a Mistral execution context (`execution.env.__openstack`), checking its shape. */
export function executionOverride(execution: Record<string, unknown>): ExecutionOverride | undefined {
  const env = execution.env;
  if (typeof env !== 'object' || env === null) return undefined;
  const o = (env as Record<string, unknown>).__openstack;
  if (o === undefined || o === null) return undefined;
  if (typeof o !== 'object' || Array.isArray(o)) throw new CloudConfigError(`env.__openstack must be a mapping, got ${JSON.stringify(o)}`);
  const v = o as Record<string, unknown>;
  if (v.auth !== undefined && (typeof v.auth !== 'object' || v.auth === null)) throw new CloudConfigError('env.__openstack.auth must be a mapping');
  for (const k of ['cloud', 'auth_type', 'region_name', 'interface']) {
    if (v[k] !== undefined && v[k] !== null && typeof v[k] !== 'string') throw new CloudConfigError(`env.__openstack.${k} must be a string`);
  }
  return v as ExecutionOverride;
}

/**
 * Resolves the cloud settings for one call (see the module comment for precedence). Throws a `CloudConfigError`
 * with a clear message when nothing usable is configured.
 */
export function resolveCloudConfig(loc: ConfigLocation, override?: ExecutionOverride, actionRegion?: unknown): CloudConfig {
  let config: CloudConfig;
  if (override?.auth) {
    const auth = authFrom(override.auth);
    config = { name: 'env.__openstack', method: authMethodOf(override.auth_type, auth), auth, interface: 'public' };
  } else if (override?.cloud) {
    const { entry } = loadCloudEntry(override.cloud, loc);
    const auth = authFrom(entry.auth);
    config = { name: override.cloud, method: authMethodOf(entry.auth_type, auth), auth, region_name: regionOf(entry), interface: interfaceOf(entry.interface) };
  } else {
    const envs = settingsFromEnv(loc.env);
    const cloudName = loc.env.OS_CLOUD;
    if (cloudName) {
      const { entry } = loadCloudEntry(cloudName, loc);
      const auth = { ...authFrom(entry.auth), ...envs.auth };
      config = {
        name: cloudName,
        method: authMethodOf(envs.auth_type ?? entry.auth_type, auth),
        auth,
        region_name: envs.region_name ?? regionOf(entry),
        interface: interfaceOf(envs.interface ?? entry.interface),
      };
    } else {
      if (!hasEnvAuth(envs)) {
        throw new CloudConfigError(
          'No OpenStack credentials configured: set OS_CLOUD (with a clouds.yaml) or OS_AUTH_URL and credentials for the worker, or pass env.__openstack to the execution',
        );
      }
      config = { name: 'envvars', method: authMethodOf(envs.auth_type, envs.auth), auth: envs.auth, region_name: envs.region_name, interface: interfaceOf(envs.interface) };
    }
  }
  if (override?.region_name) config.region_name = override.region_name;
  if (override?.interface) config.interface = interfaceOf(override.interface);
  if (typeof actionRegion === 'string' && actionRegion !== '') config.region_name = actionRegion;
  return validateCloudConfig(config);
}
