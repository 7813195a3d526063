/**
 * Simulated Cinder v3 volumes: list (summary/detail; `all_tenants`, `project_id`, name/status filters; sort;
 * marker/limit with `volumes_links`), show, create (creating → available), delete (with `cascade`), metadata, and the
 * `os-extend` / `os-reset_status` actions.
 */
import { fault, json, type Router, type SimReply } from './http';
import type { SimVolume } from './model';
import { atLeast, isReply, paginate, sortBy } from './paging';
import { objectField, policyDenied, truthy, type ServiceRequest } from './service';
import { cinderTime, newUuid } from './state';

/** Cinder's `sort=k:dir,k2:dir2` or `sort_key`/`sort_dir`, defaulting to `created_at:desc`, id last. */
export function cinderSort(q: URLSearchParams): { key: string; dir: 'asc' | 'desc' }[] {
  const out: { key: string; dir: 'asc' | 'desc' }[] = [];
  const sort = q.get('sort');
  if (sort) {
    for (const part of sort.split(',')) {
      const [key, dir] = part.split(':');
      if (key) out.push({ key: key.trim() === 'display_name' ? 'name' : key.trim(), dir: (dir?.trim() ?? 'desc') as 'asc' | 'desc' });
    }
  } else if (q.get('sort_key')) {
    out.push({ key: q.get('sort_key')!, dir: (q.get('sort_dir') ?? 'desc') as 'asc' | 'desc' });
  } else {
    out.push({ key: 'created_at', dir: 'desc' });
  }
  out.push({ key: 'id', dir: 'desc' });
  return out;
}

/** Cinder's 404 for a volume. */
export function volumeNotFound(id: string): SimReply {
  return fault(404, `Volume ${id} could not be found.`);
}

/** Finds a volume visible to the caller (own project, or any for admins). */
export function findVolume(req: ServiceRequest, id: string): SimVolume | SimReply {
  const v = req.data.volumes.find((x) => x.id === id);
  if (!v || (v.project_id !== req.caller.project.id && !req.caller.isAdmin)) return volumeNotFound(id);
  return v;
}

/** Renders a volume as `GET /volumes/{id}` does at the request's microversion. */
export function renderVolume(req: ServiceRequest, v: SimVolume): Record<string, unknown> {
  const ver = req.version;
  const type = req.data.volumeTypes.find((t) => t.name === v.volume_type);
  const out: Record<string, unknown> = {
    id: v.id,
    name: v.name,
    description: v.description,
    status: v.status,
    size: v.size,
    availability_zone: v.availability_zone,
    created_at: v.created_at,
    updated_at: v.updated_at,
    attachments: v.attachments.map((a) => ({ ...a })),
    volume_type: v.volume_type,
    snapshot_id: v.snapshot_id,
    source_volid: v.source_volid,
    metadata: { ...v.metadata },
    links: [
      { rel: 'self', href: `${req.base}/volumes/${v.id}` },
      { rel: 'bookmark', href: `${req.base.replace(/\/v3\//, '/')}/volumes/${v.id}` },
    ],
    user_id: v.user_id,
    bootable: String(v.bootable),
    encrypted: v.encrypted,
    replication_status: null,
    consistencygroup_id: null,
    multiattach: v.multiattach,
    'os-vol-tenant-attr:tenant_id': v.project_id,
  };
  if (req.caller.isAdmin) {
    out['os-vol-host-attr:host'] = v.host;
    out['os-vol-mig-status-attr:migstat'] = v.migration_status;
    out['os-vol-mig-status-attr:name_id'] = null;
    if (atLeast(ver, '3.21')) out.provider_id = null;
    if (atLeast(ver, '3.61')) out.cluster_name = null;
  }
  if (atLeast(ver, '3.13')) out.group_id = null;
  if (atLeast(ver, '3.48')) {
    out.service_uuid = 'e1e1e1e1-0000-4000-8000-000000000001';
    out.shared_targets = false;
  }
  if (atLeast(ver, '3.63')) out.volume_type_id = type?.id ?? null;
  if (atLeast(ver, '3.65')) out.consumes_quota = true;
  return out;
}

/** Filters a collection by tenancy the way Cinder does: own project, or with admin `all_tenants` any/`project_id`. */
export function byTenancy<T extends { project_id: string }>(req: ServiceRequest, items: T[]): T[] {
  const allTenants = req.caller.isAdmin && req.query.has('all_tenants') && (req.query.get('all_tenants') === '' || truthy(req.query.get('all_tenants')));
  if (!allTenants) return items.filter((x) => x.project_id === req.caller.project.id);
  const pid = req.query.get('project_id');
  return pid ? items.filter((x) => x.project_id === pid) : items;
}

