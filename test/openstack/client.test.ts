import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findEndpoint } from '../../activities/openstack/auth/catalog';
import { SERVICE_TYPES } from '../../activities/openstack/client/service-client';
import { versionDocumentUrls } from '../../activities/openstack/client/microversion';
import { startOpenStackSimulator, DEMO, type OpenStackSimulator } from '../sim/openstack/server';
import { runner } from './helpers';

let sim: OpenStackSimulator;
beforeAll(async () => {
  sim = await startOpenStackSimulator({ maxLimit: 2, transitionDelayMs: 20 });
});
afterAll(() => sim.close());
afterEach(() => void (sim.state.faults.length = 0)); // an unconsumed injected fault must not leak into the next test

const since = (mark: number) => sim.requests.slice(mark);

describe('REST client: pagination', () => {
  it('follows servers_links to the end when no limit is given', async () => {
    const r = runner(sim, { env: sim.env('admin') });
    const mark = sim.requests.length;
    const all = await r.run('nova.servers_list', { search_opts: { all_tenants: true } });
    expect(all.map((s: { name: string }) => s.name)).toEqual(['db-1', 'web-2', 'web-1', 'monitor', 'bastion']);
    const pages = since(mark).filter((q) => q.path.endsWith('/servers/detail'));
    expect(pages.map((q) => new URLSearchParams(q.query).get('marker'))).toEqual([null, DEMO.servers.web2, DEMO.servers.monitor]);
  });

  it('stops at the caller’s limit, and starts after the caller’s marker', async () => {
    const r = runner(sim, { env: sim.env('admin') });
    const three = await r.run('cinder.volumes_list', { search_opts: { all_tenants: 1 }, limit: 3, sort: 'name:asc' });
    expect(three.map((v: { name: string }) => v.name)).toEqual(['admin-vol', 'db-data', 'ops-logs']);
    const rest = await r.run('cinder.volumes_list', { search_opts: { all_tenants: 1 }, marker: three[2].id, sort: 'name:asc' });
    expect(rest.map((v: { name: string }) => v.name)).toEqual(['scratch', 'web-1-data']);
  });

  it('refuses to page forever: a page cap gives a clear error', async () => {
    const r = runner(sim, { env: sim.env('admin'), maxPages: 2 });
    const e = await r.fail('nova.servers_list', { search_opts: { all_tenants: 1 } });
    expect(e.message).toBe('NovaAction.servers_list failed: Listing /servers/detail stopped after 2 pages (4 items); narrow it with filters or use marker/limit');
  });

  it('reports an unknown marker as the API does', async () => {
    const e = await runner(sim).fail('cinder.volumes_list', { marker: 'nope' });
    expect(e.message).toMatch(/^CinderAction\.volumes_list failed: Invalid input received: marker \[nope\] not found \(HTTP 400\)/);
    expect(e.retryable).toBe(false);
  });
});

describe('REST client: microversions', () => {
  it('negotiates from the version document and sends OpenStack-API-Version on every call', async () => {
    const mark = sim.requests.length;
    await runner(sim).run('nova.servers_get', { server: DEMO.servers.web1 });
    await runner(sim).run('cinder.volumes_get', { volume_id: DEMO.volumes.scratch });
    const api = since(mark).filter((q) => q.authToken && !q.path.endsWith('/'));
    expect(api.map((q) => q.apiVersion)).toEqual(['compute 2.96', 'volume 3.71']);
  });

  it('uses the cloud’s maximum when it is older than ours, and the response shape follows', async () => {
    const old = await startOpenStackSimulator({ computeMaxVersion: '2.46', volumeMaxVersion: '3.40' });
    try {
      const r = runner(old);
      const s = await r.run('nova.servers_get', { server: DEMO.servers.web1 });
      expect(s.flavor).toEqual({ id: '2', links: [{ rel: 'bookmark', href: `${old.url}/compute/RegionOne/flavors/2` }] });
      expect(s.locked).toBe(false);
      expect('locked_reason' in s).toBe(false);
      expect(old.requests.filter((q) => q.apiVersion).map((q) => q.apiVersion)).toEqual(['compute 2.46']);
      const e = await r.fail('nova.servers_lock', { server: DEMO.servers.web1, reason: 'maintenance' });
      expect(e.message).toBe("NovaAction.servers_lock failed: 'reason' needs compute microversion 2.73 or later");
    } finally {
      await old.close();
    }
  });

  it('looks for the version document without the project id in the endpoint', () => {
    expect(versionDocumentUrls('http://h/volume/v3/8f1b2c3d4e5f40718293a4b5c6d7e8f9')).toEqual(['http://h/volume/v3/', 'http://h/volume/']);
    expect(versionDocumentUrls('http://h/compute/v2.1')).toEqual(['http://h/compute/v2.1/', 'http://h/compute/']);
  });
});

