/**
 * Simulated Cinder v3 snapshots and backups: list/show/create/delete with `creating` → `available` transitions,
 * backup failure injection (→ `error` with `fail_reason`), incremental backups needing a full one, and
 * `POST /backups/{id}/restore` to a new or an existing volume.
 */
import { fault, json, type Router, type SimReply } from './http';
import type { SimBackup, SimSnapshot } from './model';
import { byTenancy, cinderSort, findVolume } from './cinder-volumes';
import { atLeast, isReply, paginate, sortBy } from './paging';
import { objectField, policyDenied, truthy, type ServiceRequest } from './service';
import { cinderTime, newUuid } from './state';

function renderSnapshot(req: ServiceRequest, s: SimSnapshot): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id, name: s.name, description: s.description, volume_id: s.volume_id, size: s.size, status: s.status,
    created_at: s.created_at, updated_at: s.updated_at, metadata: { ...s.metadata },
    'os-extended-snapshot-attributes:project_id': s.project_id,
    'os-extended-snapshot-attributes:progress': s.progress,
  };
  if (atLeast(req.version, '3.14')) out.group_snapshot_id = null;
  if (atLeast(req.version, '3.41')) out.user_id = s.user_id;
  if (atLeast(req.version, '3.65')) out.consumes_quota = true;
  return out;
}

function findSnapshot(req: ServiceRequest, id: string): SimSnapshot | SimReply {
  const s = req.data.snapshots.find((x) => x.id === id);
  if (!s || (s.project_id !== req.caller.project.id && !req.caller.isAdmin)) return fault(404, `Snapshot ${id} could not be found.`);
  return s;
}

function listSnapshots(req: ServiceRequest, detail: boolean): SimReply {
  let items = byTenancy(req, req.data.snapshots);
  for (const key of ['name', 'status', 'volume_id']) {
    const want = req.query.get(key);
    if (want !== null) items = items.filter((s) => String((s as unknown as Record<string, unknown>)[key]) === want);
  }
  items = sortBy(items, cinderSort(req.query), (s, k) => (s as unknown as Record<string, unknown>)[k]);
  const page = paginate(items, req.query, req.state.maxLimit, `${req.base}/snapshots${detail ? '/detail' : ''}`, (m) => fault(400, `Invalid input received: marker [${m}] not found`));
  if (isReply(page)) return page;
  const body: Record<string, unknown> = { snapshots: page.items.map((s) => renderSnapshot(req, s)) };
  if (page.links) body.snapshots_links = page.links;
  return json(200, body);
}

function createSnapshot(req: ServiceRequest): SimReply {
  const b = objectField(req.body, 'snapshot');
  if (!b) return fault(400, `Missing required element 'snapshot' in request body.`);
  if (typeof b.volume_id !== 'string') return fault(400, `Invalid input for field/attribute snapshot. Value: ${JSON.stringify(b)}. 'volume_id' is a required property`);
  const v = findVolume(req, b.volume_id);
  if (isReply(v)) return v;
  const force = b.force === true || truthy(typeof b.force === 'string' ? b.force : null);
  if (v.status === 'in-use' && !force) {
    return fault(400, `Invalid volume: Volume ${v.id} status must be available, but current status is: in-use.`);
  }
  if (v.status !== 'available' && v.status !== 'in-use') {
    return fault(400, `Invalid volume: Volume ${v.id} status must be available or in-use, but current status is: ${v.status}.`);
  }
  const now = req.state.now();
  const s: SimSnapshot = {
    id: newUuid(), name: typeof b.name === 'string' ? b.name : null, description: typeof b.description === 'string' ? b.description : null,
    volume_id: v.id, size: v.size, status: 'creating', project_id: req.caller.project.id, user_id: req.caller.user.id,
    metadata: (objectField(b, 'metadata') as Record<string, string>) ?? {}, progress: '0%', created_at: cinderTime(now), updated_at: null,
  };
  req.data.snapshots.push(s);
  req.state.schedule(() => {
    if (s.status !== 'creating') return;
    s.status = 'available';
    s.progress = '100%';
    s.updated_at = cinderTime(req.state.now());
  }, req.state.creationDelaysMs.snapshots);
  return json(202, { snapshot: renderSnapshot(req, s) });
}

