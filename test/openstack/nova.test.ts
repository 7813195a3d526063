import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenStackSimulator, DEMO, type OpenStackSimulator } from '../sim/openstack/server';
import { eventually, runner, type Runner } from './helpers';

let sim: OpenStackSimulator;
let demo: Runner;
let admin: Runner;
beforeAll(async () => {
  sim = await startOpenStackSimulator({ transitionDelayMs: 30 });
  demo = runner(sim, { env: sim.env('demo') });
  admin = runner(sim, { env: sim.env('admin') });
});
afterAll(() => sim.close());

const S = DEMO.servers;
const statusOf = async (id: string) => (await admin.run('nova.servers_get', { server: id })).status as string;
const lastCall = () => sim.requests.filter((q) => q.service === 'compute' && q.method !== 'GET').at(-1)!;

describe('nova.servers_list / get / find / findall', () => {
  it('returns server dicts with the API fields, addresses typed fixed/floating over several networks', async () => {
    const list = await demo.run('nova.servers_list');
    const db = list.find((s: { name: string }) => s.name === 'db-1');
    expect(db).toMatchObject({ id: S.db1, status: 'SHUTOFF', tenant_id: DEMO.projects.demo, 'OS-EXT-STS:vm_state': 'stopped', metadata: { role: 'db' } });
    expect(Object.keys(db.addresses)).toEqual(['private', 'storage']);
    const web1 = list.find((s: { name: string }) => s.name === 'web-1');
    expect(web1.addresses.private.map((a: Record<string, unknown>) => [a.addr, a['OS-EXT-IPS:type'], a.version])).toEqual([
      ['10.0.0.11', 'fixed', 4], ['fd5e:7a6b:5d2f:0:f816:3eff:fe00:11', 'fixed', 6], ['172.24.4.11', 'floating', 4],
    ]);
    expect(web1['os-extended-volumes:volumes_attached']).toEqual([{ id: DEMO.volumes.web1Data, delete_on_termination: false }]);
  });

  it('supports the upgrade_kernel seed’s expression: first fixed address of the first network', async () => {
    const list = await demo.run('nova.servers_list');
    const ips = list.map((s: { addresses: Record<string, { addr: string; 'OS-EXT-IPS:type': string }[]> }) =>
      s.addresses[Object.keys(s.addresses)[0]!]!.find((a) => a['OS-EXT-IPS:type'] === 'fixed')!.addr);
    expect(ips.sort()).toEqual(['10.0.0.11', '10.0.0.12', '10.0.0.13']);
  });

  it('passes search_opts as server-side filters, detailed=false gives id/name/links', async () => {
    expect((await demo.run('nova.servers_list', { search_opts: { status: 'ACTIVE' } })).map((s: { name: string }) => s.name).sort()).toEqual(['web-1', 'web-2']);
    expect((await demo.run('nova.servers_list', { search_opts: { name: '^web' } })).length).toBe(2);
    const brief = await demo.run('nova.servers_list', { detailed: false, search_opts: { name: 'db' } });
    expect(brief).toEqual([{ id: S.db1, name: 'db-1', links: expect.any(Array) }]);
    const all = await admin.run('nova.servers_list', { search_opts: { all_tenants: 1, project_id: DEMO.projects.ops } });
    expect(all.map((s: { name: string }) => s.name)).toEqual(['monitor']);
    expect(all[0]['OS-EXT-SRV-ATTR:host']).toBe('compute-1');
    const e = await demo.fail('nova.servers_list', { search_opts: { all_tenants: true } });
    expect(e.message).toMatch(/^NovaAction\.servers_list failed: Policy doesn't allow os_compute_api:servers:detail:get_all_tenants to be performed\. \(HTTP 403\)/);
  });

  it('sorts with sort_keys / sort_dirs and honours limit', async () => {
    const sorted = await demo.run('nova.servers_list', { sort_keys: ['display_name'], sort_dirs: ['asc'], limit: 2 });
    expect(sorted.map((s: { name: string }) => s.name)).toEqual(['db-1', 'web-1']);
  });

  it('servers_get takes an ID or an object with an id', async () => {
    expect((await demo.run('nova.servers_get', { server: S.web2 })).name).toBe('web-2');
    expect((await demo.run('nova.servers_get', { server: { id: S.web2, name: 'whatever' } })).name).toBe('web-2');
    const e = await demo.fail('nova.servers_get', { server: S.bastion });
    expect(e.message).toMatch(new RegExp(`^NovaAction\\.servers_get failed: Instance ${S.bastion} could not be found\\. \\(HTTP 404\\)`));
  });

  it('servers_find needs exactly one match on every given attribute', async () => {
    expect((await demo.run('nova.servers_find', { name: 'web-1' })).id).toBe(S.web1);
    expect((await demo.run('nova.servers_find', { id: S.db1, status: 'SHUTOFF' })).name).toBe('db-1');
    const none = await demo.fail('nova.servers_find', { id: S.db1, status: 'ACTIVE' });
    expect(none.message).toBe(`NovaAction.servers_find failed: No Server matching {'id': '${S.db1}', 'status': 'ACTIVE'}. (HTTP 404)`);
    expect(none.retryable).toBe(false);
    const many = await demo.fail('nova.servers_find', { status: 'ACTIVE' });
    expect(many.message).toBe("NovaAction.servers_find failed: NoUniqueMatch: Multiple Server matches found for {'status': 'ACTIVE'}, use an ID to be more specific.");
    expect((await demo.run('nova.servers_findall', { metadata: { role: 'web' } })).map((s: { name: string }) => s.name).sort()).toEqual(['web-1', 'web-2']);
    expect(await demo.run('nova.servers_findall', { name: 'web' })).toEqual([]); // exact match, not the server-side regex
  });
});

describe('nova server actions and state transitions', () => {
  it('reboot: SOFT by default, REBOOT then ACTIVE; void result []', async () => {
    expect(await demo.run('nova.servers_reboot', { server: S.web1 })).toEqual([]);
    expect(await statusOf(S.web1)).toBe('REBOOT');
    const e = await demo.fail('nova.servers_reboot', { server: S.web1 });
    expect(e.message).toMatch(new RegExp(`Cannot 'reboot' instance ${S.web1} while it is in task_state rebooting \\(HTTP 409\\)`));
    await eventually(async () => (await statusOf(S.web1)) === 'ACTIVE');
    await demo.run('nova.servers_reboot', { server: S.web1, reboot_type: 'HARD' });
    expect(await statusOf(S.web1)).toBe('HARD_REBOOT');
    await eventually(async () => (await statusOf(S.web1)) === 'ACTIVE');
    const bad = await demo.fail('nova.servers_reboot', { server: S.web1, reboot_type: 'GENTLE' });
    expect(bad.message).toMatch(/^NovaAction\.servers_reboot failed: Invalid input for field\/attribute type\. Value: GENTLE\./);
  });

  it('start/stop, pause/unpause, suspend/resume move through their states', async () => {
    await demo.run('nova.servers_start', { server: S.db1 });
    await eventually(async () => (await statusOf(S.db1)) === 'ACTIVE');
    await demo.run('nova.servers_pause', { server: S.db1 });
    await eventually(async () => (await statusOf(S.db1)) === 'PAUSED');
    const e = await demo.fail('nova.servers_suspend', { server: S.db1 });
    expect(e.message).toMatch(/Cannot 'suspend' instance .* while it is in vm_state paused \(HTTP 409\)/);
    await demo.run('nova.servers_unpause', { server: S.db1 });
    await eventually(async () => (await statusOf(S.db1)) === 'ACTIVE');
    await demo.run('nova.servers_suspend', { server: S.db1 });
    await eventually(async () => (await statusOf(S.db1)) === 'SUSPENDED');
    await demo.run('nova.servers_resume', { server: S.db1 });
    await eventually(async () => (await statusOf(S.db1)) === 'ACTIVE');
    await demo.run('nova.servers_stop', { server: S.db1 });
    await eventually(async () => (await statusOf(S.db1)) === 'SHUTOFF');
  });

  it('lock with a reason blocks the owner’s actions until unlock', async () => {
    await demo.run('nova.servers_lock', { server: S.web2, reason: 'maintenance' });
    const s = await demo.run('nova.servers_get', { server: S.web2 });
    expect([s.locked, s.locked_reason]).toEqual([true, 'maintenance']);
    const e = await demo.fail('nova.servers_stop', { server: S.web2 });
    expect(e.message).toMatch(new RegExp(`^NovaAction\\.servers_stop failed: Instance ${S.web2} is locked \\(HTTP 409\\)`));
    await demo.run('nova.servers_unlock', { server: S.web2 });
    expect((await demo.run('nova.servers_get', { server: S.web2 })).locked).toBe(false);
  });

  it('live_migrate (admin): MIGRATING then ACTIVE on another host; block_migration defaults to auto', async () => {
    expect(await admin.run('nova.servers_live_migrate', { server: S.web2 })).toEqual([]);
    expect(await statusOf(S.web2)).toBe('MIGRATING');
    await eventually(async () => (await statusOf(S.web2)) === 'ACTIVE');
    expect((await admin.run('nova.servers_get', { server: S.web2 }))['OS-EXT-SRV-ATTR:host']).toBe('compute-1');
    await admin.run('nova.servers_live_migrate', { server: S.web2, host: 'compute-2', block_migration: false });
    await eventually(async () => (await admin.run('nova.servers_get', { server: S.web2 }))['OS-EXT-SRV-ATTR:host'] === 'compute-2');
    const e = await demo.fail('nova.servers_live_migrate', { server: S.web2 });
    expect(e.message).toMatch(/^NovaAction\.servers_live_migrate failed: Policy doesn't allow os_compute_api:os-migrate-server:migrate_live to be performed\. \(HTTP 403\)/);
    const bad = await admin.fail('nova.servers_live_migrate', { server: S.web2, host: 'nowhere' });
    expect(bad.message).toMatch(/Compute host nowhere could not be found\. \(HTTP 400\)/);
  });

  it('migrate (admin): RESIZE then VERIFY_RESIZE; confirm_resize gives ACTIVE', async () => {
    await eventually(async () => (await statusOf(S.web2)) === 'ACTIVE');
    await admin.run('nova.servers_migrate', { server: S.web2 });
    expect(await statusOf(S.web2)).toBe('RESIZE');
    await eventually(async () => (await statusOf(S.web2)) === 'VERIFY_RESIZE');
    await admin.run('nova.servers_confirm_resize', { server: S.web2 });
    expect(await statusOf(S.web2)).toBe('ACTIVE');
  });

  it('set_meta merges and returns all metadata; update renames and sets a description', async () => {
    expect(await demo.run('nova.servers_set_meta', { server: S.web1, metadata: { owner: 'team-a' } })).toEqual({ role: 'web', owner: 'team-a' });
    const s = await demo.run('nova.servers_update', { server: S.web1, name: 'web-1a', description: 'front' });
    expect([s.name, s.description]).toEqual(['web-1a', 'front']);
    await demo.run('nova.servers_update', { server: S.web1, name: 'web-1' });
  });

  it('create: returns the id at once (BUILD), then ACTIVE with a fixed address; delete removes it', async () => {
    const created = await demo.run('nova.servers_create', { name: 'job-1', image: DEMO.images.cirros, flavor: '1', key_name: 'demo-key', meta: { job: '1' } });
    expect(Object.keys(created).sort()).toEqual(['OS-DCF:diskConfig', 'adminPass', 'id', 'links', 'security_groups']);
    expect(lastCall().apiVersion).toBe('compute 2.96');
    expect(await statusOf(created.id)).toBe('BUILD');
    await eventually(async () => (await statusOf(created.id)) === 'ACTIVE');
    const s = await demo.run('nova.servers_find', { id: created.id, status: 'ACTIVE' });
    expect(s.addresses.private[0]['OS-EXT-IPS:type']).toBe('fixed');
    expect(s.metadata).toEqual({ job: '1' });
    expect(await demo.run('nova.servers_delete', { server: created.id })).toEqual([]);
    await eventually(async () => (await demo.run('nova.servers_findall', { id: created.id })).length === 0);
    const e = await demo.fail('nova.servers_create', { name: 'x', image: DEMO.images.cirros, flavor: '999' });
    expect(e.message).toMatch(/^NovaAction\.servers_create failed: Flavor 999 could not be found\. \(HTTP 400\)/);
  });
});

describe('nova flavors, keypairs, hypervisors, services, availability zones', () => {
  it('flavors_list: public only by default, is_public=null lists all for admins; flavors_get/find', async () => {
    expect((await demo.run('nova.flavors_list')).map((f: { name: string }) => f.name)).toEqual(['m1.tiny', 'm1.small', 'm1.medium', 'm1.large']);
    expect((await admin.run('nova.flavors_list', { is_public: null })).length).toBe(5);
    expect((await demo.run('nova.flavors_list', { min_ram: 4096 })).map((f: { name: string }) => f.name)).toEqual(['m1.medium', 'm1.large']);
    const f = await demo.run('nova.flavors_get', { flavor: '2' });
    expect(f).toMatchObject({ id: '2', name: 'm1.small', ram: 2048, vcpus: 1, disk: 20, 'os-flavor-access:is_public': true });
    expect((await demo.run('nova.flavors_find', { name: 'm1.large' })).id).toBe('4');
    const e = await demo.fail('nova.flavors_get', { flavor: '999' });
    expect(e.message).toMatch(/^NovaAction\.flavors_get failed: Flavor 999 could not be found\. \(HTTP 404\)/);
  });

  it('keypairs_list returns the keypair dicts', async () => {
    expect(await demo.run('nova.keypairs_list')).toEqual([
      { name: 'demo-key', type: 'ssh', fingerprint: expect.stringMatching(/^SHA256:/), public_key: expect.stringMatching(/^ssh-ed25519 /) },
    ]);
  });

  it('hypervisors_list (admin) and availability_zones_list', async () => {
    const hv = await admin.run('nova.hypervisors_list');
    expect(hv.map((h: Record<string, unknown>) => [h.hypervisor_hostname, h.state, h.status])).toEqual([
      ['compute-1.example.org', 'up', 'enabled'], ['compute-2.example.org', 'up', 'enabled'],
    ]);
    expect(await demo.run('nova.availability_zones_list', { detailed: false })).toEqual([{ zoneName: 'nova', zoneState: { available: true }, hosts: null }]);
    const detail = await admin.run('nova.availability_zones_list');
    expect(detail.map((z: { zoneName: string }) => z.zoneName).sort()).toEqual(['internal', 'nova']);
  });

  it('services_disable(host, binary) / services_enable as in the seeds; services_list filters', async () => {
    const off = await admin.run('nova.services_disable', { host: 'compute-2', binary: 'nova-compute' });
    expect(off).toMatchObject({ host: 'compute-2', binary: 'nova-compute', status: 'disabled', id: 'c0000000-0000-4000-8000-000000000002' });
    const listed = await admin.run('nova.services_list', { binary: 'nova-compute' });
    expect(listed.map((s: Record<string, unknown>) => [s.host, s.status])).toEqual([['compute-1', 'enabled'], ['compute-2', 'disabled']]);
    const why = await admin.run('nova.services_disable_log_reason', { host: 'compute-2', binary: 'nova-compute', reason: 'kernel upgrade' });
    expect(why.disabled_reason).toBe('kernel upgrade');
    const on = await admin.run('nova.services_enable', { service_uuid: 'c0000000-0000-4000-8000-000000000002' });
    expect([on.status, on.disabled_reason]).toEqual(['enabled', null]);
    const e = await admin.fail('nova.services_disable', { host: 'compute-9', binary: 'nova-compute' });
    expect(e.message).toBe('NovaAction.services_disable failed: Service with host compute-9 and binary nova-compute could not be found. (HTTP 404)');
    const denied = await demo.fail('nova.services_list');
    expect(denied.message).toMatch(/Policy doesn't allow os_compute_api:os-services:list to be performed\. \(HTTP 403\)/);
  });

  it('services_disable before microversion 2.53 uses the legacy host/binary call', async () => {
    const old = await startOpenStackSimulator({ computeMaxVersion: '2.52' });
    try {
      const r = runner(old, { env: old.env('admin') });
      expect(await r.run('nova.services_disable', { host: 'compute-1', binary: 'nova-compute' })).toEqual({ host: 'compute-1', binary: 'nova-compute', status: 'disabled' });
      expect(old.requests.at(-1)!.path).toBe('/compute/RegionOne/v2.1/os-services/disable');
      expect((await r.run('nova.services_list', { host: 'compute-1', binary: 'nova-compute' }))[0].id).toBe(3);
    } finally {
      await old.close();
    }
  });
});
