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

const V = DEMO.volumes;
const names = (l: { name: string }[]) => l.map((x) => x.name).sort();
const volStatus = async (id: string) => (await admin.run('cinder.volumes_get', { volume_id: id })).status as string;

describe('cinder.volumes_*', () => {
  it('volumes_list: own project by default; all_tenants and project_id as in the cinder_backup seed', async () => {
    expect(names(await demo.run('cinder.volumes_list'))).toEqual(['db-data', 'scratch', 'web-1-data']);
    expect(names(await admin.run('cinder.volumes_list', { search_opts: { all_tenants: 1 } }))).toEqual(['admin-vol', 'db-data', 'ops-logs', 'scratch', 'web-1-data']);
    const ops = await admin.run('cinder.volumes_list', { search_opts: { all_tenants: 1, project_id: DEMO.projects.ops } });
    expect(ops.map((v: { id: string }) => v.id)).toEqual([V.opsLogs]);
    expect(names(await demo.run('cinder.volumes_list', { search_opts: { all_tenants: 1 } }))).toEqual(['db-data', 'scratch', 'web-1-data']);
    expect(names(await demo.run('cinder.volumes_list', { search_opts: { status: 'in-use' } }))).toEqual(['web-1-data']);
    const brief = await demo.run('cinder.volumes_list', { detailed: false, limit: 1, sort: 'name:asc' });
    expect(brief).toEqual([{ id: V.dbData, name: 'db-data', links: expect.any(Array) }]);
  });

  it('volumes_get returns the volume dict; 404 otherwise', async () => {
    const v = await demo.run('cinder.volumes_get', { volume_id: V.web1Data });
    expect(v).toMatchObject({ id: V.web1Data, name: 'web-1-data', status: 'in-use', size: 10, bootable: 'false', 'os-vol-tenant-attr:tenant_id': DEMO.projects.demo });
    expect(v.attachments[0]).toMatchObject({ server_id: DEMO.servers.web1, device: '/dev/vdb' });
    const e = await demo.fail('cinder.volumes_get', { volume_id: V.opsLogs });
    expect(e.message).toMatch(new RegExp(`^CinderAction\\.volumes_get failed: Volume ${V.opsLogs} could not be found\\. \\(HTTP 404\\)`));
    expect(e.retryable).toBe(false);
  });

  it('volumes_find / findall compare every attribute', async () => {
    expect((await demo.run('cinder.volumes_find', { id: V.scratch, status: 'available' })).name).toBe('scratch');
    const e = await demo.fail('cinder.volumes_find', { id: V.scratch, status: 'in-use' });
    expect(e.message).toBe(`CinderAction.volumes_find failed: No Volume matching {'id': '${V.scratch}', 'status': 'in-use'}. (HTTP 404)`);
    expect(names(await demo.run('cinder.volumes_findall', { status: 'available' }))).toEqual(['db-data', 'scratch']);
  });

  it('volumes_create (creating → available), extend, set_metadata, delete', async () => {
    const v = await demo.run('cinder.volumes_create', { size: 2, name: 'tmp', metadata: { a: '1' } });
    expect(v).toMatchObject({ name: 'tmp', size: 2, status: 'creating', volume_type: 'lvmdriver-1', metadata: { a: '1' } });
    await eventually(async () => (await volStatus(v.id)) === 'available');
    const early = await demo.fail('cinder.volumes_extend', { volume: v.id, new_size: 2 });
    expect(early.message).toMatch(/^CinderAction\.volumes_extend failed: Invalid input received: New size for extend must be greater than current size\. \(current: 2, extended: 2\)\. \(HTTP 400\)/);
    expect(await demo.run('cinder.volumes_extend', { volume: v, new_size: 4 })).toEqual([]);
    expect(await volStatus(v.id)).toBe('extending');
    await eventually(async () => (await demo.run('cinder.volumes_get', { volume_id: v.id })).size === 4);
    expect(await demo.run('cinder.volumes_set_metadata', { volume: v.id, metadata: { b: '2' } })).toEqual({ a: '1', b: '2' });
    expect(await demo.run('cinder.volumes_delete', { volume: v.id })).toEqual([]);
    await eventually(async () => (await demo.run('cinder.volumes_findall', { id: v.id })).length === 0);
    const typeErr = await demo.fail('cinder.volumes_create', { size: 1, volume_type: 'gold' });
    expect(typeErr.message).toMatch(/^CinderAction\.volumes_create failed: Volume type with name gold could not be found\. \(HTTP 404\)/);
  });

  it('volumes_delete refuses attached volumes and volumes with snapshots unless cascade', async () => {
    const attached = await demo.fail('cinder.volumes_delete', { volume: V.web1Data });
    expect(attached.message).toMatch(/^CinderAction\.volumes_delete failed: Invalid volume: Volume status must be available or error/);
    const withSnap = await demo.fail('cinder.volumes_delete', { volume: V.dbData });
    expect(withSnap.message).toMatch(/must not be migrating, attached, belong to a group, have snapshots/);
  });

  it('volumes_reset_state is admin-only and sets the state at once', async () => {
    const denied = await demo.fail('cinder.volumes_reset_state', { volume: V.scratch, state: 'error' });
    expect(denied.message).toMatch(/Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed\. \(HTTP 403\)/);
    expect(await admin.run('cinder.volumes_reset_state', { volume: V.scratch, state: 'error' })).toEqual([]);
    expect(await volStatus(V.scratch)).toBe('error');
    await admin.run('cinder.volumes_reset_state', { volume: V.scratch, state: 'available' });
    const bad = await admin.fail('cinder.volumes_reset_state', { volume: V.scratch, state: 'sleepy' });
    expect(bad.message).toMatch(/^CinderAction\.volumes_reset_state failed: Invalid input for field\/attribute status\. Value: sleepy\./);
  });
});