function deleteSnapshot(req: ServiceRequest): SimReply {
  const s = findSnapshot(req, req.params.id!);
  if (isReply(s)) return s;
  if (!['available', 'error', 'error_deleting'].includes(s.status)) {
    return fault(400, `Invalid snapshot: Volume Snapshot status must be available or error or error_deleting`);
  }
  s.status = 'deleting';
  req.state.schedule(() => (req.data.snapshots = req.data.snapshots.filter((x) => x !== s)));
  return { status: 202 };
}

function renderBackup(req: ServiceRequest, b: SimBackup): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: b.id, name: b.name, description: b.description, status: b.status, size: b.size, volume_id: b.volume_id,
    snapshot_id: b.snapshot_id, container: b.container, availability_zone: b.availability_zone,
    created_at: b.created_at, updated_at: b.updated_at, fail_reason: b.fail_reason, object_count: b.object_count,
    is_incremental: b.is_incremental,
    has_dependent_backups: req.data.backups.some((x) => x.is_incremental && x.volume_id === b.volume_id && x.created_at > b.created_at && !b.is_incremental),
    data_timestamp: b.data_timestamp,
    links: [{ rel: 'self', href: `${req.base}/backups/${b.id}` }, { rel: 'bookmark', href: `${req.base.replace(/\/v3\//, '/')}/backups/${b.id}` }],
  };
  if (atLeast(req.version, '3.18') && req.caller.isAdmin) out['os-backup-project-attr:project_id'] = b.project_id;
  if (atLeast(req.version, '3.43')) out.metadata = { ...b.metadata };
  if (atLeast(req.version, '3.56')) out.user_id = b.user_id;
  if (atLeast(req.version, '3.64')) out.encryption_key_id = null;
  return out;
}

function findBackup(req: ServiceRequest, id: string): SimBackup | SimReply {
  const b = req.data.backups.find((x) => x.id === id);
  if (!b || (b.project_id !== req.caller.project.id && !req.caller.isAdmin)) return fault(404, `Backup ${id} could not be found.`);
  return b;
}

function listBackups(req: ServiceRequest, detail: boolean): SimReply {
  let items = byTenancy(req, req.data.backups);
  for (const key of ['name', 'status', 'volume_id']) {
    const want = req.query.get(key);
    if (want !== null) items = items.filter((s) => String((s as unknown as Record<string, unknown>)[key]) === want);
  }
  items = sortBy(items, cinderSort(req.query), (s, k) => (s as unknown as Record<string, unknown>)[k]);
  const page = paginate(items, req.query, req.state.maxLimit, `${req.base}/backups${detail ? '/detail' : ''}`, (m) => fault(400, `Invalid input received: marker [${m}] not found`));
  if (isReply(page)) return page;
  const body: Record<string, unknown> = {
    backups: page.items.map((b) => (detail ? renderBackup(req, b) : { id: b.id, name: b.name, links: renderBackup(req, b).links })),
  };
  if (page.links) body.backups_links = page.links;
  return json(200, body);
}

