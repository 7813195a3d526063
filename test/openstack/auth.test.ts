import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpenStackSimulator, DEMO, type OpenStackSimulator } from '../sim/openstack/server';
import { cloudsDir, emptyDir, runner } from './helpers';

let sim: OpenStackSimulator;
beforeAll(async () => {
  sim = await startOpenStackSimulator({ regions: ['RegionOne', 'RegionTwo'], transitionDelayMs: 20 });
});
afterAll(() => sim.close());
afterEach(() => void (sim.state.faults.length = 0)); // an unconsumed injected fault must not leak into the next test

const tokenRequests = () => sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/auth/tokens')).length;
const names = (list: { name: string }[]) => list.map((s) => s.name).sort();

describe('Keystone v3 auth against the simulator', () => {
  it('authenticates with a password from OS_* variables and lists only the project’s servers', async () => {
    const r = runner(sim, { env: sim.env('demo') });
    expect(names(await r.run('nova.servers_list'))).toEqual(['db-1', 'web-1', 'web-2']);
  });

  it('authenticates with an application credential from clouds.yaml (OS_CLOUD)', async () => {
    const dir = cloudsDir(sim);
    const r = runner(sim, { env: { OS_CLOUD: 'sim-appcred' }, cwd: dir });
    expect(names(await r.run('nova.servers_list'))).toEqual(['db-1', 'web-1', 'web-2']);
  });

  it('authenticates with an existing token (OS_TOKEN, v3token) scoped to a project', async () => {
    const res = await fetch(`${sim.authUrl}/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'alice', domain: { id: 'default' }, password: 'alice-secret' } } } } }),
    });
    const unscoped = res.headers.get('x-subject-token')!;
    const r = runner(sim, { env: { OS_AUTH_URL: sim.authUrl, OS_AUTH_TYPE: 'v3token', OS_TOKEN: unscoped, OS_PROJECT_NAME: 'ops', OS_PROJECT_DOMAIN_ID: 'default' } });
    expect(names(await r.run('nova.servers_list'))).toEqual(['monitor']);
  });

  it('reports bad credentials as Keystone’s 401, not retryable', async () => {
    const r = runner(sim, { env: { ...sim.env('demo'), OS_PASSWORD: 'wrong' } });
    const e = await r.fail('nova.servers_list');
    expect(e.message).toMatch(/^NovaAction\.servers_list failed: The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-[0-9a-f-]+\)$/);
    expect(e.data).toBe(e.message);
    expect(e.retryable).toBe(false);
  });

  it('caches one token per credentials and reuses it across actions', async () => {
    const r = runner(sim, { env: sim.env('demo') });
    const before = tokenRequests();
    await r.run('nova.servers_list');
    await r.run('cinder.volumes_list');
    await r.run('nova.flavors_list');
    expect(tokenRequests() - before).toBe(1);
    await r.run('nova.servers_list', {}, { env: { __openstack: { auth: { auth_url: sim.authUrl, username: 'alice', password: 'alice-secret', project_name: 'ops' } } } });
    expect(tokenRequests() - before).toBe(2);
  });

  it('renews a token shortly before it expires', async () => {
    let clock = Date.now();
    const r = runner(sim, { env: sim.env('demo'), now: () => clock, renewBeforeMs: 60_000 });
    const before = tokenRequests();
    await r.run('nova.servers_list');
    clock += 3600_000 - 120_000; // two minutes left: still fine
    await r.run('nova.servers_list');
    expect(tokenRequests() - before).toBe(1);
    clock += 90_000; // thirty seconds left: renew
    await r.run('nova.servers_list');
    expect(tokenRequests() - before).toBe(2);
  });

  it('re-authenticates once when a service answers 401 (token revoked or expired server-side)', async () => {
    const r = runner(sim, { env: sim.env('demo') });
    await r.run('nova.servers_list');
    sim.revokeTokens();
    const before = tokenRequests();
    expect(names(await r.run('nova.servers_list'))).toEqual(['db-1', 'web-1', 'web-2']);
    expect(tokenRequests() - before).toBe(1);
  });

  it('gives up after one re-authentication when the service keeps answering 401', async () => {
    const r = runner(sim, { env: sim.env('demo') });
    await r.run('nova.servers_list');
    sim.injectFault({ service: 'compute', path: '/servers/detail', status: 401, message: 'The request you have made requires authentication.', times: 2 });
    const e = await r.fail('nova.servers_list');
    expect(e.message).toMatch(/^NovaAction\.servers_list failed: The request you have made requires authentication\. \(HTTP 401\)/);
  });

  it('picks the catalog region from the cloud, from env.__openstack and from action_region', async () => {
    const r = runner(sim, { env: sim.env('demo') });
    expect(names(await r.run('nova.servers_list'))).toEqual(['db-1', 'web-1', 'web-2']);
    expect(names(await r.run('nova.servers_list', { action_region: 'RegionTwo' }))).toEqual(['web-r2']);
    expect(names(await r.run('nova.servers_list', {}, { env: { __openstack: { region_name: 'RegionTwo' } } }))).toEqual(['web-r2']);
    expect((await r.run('cinder.volumes_list', { action_region: 'RegionTwo' })).map((v: { id: string }) => v.id)).toEqual([DEMO.volumes.r2Vol]);
    const e = await r.fail('nova.servers_list', { action_region: 'RegionNine' });
    expect(e.message).toBe('NovaAction.servers_list failed: public endpoint for compute service in RegionNine region not found');
    expect(e.retryable).toBe(false);
  });

  it('uses the configured interface (internal endpoints)', async () => {
    const r = runner(sim, { env: { ...sim.env('demo'), OS_INTERFACE: 'internal' } });
    const mark = sim.requests.length;
    await r.run('cinder.volumes_list');
    const calls = sim.requests.slice(mark).filter((q) => q.service === 'volume' && q.path.includes('/volumes'));
    expect(calls.map((q) => q.interface)).toEqual(['internal']);
  });

  it('reports a missing configuration without calling anything', async () => {
    const home = emptyDir();
    const r = runner(sim, { env: {}, cwd: home, home });
    const e = await r.fail('cinder.volumes_get', { volume_id: 'x' });
    expect(e.message).toBe(
      'CinderAction.volumes_get failed: No OpenStack credentials configured: set OS_CLOUD (with a clouds.yaml) or OS_AUTH_URL and credentials for the worker, or pass env.__openstack to the execution',
    );
  });
});