describe('cinder snapshots, backups, restores (the cinder_backup workbook’s path)', () => {
  it('volume_snapshots_create needs force for an in-use volume; creating → available; delete', async () => {
    const refused = await demo.fail('cinder.volume_snapshots_create', { volume_id: V.web1Data, name: 'snap' });
    expect(refused.message).toMatch(new RegExp(`^CinderAction\\.volume_snapshots_create failed: Invalid volume: Volume ${V.web1Data} status must be available, but current status is: in-use\\. \\(HTTP 400\\)`));
    const snap = await demo.run('cinder.volume_snapshots_create', { volume_id: V.web1Data, force: true, name: 'snap', description: 'Temporaray snapshot created by Mistral for backup purpose' });
    expect(snap).toMatchObject({ volume_id: V.web1Data, name: 'snap', status: 'creating', size: 10 });
    await eventually(async () => (await demo.run('cinder.volume_snapshots_get', { snapshot_id: snap.id })).status === 'available');
    expect((await demo.run('cinder.volume_snapshots_list')).map((s: { name: string }) => s.name).sort()).toEqual(['db-data-daily', 'snap']);
    expect((await demo.run('cinder.volume_snapshots_find', { name: 'snap' })).id).toBe(snap.id);
    expect(await demo.run('cinder.volume_snapshots_delete', { snapshot: snap.id })).toEqual([]);
    await eventually(async () => (await demo.run('cinder.volume_snapshots_findall', { id: snap.id })).length === 0);
  });

  it('volume_snapshots_delete with force uses the admin os-force_delete action, even while creating', async () => {
    const snap = await demo.run('cinder.volume_snapshots_create', { volume_id: V.scratch, name: 'stuck' });
    const plain = await demo.fail('cinder.volume_snapshots_delete', { snapshot: snap.id });
    expect(plain.message).toMatch(/^CinderAction\.volume_snapshots_delete failed: Invalid snapshot: Volume Snapshot status must be available or error or error_deleting \(HTTP 400\)/);
    const denied = await demo.fail('cinder.volume_snapshots_delete', { snapshot: snap.id, force: true });
    expect(denied.message).toMatch(/Policy doesn't allow volume_extension:snapshot_admin_actions:force_delete to be performed\. \(HTTP 403\)/);
    expect(await admin.run('cinder.volume_snapshots_delete', { snapshot: snap.id, force: true })).toEqual([]);
    expect((await demo.run('cinder.volume_snapshots_get', { snapshot_id: snap.id })).status).toBe('deleting');
    await eventually(async () => (await demo.run('cinder.volume_snapshots_findall', { id: snap.id })).length === 0);
  });

  it('backups_create returns {id, links, name} at once; creating → available', async () => {
    const b = await demo.run('cinder.backups_create', { volume_id: V.dbData, name: 'nightly' });
    expect(Object.keys(b).sort()).toEqual(['id', 'links', 'name']);
    expect((await demo.run('cinder.backups_get', { backup_id: b.id })).status).toBe('creating');
    expect(await volStatus(V.dbData)).toBe('backing-up');
    await eventually(async () => (await demo.run('cinder.backups_get', { backup_id: b.id })).status === 'available');
    expect(await volStatus(V.dbData)).toBe('available');
    const got = await demo.run('cinder.backups_get', { backup_id: b.id });
    expect(got).toMatchObject({ volume_id: V.dbData, is_incremental: false, fail_reason: null, container: 'volumebackups', size: 20 });
  });

  it('backups_create from a snapshot, incremental: as the workbook calls it', async () => {
    const inc = await demo.run('cinder.backups_create', { volume_id: V.dbData, snapshot_id: DEMO.snapshots.dbDaily, incremental: true });
    await eventually(async () => (await demo.run('cinder.backups_get', { backup_id: inc.id })).status === 'available');
    expect((await demo.run('cinder.backups_get', { backup_id: inc.id })).is_incremental).toBe(true);
    const none = await demo.fail('cinder.backups_create', { volume_id: V.scratch, incremental: true });
    expect(none.message).toMatch(/^CinderAction\.backups_create failed: Invalid backup: No backups available to do an incremental backup\. \(HTTP 400\)/);
  });

  it('an injected backend failure ends the backup in error with a fail_reason', async () => {
    sim.injectBackupFailure({ volume_id: V.scratch, reason: 'Backup driver reported an error: swift unreachable' });
    const b = await demo.run('cinder.backups_create', { volume_id: V.scratch });
    await eventually(async () => (await demo.run('cinder.backups_get', { backup_id: b.id })).status === 'error');
    expect((await demo.run('cinder.backups_get', { backup_id: b.id })).fail_reason).toBe('Backup driver reported an error: swift unreachable');
    expect(await demo.run('cinder.backups_delete', { backup: b.id })).toEqual([]);
  });

  it('backups_create refuses an in-use volume without force; backups_list / find', async () => {
    const e = await demo.fail('cinder.backups_create', { volume_id: V.web1Data });
    expect(e.message).toMatch(/^CinderAction\.backups_create failed: Invalid volume: Backing up an in-use volume must use the force flag\. \(HTTP 400\)/);
    expect((await demo.run('cinder.backups_find', { name: 'nightly' })).volume_id).toBe(V.dbData);
    expect((await demo.run('cinder.backups_list', { search_opts: { volume_id: V.dbData } })).length).toBe(3);
  });

  it('restores_restore to a new volume (restoring-backup → available)', async () => {
    const r = await demo.run('cinder.restores_restore', { backup_id: DEMO.backups.dbFull, name: 'db-restored' });
    expect(r).toMatchObject({ backup_id: DEMO.backups.dbFull, volume_name: 'db-restored' });
    expect(await volStatus(r.volume_id)).toBe('restoring-backup');
    await eventually(async () => (await volStatus(r.volume_id)) === 'available');
    expect((await demo.run('cinder.volumes_get', { volume_id: r.volume_id })).size).toBe(20);
    const small = await demo.fail('cinder.restores_restore', { backup_id: DEMO.backups.dbFull, volume_id: V.scratch });
    expect(small.message).toMatch(/^CinderAction\.restores_restore failed: Invalid volume: volume size 1 is too small to restore backup of size 20\. \(HTTP 400\)/);
  });

  it('backups_delete refuses a full backup that incremental ones depend on; 404 for unknown', async () => {
    const e = await demo.fail('cinder.backups_delete', { backup: DEMO.backups.dbFull });
    expect(e.message).toMatch(/^CinderAction\.backups_delete failed: Invalid backup: Incremental backups exist for this backup\. \(HTTP 400\)/);
    const nf = await demo.fail('cinder.backups_get', { backup_id: 'nope' });
    expect(nf.message).toMatch(/^CinderAction\.backups_get failed: Backup nope could not be found\. \(HTTP 404\)/);
  });
});

describe('cinder volume types, services, quotas', () => {
  it('volume_types_list', async () => {
    expect((await demo.run('cinder.volume_types_list')).map((t: { name: string }) => t.name)).toEqual(['lvmdriver-1', 'ceph-ssd']);
  });

  it('services_list (admin) with host/binary filters', async () => {
    const s = await admin.run('cinder.services_list', { binary: 'cinder-backup' });
    expect(s.map((x: Record<string, unknown>) => [x.host, x.status, x.state])).toEqual([['controller', 'enabled', 'up']]);
  });

  it('quotas_get with and without usage', async () => {
    const q = await demo.run('cinder.quotas_get', { tenant_id: DEMO.projects.demo });
    expect(q).toMatchObject({ id: DEMO.projects.demo, volumes: 10, gigabytes: 1000, backups: 10 });
    const u = await demo.run('cinder.quotas_get', { tenant_id: DEMO.projects.demo, usage: true });
    expect(u.volumes).toMatchObject({ limit: 10, reserved: 0 });
    expect(u.volumes.in_use).toBeGreaterThanOrEqual(3);
    const e = await demo.fail('cinder.quotas_get', { tenant_id: DEMO.projects.ops });
    expect(e.message).toMatch(/Policy doesn't allow volume_extension:quotas:show to be performed\. \(HTTP 403\)/);
  });
});