function listVolumes(req: ServiceRequest, detail: boolean): SimReply {
  const q = req.query;
  let items = byTenancy(req, req.data.volumes);
  for (const key of ['name', 'status', 'availability_zone', 'volume_type']) {
    const want = q.get(key);
    if (want !== null) items = items.filter((v) => String((v as unknown as Record<string, unknown>)[key]) === want);
  }
  if (q.has('bootable')) items = items.filter((v) => v.bootable === truthy(q.get('bootable')));
  items = sortBy(items, cinderSort(q), (v, k) => (v as unknown as Record<string, unknown>)[k]);
  const page = paginate(items, q, req.state.maxLimit, `${req.base}/volumes${detail ? '/detail' : ''}`, (m) =>
    fault(400, `Invalid input received: marker [${m}] not found`),
  );
  if (isReply(page)) return page;
  const body: Record<string, unknown> = {
    volumes: page.items.map((v) => (detail ? renderVolume(req, v) : { id: v.id, name: v.name, links: renderVolume(req, v).links })),
  };
  if (page.links) body.volumes_links = page.links;
  if (atLeast(req.version, '3.15') && q.get('with_count')) body.count = items.length;
  return json(200, body);
}

function createVolume(req: ServiceRequest): SimReply {
  const b = objectField(req.body, 'volume');
  if (!b) return fault(400, `Missing required element 'volume' in request body.`);
  const d = req.data;
  let size = b.size === undefined || b.size === null ? undefined : Number(b.size);
  let source: { size: number; type?: string } | undefined;
  if (b.snapshot_id) {
    const s = d.snapshots.find((x) => x.id === b.snapshot_id && (x.project_id === req.caller.project.id || req.caller.isAdmin));
    if (!s) return fault(404, `Snapshot ${String(b.snapshot_id)} could not be found.`);
    source = { size: s.size };
  }
  if (b.source_volid) {
    const v = findVolume(req, String(b.source_volid));
    if (isReply(v)) return v;
    source = { size: v.size, type: v.volume_type };
  }
  if (b.backup_id) {
    if (!atLeast(req.version, '3.47')) return fault(400, `Invalid input for field/attribute volume. Additional properties are not allowed ('backup_id' was unexpected)`);
    const bk = d.backups.find((x) => x.id === b.backup_id);
    if (!bk) return fault(404, `Backup ${String(b.backup_id)} could not be found.`);
    source = { size: bk.size };
  }
  if (size === undefined) size = source?.size;
  if (size === undefined || !Number.isInteger(size)) return fault(400, `Invalid input for field/attribute size. Value: ${String(b.size)}. ${String(b.size)} is not of type 'integer', 'string'`);
  if (size < 1) return fault(400, `Invalid input for field/attribute size. Value: ${size}. ${size} is less than the minimum of 1`);
  if (source && size < source.size) {
    return fault(400, `Invalid input received: Volume size '${size}'GB cannot be smaller than the source size ${source.size}GB. They must be >= original size.`);
  }
  let volumeType = source?.type ?? d.volumeTypes[0]!.name;
  if (b.volume_type) {
    const t = d.volumeTypes.find((x) => x.name === b.volume_type || x.id === b.volume_type);
    if (!t) return fault(404, `Volume type with name ${String(b.volume_type)} could not be found.`);
    volumeType = t.name;
  }
  const now = req.state.now();
  const v: SimVolume = {
    id: newUuid(), name: typeof b.name === 'string' ? b.name : null, description: typeof b.description === 'string' ? b.description : null,
    size, status: 'creating', project_id: req.caller.project.id, user_id: req.caller.user.id,
    availability_zone: typeof b.availability_zone === 'string' ? b.availability_zone : 'nova', volume_type: volumeType,
    bootable: Boolean(b.imageRef), encrypted: false, multiattach: b.multiattach === true,
    snapshot_id: (b.snapshot_id as string) ?? null, source_volid: (b.source_volid as string) ?? null,
    metadata: (objectField(b, 'metadata') as Record<string, string>) ?? {}, attachments: [], attach_status: 'detached',
    migration_status: null, host: 'controller@lvmdriver-1#lvmdriver-1', created_at: cinderTime(now), updated_at: null,
  };
  d.volumes.push(v);
  req.state.schedule(() => {
    if (v.status !== 'creating') return;
    v.status = 'available';
    v.updated_at = cinderTime(req.state.now());
  });
  return json(202, { volume: renderVolume(req, v) });
}

const DELETABLE = ['available', 'error', 'error_restoring', 'error_extending', 'error_managing'];