describe('REST client: catalog lookup', () => {
  const ep = (url: string, region = 'RegionOne', iface = 'public') => ({ interface: iface, region, region_id: region, url });
  it('accepts cinder as block-storage, volumev3 or block-store, in that order', () => {
    expect(findEndpoint([{ type: 'volumev3', endpoints: [ep('http://v3/')] }], SERVICE_TYPES.volume, 'public')).toBe('http://v3');
    expect(findEndpoint([{ type: 'block-store', endpoints: [ep('http://bs')] }], SERVICE_TYPES.volume, 'public')).toBe('http://bs');
    expect(findEndpoint([
      { type: 'volumev3', endpoints: [ep('http://v3')] },
      { type: 'block-storage', endpoints: [ep('http://block')] },
    ], SERVICE_TYPES.volume, 'public')).toBe('http://block');
  });
  it('matches interface and region', () => {
    const cat = [{ type: 'compute', endpoints: [ep('http://a', 'R1'), ep('http://b', 'R2'), ep('http://c', 'R2', 'internal')] }];
    expect(findEndpoint(cat, ['compute'], 'public', 'R2')).toBe('http://b');
    expect(findEndpoint(cat, ['compute'], 'internal')).toBe('http://c');
    expect(() => findEndpoint(cat, ['compute'], 'admin')).toThrow('admin endpoint for compute service not found');
  });
});

describe('REST client: errors', () => {
  it('maps 404 itemNotFound to a non-retryable error in Mistral’s words', async () => {
    const e = await runner(sim).fail('nova.servers_get', { server: 'x' });
    expect(e.message).toMatch(/^NovaAction\.servers_get failed: Instance x could not be found\. \(HTTP 404\) \(Request-ID: req-[0-9a-f-]+\)$/);
    expect(e.retryable).toBe(false);
  });

  it('maps 5xx (fault injection) to a retryable error, and the next call succeeds', async () => {
    const r = runner(sim);
    sim.injectFault({ service: 'volume', path: '/volumes/', status: 503, message: 'The server is currently unavailable. Please try again at a later time.' });
    const e = await r.fail('cinder.volumes_get', { volume_id: DEMO.volumes.scratch });
    expect(e.message).toMatch(/^CinderAction\.volumes_get failed: The server is currently unavailable\. Please try again at a later time\. \(HTTP 503\)/);
    expect(e.retryable).toBe(true);
    expect((await r.run('cinder.volumes_get', { volume_id: DEMO.volumes.scratch })).name).toBe('scratch');
  });

  it('maps a dropped connection to a retryable error for reads, not for creates', async () => {
    const r = runner(sim);
    await r.run('nova.servers_list');
    sim.injectFault({ service: 'compute', method: 'GET', path: '/servers/detail', drop: true });
    const read = await r.fail('nova.servers_list');
    expect(read.message).toMatch(/^NovaAction\.servers_list failed: Unable to establish connection to http:\/\/127\.0\.0\.1:\d+\/compute\/RegionOne\/v2\.1\/servers\/detail: /);
    expect(read.retryable).toBe(true);
    sim.injectFault({ service: 'volume', method: 'POST', path: '/volumes', drop: true });
    const create = await r.fail('cinder.volumes_create', { size: 1 });
    expect(create.retryable).toBe(false);
  });

  it('maps a refused connection to a retryable error', async () => {
    const closed = await startOpenStackSimulator();
    const port = closed.port;
    await closed.close();
    const r = runner(sim, { env: { ...sim.env('demo'), OS_AUTH_URL: `http://127.0.0.1:${port}/identity/v3` } });
    const e = await r.fail('nova.servers_list');
    expect(e.message).toBe(`NovaAction.servers_list failed: Unable to establish connection to http://127.0.0.1:${port}/identity/v3/auth/tokens: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(e.retryable).toBe(true);
  });

  it('maps 403 policy refusals and 409 conflicts to non-retryable errors', async () => {
    const r = runner(sim);
    const forbidden = await r.fail('nova.hypervisors_list');
    expect(forbidden.message).toMatch(/^NovaAction\.hypervisors_list failed: Policy doesn't allow os_compute_api:os-hypervisors:list-detail to be performed\. \(HTTP 403\)/);
    expect(forbidden.retryable).toBe(false);
    const conflict = await r.fail('nova.servers_start', { server: DEMO.servers.web1 });
    expect(conflict.message).toMatch(new RegExp(`^NovaAction\\.servers_start failed: Cannot 'start' instance ${DEMO.servers.web1} while it is in vm_state active \\(HTTP 409\\)`));
    expect(conflict.retryable).toBe(false);
  });
});
