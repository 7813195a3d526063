/**
 * cinder.* handlers, following python-cinderclient v3 managers: volumes, snapshots, backups, restores, volume types,
 * services and quotas.
 */
import { listAll } from '../client/pagination';
import type { Query, ServiceClient } from '../client/service-client';
import { limitOf, pyStr, searchQuery, seg } from './args';
import type { ActionCall, Handler } from './define';
import { exactlyOne, filterByAttrs } from './find';

type Obj = Record<string, unknown>;

function listQuery(i: Obj): Query {
  const q = searchQuery(i.search_opts);
  if (i.marker !== null && i.marker !== undefined) q.marker = String(i.marker);
  if (i.sort) q.sort = String(i.sort);
  if (i.sort_key) q.sort_key = String(i.sort_key);
  if (i.sort_dir) q.sort_dir = String(i.sort_dir);
  return q;
}

function lister(collection: 'volumes' | 'snapshots' | 'backups') {
  return (call: ActionCall, i: Obj = call.input): Promise<Obj[]> =>
    listAll(call.client, i.detailed === false ? `/${collection}` : `/${collection}/detail`, collection, listQuery(i), {
      limit: limitOf(i.limit),
      maxPages: call.maxPages,
    });
}

const listVolumes = lister('volumes');
const listSnapshots = lister('snapshots');
const listBackups = lister('backups');

function finders(list: (call: ActionCall, i: Obj) => Promise<Obj[]>, resource: string): [Handler, Handler] {
  const findall = async (call: ActionCall) => filterByAttrs(await list(call, { detailed: true }), call.input);
  return [findall, async (call) => exactlyOne(await findall(call), resource, call.input)];
}

async function volumeAction(client: ServiceClient, volume: unknown, body: Obj): Promise<[]> {
  await client.request('POST', `/volumes/${seg(volume, 'volume')}/action`, { body });
  return [];
}

function compact(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

async function createVolume({ client, input: i }: ActionCall): Promise<unknown> {
  const volume = compact({
    size: i.size, consistencygroup_id: i.consistencygroup_id, snapshot_id: i.snapshot_id, source_volid: i.source_volid,
    name: i.name, description: i.description, volume_type: i.volume_type, user_id: i.user_id, project_id: i.project_id,
    availability_zone: i.availability_zone, imageRef: i.imageRef, metadata: i.metadata ?? {},
  });
  if (i.group_id !== null && i.group_id !== undefined) volume.group_id = i.group_id;
  if (i.backup_id !== null && i.backup_id !== undefined) volume.backup_id = i.backup_id;
  const body: Obj = { volume };
  if (i.scheduler_hints) body['OS-SCH-HNT:scheduler_hints'] = i.scheduler_hints;
  return ((await client.request('POST', '/volumes', { body })).body as Obj).volume;
}

async function createBackup({ client, input: i }: ActionCall): Promise<unknown> {
  const backup: Obj = {
    volume_id: i.volume_id, container: i.container, name: i.name, description: i.description,
    incremental: Boolean(i.incremental), force: Boolean(i.force), snapshot_id: i.snapshot_id,
  };
  if (i.metadata !== null && i.metadata !== undefined) backup.metadata = i.metadata;
  if (i.availability_zone !== null && i.availability_zone !== undefined) backup.availability_zone = i.availability_zone;
  return ((await client.request('POST', '/backups', { body: { backup } })).body as Obj).backup;
}

const [volumesFindall, volumesFind] = finders(listVolumes, 'Volume');
const [snapshotsFindall, snapshotsFind] = finders(listSnapshots, 'Snapshot');
const [backupsFindall, backupsFind] = finders(listBackups, 'VolumeBackup');

/** Handlers of cinder.*. */
export const cinderHandlers: Record<string, Handler> = {
  volumes_list: (call) => listVolumes(call),
  volumes_get: async ({ client, input }) => (await client.get(`/volumes/${seg(input.volume_id, 'volume_id')}`)).volume,
  volumes_findall: volumesFindall,
  volumes_find: volumesFind,
  volumes_create: createVolume,
  volumes_delete: async ({ client, input }) => {
    await client.request('DELETE', `/volumes/${seg(input.volume, 'volume')}`, { query: input.cascade ? { cascade: 'True' } : undefined });
    return [];
  },
  volumes_extend: ({ client, input }) => volumeAction(client, input.volume, { 'os-extend': { new_size: input.new_size } }),
  volumes_set_metadata: async ({ client, input }) =>
    ((await client.request('POST', `/volumes/${seg(input.volume, 'volume')}/metadata`, { body: { metadata: input.metadata } })).body as Obj).metadata,
  volumes_reset_state: ({ client, input }) =>
    volumeAction(client, input.volume, {
      'os-reset_status': compact({ status: input.state, attach_status: input.attach_status, migration_status: input.migration_status }),
    }),
  volume_snapshots_create: async ({ client, input: i }) =>
    ((await client.request('POST', '/snapshots', {
      body: { snapshot: { volume_id: i.volume_id, force: Boolean(i.force), name: i.name, description: i.description, metadata: i.metadata ?? {} } },
    })).body as Obj).snapshot,
  volume_snapshots_get: async ({ client, input }) => (await client.get(`/snapshots/${seg(input.snapshot_id, 'snapshot_id')}`)).snapshot,
  volume_snapshots_list: (call) => listSnapshots(call),
  volume_snapshots_findall: snapshotsFindall,
  volume_snapshots_find: snapshotsFind,
  volume_snapshots_delete: async ({ client, input }) => {
    const id = seg(input.snapshot, 'snapshot');
    if (input.force) await client.request('POST', `/snapshots/${id}/action`, { body: { 'os-force_delete': {} } });
    else await client.request('DELETE', `/snapshots/${id}`);
    return [];
  },
  backups_create: createBackup,
  backups_get: async ({ client, input }) => (await client.get(`/backups/${seg(input.backup_id, 'backup_id')}`)).backup,
  backups_list: (call) => listBackups(call),
  backups_findall: backupsFindall,
  backups_find: backupsFind,
  backups_delete: async ({ client, input }) => {
    const id = seg(input.backup, 'backup');
    if (input.force) await client.request('POST', `/backups/${id}/action`, { body: { 'os-force_delete': {} } });
    else await client.request('DELETE', `/backups/${id}`);
    return [];
  },
  restores_restore: async ({ client, input: i }) =>
    ((await client.request('POST', `/backups/${seg(i.backup_id, 'backup_id')}/restore`, {
      body: { restore: { volume_id: i.volume_id ?? null, name: i.name ?? null } },
    })).body as Obj).restore,
  volume_types_list: async ({ client, input }) => {
    const q: Query = searchQuery(input.search_opts);
    if (!input.is_public) q.is_public = pyStr(input.is_public);
    return (await client.get<{ volume_types: Obj[] }>('/types', q)).volume_types;
  },
  services_list: async ({ client, input }) => {
    const q: Query = {};
    if (input.host) q.host = String(input.host);
    if (input.binary) q.binary = String(input.binary);
    return (await client.get<{ services: Obj[] }>('/os-services', q)).services;
  },
  quotas_get: async ({ client, input }) =>
    (await client.get(`/os-quota-sets/${seg(input.tenant_id, 'tenant_id')}`, input.usage ? { usage: 'True' } : undefined)).quota_set,
};