function createBackup(req: ServiceRequest): SimReply {
  const b = objectField(req.body, 'backup');
  if (!b) return fault(400, `Missing required element 'backup' in request body.`);
  if (typeof b.volume_id !== 'string') return fault(400, `Invalid input for field/attribute backup. Value: ${JSON.stringify(b)}. 'volume_id' is a required property`);
  const v = findVolume(req, b.volume_id);
  if (isReply(v)) return v;
  const force = b.force === true;
  // As cinder/backup/api.py: a backup of a snapshot checks the snapshot only (an in-use volume needs no force).
  let snap: SimSnapshot | undefined;
  if (b.snapshot_id) {
    const s = findSnapshot(req, String(b.snapshot_id));
    if (isReply(s)) return s;
    if (s.volume_id !== v.id) return fault(400, `Invalid snapshot: Snapshot ${s.id} is not a snapshot of volume ${v.id}.`);
    if (s.status !== 'available') return fault(400, `Invalid snapshot: Snapshot to be backed up must be available, but the current status is "${s.status}".`);
    snap = s;
  } else if (v.status !== 'available' && v.status !== 'in-use') {
    return fault(400, `Invalid volume: Volume to be backed up must be available or in-use, but the current status is "${v.status}".`);
  } else if (v.status === 'in-use' && !force) {
    return fault(400, `Invalid volume: Backing up an in-use volume must use the force flag.`);
  }
  const incremental = b.incremental === true;
  if (incremental && !req.data.backups.some((x) => x.volume_id === v.id && x.status === 'available')) {
    return fault(400, `Invalid backup: No backups available to do an incremental backup.`);
  }
  if (b.metadata !== undefined && !atLeast(req.version, '3.43')) return fault(400, `Invalid input for field/attribute backup. Additional properties are not allowed ('metadata' was unexpected)`);
  if (b.availability_zone !== undefined && !atLeast(req.version, '3.51')) return fault(400, `Invalid input for field/attribute backup. Additional properties are not allowed ('availability_zone' was unexpected)`);
  const now = req.state.now();
  const bk: SimBackup = {
    id: newUuid(), name: typeof b.name === 'string' ? b.name : null, description: typeof b.description === 'string' ? b.description : null,
    volume_id: v.id, snapshot_id: (b.snapshot_id as string) ?? null, size: v.size, status: 'creating',
    project_id: req.caller.project.id, user_id: req.caller.user.id, container: typeof b.container === 'string' ? b.container : null,
    availability_zone: typeof b.availability_zone === 'string' ? b.availability_zone : 'nova', is_incremental: incremental,
    fail_reason: null, object_count: 0, metadata: (objectField(b, 'metadata') as Record<string, string>) ?? {},
    created_at: cinderTime(now), updated_at: null, data_timestamp: cinderTime(now),
  };
  req.data.backups.push(bk);
  const failure = req.state.takeBackupFailure(v.id);
  const back = v.status;
  // The source (snapshot or volume) is `backing-up` while the backup is `creating`.
  if (snap) snap.status = 'backing-up';
  else v.status = 'backing-up';
  req.state.schedule(() => {
    if (v.status === 'backing-up') v.status = back;
    if (snap?.status === 'backing-up') snap.status = failure?.snapshotStatus ?? 'available';
    bk.updated_at = cinderTime(req.state.now());
    if (failure) {
      bk.status = 'error';
      bk.fail_reason = failure.reason ?? 'Backup driver failed: simulated failure';
      return;
    }
    bk.status = 'available';
    bk.container = bk.container ?? 'volumebackups';
    bk.object_count = Math.max(1, bk.size * 20);
  }, req.state.creationDelaysMs.backups);
  return json(202, { backup: { id: bk.id, links: renderBackup(req, bk).links, name: bk.name } });
}

function deleteBackup(req: ServiceRequest): SimReply {
  const bk = findBackup(req, req.params.id!);
  if (isReply(bk)) return bk;
  const force = truthy(req.query.get('force'));
  if (!['available', 'error'].includes(bk.status) && !(force && req.caller.isAdmin)) {
    return fault(400, `Invalid backup: Backup status must be available or error`);
  }
  if (!bk.is_incremental && req.data.backups.some((x) => x.is_incremental && x.volume_id === bk.volume_id && x.created_at > bk.created_at)) {
    return fault(400, `Invalid backup: Incremental backups exist for this backup.`);
  }
  bk.status = 'deleting';
  req.state.schedule(() => (req.data.backups = req.data.backups.filter((x) => x !== bk)));
  return { status: 202 };
}