function deleteVolume(req: ServiceRequest): SimReply {
  const v = findVolume(req, req.params.id!);
  if (isReply(v)) return v;
  const cascade = truthy(req.query.get('cascade'));
  const snaps = req.data.snapshots.filter((s) => s.volume_id === v.id);
  if (!DELETABLE.includes(v.status) || v.attach_status === 'attached' || (snaps.length > 0 && !cascade)) {
    return fault(400, 'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.');
  }
  if (cascade && snaps.some((s) => s.status !== 'available' && s.status !== 'error')) {
    return fault(400, 'Invalid volume: Snapshot of volume not in a state that can be deleted.');
  }
  v.status = 'deleting';
  for (const s of snaps) s.status = 'deleting';
  req.state.schedule(() => {
    req.data.volumes = req.data.volumes.filter((x) => x !== v);
    req.data.snapshots = req.data.snapshots.filter((s) => s.volume_id !== v.id);
  });
  return { status: 202 };
}

const RESET_STATES = ['creating', 'available', 'deleting', 'error', 'error_deleting', 'error_managing', 'managing', 'attaching', 'in-use', 'detaching', 'maintenance', 'reserved', 'error_restoring', 'error_extending', 'extending', 'retyping', 'downloading', 'uploading', 'backing-up', 'restoring-backup'];

function volumeAction(req: ServiceRequest): SimReply {
  const v = findVolume(req, req.params.id!);
  if (isReply(v)) return v;
  const body = (req.body ?? {}) as Record<string, unknown>;
  if ('os-extend' in body) {
    const arg = objectField(body, 'os-extend');
    const newSize = Number(arg?.new_size);
    if (!Number.isInteger(newSize)) return fault(400, `Invalid input for field/attribute new_size. Value: ${String(arg?.new_size)}.`);
    const allowed = atLeast(req.version, '3.42') ? ['available', 'in-use'] : ['available'];
    if (!allowed.includes(v.status)) {
      return fault(400, `Invalid volume: Volume ${v.id} status must be ${allowed.join(' or ')} to extend, but current status is: ${v.status}.`);
    }
    if (newSize <= v.size) {
      return fault(400, `Invalid input received: New size for extend must be greater than current size. (current: ${v.size}, extended: ${newSize}).`);
    }
    const back = v.status;
    v.status = 'extending';
    req.state.schedule(() => {
      v.size = newSize;
      v.status = back;
      v.updated_at = cinderTime(req.state.now());
    });
    return { status: 202 };
  }
  if ('os-reset_status' in body) {
    if (!req.caller.isAdmin) return policyDenied('volume_extension:volume_admin_actions:reset_status');
    const arg = objectField(body, 'os-reset_status') ?? {};
    if (arg.status !== undefined && !RESET_STATES.includes(String(arg.status))) {
      return fault(400, `Invalid input for field/attribute status. Value: ${String(arg.status)}. '${String(arg.status)}' is not one of ${JSON.stringify(RESET_STATES).replace(/"/g, "'")}`);
    }
    if (arg.attach_status !== undefined && arg.attach_status !== 'attached' && arg.attach_status !== 'detached') {
      return fault(400, `Invalid input received: Must specify a valid attach status`);
    }
    if (arg.status !== undefined) v.status = String(arg.status);
    if (arg.attach_status !== undefined) v.attach_status = arg.attach_status as 'attached' | 'detached';
    if (arg.migration_status !== undefined) v.migration_status = arg.migration_status === null ? null : String(arg.migration_status);
    v.updated_at = cinderTime(req.state.now());
    return { status: 202 };
  }
  return fault(400, `There is no such action: ${Object.keys(body)[0] ?? '<none>'}`);
}

function setMetadata(req: ServiceRequest, replace: boolean): SimReply {
  const v = findVolume(req, req.params.id!);
  if (isReply(v)) return v;
  const md = objectField(req.body, 'metadata');
  if (!md) return fault(400, `Malformed request body`);
  const clean: Record<string, string> = {};
  for (const [k, val] of Object.entries(md)) clean[k] = String(val);
  v.metadata = replace ? clean : { ...v.metadata, ...clean };
  return json(200, { metadata: { ...v.metadata } });
}

/** Registers the volume routes on a volume router. */
export function addVolumeRoutes(r: Router<ServiceRequest>): void {
  r.add('GET', '/volumes', (req) => listVolumes(req, false))
    .add('GET', '/volumes/detail', (req) => listVolumes(req, true))
    .add('POST', '/volumes', createVolume)
    .add('GET', '/volumes/:id', (req) => {
      const v = findVolume(req, req.params.id!);
      return isReply(v) ? v : json(200, { volume: renderVolume(req, v) });
    })
    .add('DELETE', '/volumes/:id', deleteVolume)
    .add('POST', '/volumes/:id/action', volumeAction)
    .add('GET', '/volumes/:id/metadata', (req) => {
      const v = findVolume(req, req.params.id!);
      return isReply(v) ? v : json(200, { metadata: { ...v.metadata } });
    })
    .add('POST', '/volumes/:id/metadata', (req) => setMetadata(req, false))
    .add('PUT', '/volumes/:id/metadata', (req) => setMetadata(req, true));
}
