import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executionOverride, resolveCloudConfig } from '../../activities/openstack/auth/resolve';
import { authRequestBody } from '../../activities/openstack/auth/keystone';
import { emptyDir } from './helpers';

const CLOUDS = `clouds:
  prod:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: ops
      project_name: infra
      user_domain_name: Default
      project_domain_id: default
    region_name: RegionTwo
    interface: internal
  ci:
    auth_type: v3applicationcredential
    auth:
      auth_url: http://127.0.0.1:5000
      application_credential_id: abc
      application_credential_secret: s3cret
    regions: [RegionOne, RegionTwo]
`;
const SECURE = `clouds:
  prod:
    auth:
      password: from-secure-yaml
`;

function loc(env: Record<string, string> = {}, files: Record<string, string> = {}) {
  const cwd = emptyDir();
  const home = emptyDir();
  for (const [rel, text] of Object.entries(files)) {
    const path = join(rel.startsWith('~/') ? home : cwd, rel.replace(/^~\//, ''));
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  return { env, cwd, home, systemDir: emptyDir() };
}

describe('cloud configuration (clouds.yaml, OS_*, env.__openstack)', () => {
  it('reads OS_CLOUD from ./clouds.yaml and merges secure.yaml secrets', () => {
    const c = resolveCloudConfig(loc({ OS_CLOUD: 'prod' }, { 'clouds.yaml': CLOUDS, 'secure.yaml': SECURE }));
    expect(c).toMatchObject({
      name: 'prod', method: 'password', region_name: 'RegionTwo', interface: 'internal',
      auth: { username: 'ops', password: 'from-secure-yaml', project_name: 'infra' },
    });
  });

  it('finds ~/.config/openstack/clouds.yaml, and OS_CLIENT_CONFIG_FILE before the search path', () => {
    const l = loc({ OS_CLOUD: 'ci' }, { '~/.config/openstack/clouds.yaml': CLOUDS });
    const c = resolveCloudConfig(l);
    expect(c).toMatchObject({ method: 'application_credential', region_name: 'RegionOne', interface: 'public' });
    const other = join(emptyDir(), 'other.yaml');
    writeFileSync(other, CLOUDS.replace('RegionOne, RegionTwo', 'RegionThree'));
    expect(resolveCloudConfig({ ...l, env: { OS_CLOUD: 'ci', OS_CLIENT_CONFIG_FILE: other } }).region_name).toBe('RegionThree');
  });

  it('layers OS_* variables over the OS_CLOUD entry like the openstack CLI', () => {
    const c = resolveCloudConfig(loc({ OS_CLOUD: 'prod', OS_PASSWORD: 'typed', OS_REGION_NAME: 'RegionOne', OS_INTERFACE: 'public' }, { 'clouds.yaml': CLOUDS }));
    expect(c).toMatchObject({ auth: { username: 'ops', password: 'typed' }, region_name: 'RegionOne', interface: 'public' });
  });

  it('builds a password config from OS_* alone, and infers application credential and token auth', () => {
    const base = { OS_AUTH_URL: 'http://127.0.0.1:5000/v3' };
    expect(resolveCloudConfig(loc({ ...base, OS_USERNAME: 'u', OS_PASSWORD: 'p', OS_PROJECT_ID: 'p1' }))).toMatchObject({ name: 'envvars', method: 'password' });
    expect(resolveCloudConfig(loc({ ...base, OS_APPLICATION_CREDENTIAL_ID: 'i', OS_APPLICATION_CREDENTIAL_SECRET: 's' })).method).toBe('application_credential');
    expect(resolveCloudConfig(loc({ ...base, OS_TOKEN: 'tok', OS_PROJECT_NAME: 'demo' })).method).toBe('token');
    expect(resolveCloudConfig(loc({ ...base, OS_AUTH_TYPE: 'v3token', OS_TOKEN: 'tok' })).method).toBe('token');
  });

  it('says clearly what is missing', () => {
    expect(() => resolveCloudConfig(loc())).toThrow(
      'No OpenStack credentials configured: set OS_CLOUD (with a clouds.yaml) or OS_AUTH_URL and credentials for the worker, or pass env.__openstack to the execution',
    );
    expect(() => resolveCloudConfig(loc({ OS_AUTH_URL: 'http://x/v3', OS_USERNAME: 'u' }))).toThrow(
      'OpenStack auth settings incomplete in OS_* variables: missing password',
    );
    expect(() => resolveCloudConfig(loc({ OS_CLOUD: 'nope' }, { 'clouds.yaml': CLOUDS }))).toThrow(/Cloud 'nope' was not found in .*clouds\.yaml \(clouds: prod, ci\)/);
    expect(() => resolveCloudConfig(loc({ OS_CLOUD: 'prod' }))).toThrow(/Cloud 'prod' requested but no clouds.yaml found/);
    expect(() => resolveCloudConfig(loc({ OS_AUTH_URL: 'http://x', OS_AUTH_TYPE: 'v3oidcpassword', OS_USERNAME: 'u' }))).toThrow(/Unsupported auth_type 'v3oidcpassword'/);
  });

  it('lets env.__openstack pick another cloud or give auth inline, and action_region override the region', () => {
    const l = loc({ OS_CLOUD: 'prod', OS_PASSWORD: 'worker-pw' }, { 'clouds.yaml': CLOUDS });
    const ci = resolveCloudConfig(l, executionOverride({ env: { __openstack: { cloud: 'ci', region_name: 'RegionTwo' } } }));
    expect(ci).toMatchObject({ name: 'ci', method: 'application_credential', region_name: 'RegionTwo' });
    const inline = resolveCloudConfig(l, executionOverride({ env: { __openstack: { auth: { auth_url: 'http://k/v3', token: 't', project_id: 'p' }, interface: 'internal' } } }), 'RegionNine');
    expect(inline).toMatchObject({ name: 'env.__openstack', method: 'token', interface: 'internal', region_name: 'RegionNine' });
    expect(resolveCloudConfig(l, undefined, '').region_name).toBe('RegionTwo');
    expect(() => executionOverride({ env: { __openstack: 'prod' } })).toThrow('env.__openstack must be a mapping, got "prod"');
  });

  it('builds Keystone v3 auth bodies for password, application credential and token', () => {
    const pw = resolveCloudConfig(loc({ OS_AUTH_URL: 'http://k', OS_USERNAME: 'u', OS_PASSWORD: 'p', OS_PROJECT_NAME: 'demo', OS_USER_DOMAIN_ID: 'default', OS_PROJECT_DOMAIN_NAME: 'Default' }));
    expect(authRequestBody(pw)).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'u', domain: { id: 'default' }, password: 'p' } } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
    const ac = resolveCloudConfig(loc({ OS_AUTH_URL: 'http://k', OS_APPLICATION_CREDENTIAL_ID: 'i', OS_APPLICATION_CREDENTIAL_SECRET: 's' }));
    expect(authRequestBody(ac)).toEqual({ auth: { identity: { methods: ['application_credential'], application_credential: { id: 'i', secret: 's' } } } });
    const tok = resolveCloudConfig(loc({ OS_AUTH_URL: 'http://k', OS_TOKEN: 't', OS_PROJECT_ID: 'p' }));
    expect(authRequestBody(tok)).toEqual({ auth: { identity: { methods: ['token'], token: { id: 't' } }, scope: { project: { id: 'p' } } } });
  });
});