function restoreBackup(req: ServiceRequest): SimReply {
  const bk = findBackup(req, req.params.id!);
  if (isReply(bk)) return bk;
  const r = objectField(req.body, 'restore');
  if (!r) return fault(400, `Missing required element 'restore' in request body.`);
  if (bk.status !== 'available') return fault(400, `Invalid backup: Backup status must be available`);
  const now = req.state.now();
  let volume;
  if (r.volume_id) {
    const v = findVolume(req, String(r.volume_id));
    if (isReply(v)) return v;
    if (v.status !== 'available') return fault(400, `Invalid volume: Volume to be restored to must be available`);
    if (v.size < bk.size) return fault(400, `Invalid volume: volume size ${v.size} is too small to restore backup of size ${bk.size}.`);
    volume = v;
  } else {
    volume = {
      id: newUuid(), name: typeof r.name === 'string' ? r.name : `restore_backup_${bk.id}`, description: `auto-created_from_restore_from_backup`,
      size: bk.size, status: 'creating', project_id: req.caller.project.id, user_id: req.caller.user.id, availability_zone: 'nova',
      volume_type: req.data.volumeTypes[0]!.name, bootable: false, encrypted: false, multiattach: false, snapshot_id: null,
      source_volid: null, metadata: {}, attachments: [], attach_status: 'detached' as const, migration_status: null,
      host: 'controller@lvmdriver-1#lvmdriver-1', created_at: cinderTime(now), updated_at: null,
    };
    req.data.volumes.push(volume);
  }
  const target = volume;
  target.status = 'restoring-backup';
  bk.status = 'restoring';
  req.state.schedule(() => {
    target.status = 'available';
    target.updated_at = cinderTime(req.state.now());
    bk.status = 'available';
  });
  return json(202, { restore: { backup_id: bk.id, volume_id: target.id, volume_name: target.name } });
}

/** `POST /snapshots/{id}/action` and `/backups/{id}/action`: the admin `os-force_delete` and `os-reset_status`. */
function adminAction(kind: 'snapshot' | 'backup') {
  return (req: ServiceRequest): SimReply => {
    const item = kind === 'snapshot' ? findSnapshot(req, req.params.id!) : findBackup(req, req.params.id!);
    if (isReply(item)) return item;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = Object.keys(body)[0];
    const rule = `volume_extension:${kind}_admin_actions:${name === 'os-force_delete' ? 'force_delete' : 'reset_status'}`;
    if (name !== 'os-force_delete' && name !== 'os-reset_status') return fault(400, `There is no such action: ${name ?? '<none>'}`);
    if (!req.caller.isAdmin) return policyDenied(rule);
    if (name === 'os-reset_status') {
      const status = objectField(body, 'os-reset_status')?.status;
      if (typeof status !== 'string') return fault(400, `Must specify 'status'`);
      item.status = status;
      return { status: 202 };
    }
    item.status = 'deleting';
    req.state.schedule(() => {
      if (kind === 'snapshot') req.data.snapshots = req.data.snapshots.filter((x) => x !== item);
      else req.data.backups = req.data.backups.filter((x) => x !== item);
    });
    return { status: 202 };
  };
}

/** Registers the snapshot, backup and restore routes on a volume router. */
export function addSnapshotAndBackupRoutes(r: Router<ServiceRequest>): void {
  r.add('GET', '/snapshots', (req) => listSnapshots(req, false))
    .add('GET', '/snapshots/detail', (req) => listSnapshots(req, true))
    .add('POST', '/snapshots', createSnapshot)
    .add('GET', '/snapshots/:id', (req) => {
      const s = findSnapshot(req, req.params.id!);
      return isReply(s) ? s : json(200, { snapshot: renderSnapshot(req, s) });
    })
    .add('DELETE', '/snapshots/:id', deleteSnapshot)
    .add('POST', '/snapshots/:id/action', adminAction('snapshot'))
    .add('GET', '/backups', (req) => listBackups(req, false))
    .add('GET', '/backups/detail', (req) => listBackups(req, true))
    .add('POST', '/backups', createBackup)
    .add('GET', '/backups/:id', (req) => {
      const b = findBackup(req, req.params.id!);
      return isReply(b) ? b : json(200, { backup: renderBackup(req, b) });
    })
    .add('DELETE', '/backups/:id', deleteBackup)
    .add('POST', '/backups/:id/restore', restoreBackup)
    .add('POST', '/backups/:id/action', adminAction('backup'));
}
