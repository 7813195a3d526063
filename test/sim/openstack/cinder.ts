/**
 * Simulated Cinder v3, the rest: volume types, quota sets (with usage), os-services; the volume router and the
 * version document.
 */
import { addSnapshotAndBackupRoutes } from './cinder-snapshots';
import { addVolumeRoutes } from './cinder-volumes';
import { fault, json, Router } from './http';
import type { SimVolumeType } from './model';
import { atLeast } from './paging';
import { policyDenied, truthy, type ServiceRequest } from './service';

function renderType(req: ServiceRequest, t: SimVolumeType): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: t.id, name: t.name, description: t.description, is_public: t.is_public,
    'os-volume-type-access:is_public': t.is_public, qos_specs_id: null,
  };
  if (req.caller.isAdmin) out.extra_specs = { ...t.extra_specs };
  return out;
}

function quotaSet(req: ServiceRequest): ReturnType<typeof json> {
  const pid = req.params.project!;
  if (pid !== req.caller.project.id && !req.caller.isAdmin) return policyDenied('volume_extension:quotas:show');
  const usage = truthy(req.query.get('usage'));
  const vols = req.data.volumes.filter((v) => v.project_id === pid);
  const snaps = req.data.snapshots.filter((s) => s.project_id === pid);
  const backups = req.data.backups.filter((b) => b.project_id === pid);
  const q = (limit: number, inUse: number) => (usage ? { limit, in_use: inUse, reserved: 0, allocated: 0 } : limit);
  const set: Record<string, unknown> = {
    id: pid,
    volumes: q(10, vols.length),
    snapshots: q(10, snaps.length),
    gigabytes: q(1000, vols.reduce((n, v) => n + v.size, 0) + snaps.reduce((n, s) => n + s.size, 0)),
    backups: q(10, backups.length),
    backup_gigabytes: q(1000, backups.reduce((n, b) => n + b.size, 0)),
    per_volume_gigabytes: q(-1, 0),
    groups: q(10, 0),
  };
  for (const t of req.data.volumeTypes) {
    const tv = vols.filter((v) => v.volume_type === t.name);
    set[`volumes_${t.name}`] = q(-1, tv.length);
    set[`gigabytes_${t.name}`] = q(-1, tv.reduce((n, v) => n + v.size, 0));
    set[`snapshots_${t.name}`] = q(-1, snaps.filter((s) => tv.some((v) => v.id === s.volume_id)).length);
  }
  return json(200, { quota_set: set });
}

/** Builds the volume router (paths relative to `/volume/<region>/v3/<project_id>`). */
export function cinderRouter(): Router<ServiceRequest> {
  const r = new Router<ServiceRequest>();
  addVolumeRoutes(r);
  addSnapshotAndBackupRoutes(r);
  r.add('GET', '/types', (req) => {
    // is_public=None: every type for admins; other callers always see the public types only
    let types = req.data.volumeTypes;
    const isPublic = req.query.get('is_public');
    if (!req.caller.isAdmin) types = types.filter((t) => t.is_public);
    else if (isPublic === null) types = types.filter((t) => t.is_public);
    else if (isPublic.toLowerCase() !== 'none') types = types.filter((t) => t.is_public === truthy(isPublic));
    return json(200, { volume_types: types.map((t) => renderType(req, t)) });
  })
    .add('GET', '/types/default', (req) => json(200, { volume_type: renderType(req, req.data.volumeTypes[0]!) }))
    .add('GET', '/types/:id', (req) => {
      const t = req.data.volumeTypes.find((x) => x.id === req.params.id);
      return t ? json(200, { volume_type: renderType(req, t) }) : fault(404, `Volume type ${req.params.id} could not be found.`);
    })
    .add('GET', '/os-quota-sets/:project', quotaSet)
    .add('GET', '/os-services', (req) => {
      if (!req.caller.isAdmin) return policyDenied('volume_extension:services:index');
      const host = req.query.get('host');
      const binary = req.query.get('binary');
      const list = req.data.volumeServices
        .filter((s) => (!host || s.host === host) && (!binary || s.binary === binary))
        .map((s) => {
          const out: Record<string, unknown> = { ...s, replication_status: 'disabled', active_backend_id: null, frozen: false };
          if (atLeast(req.version, '3.7')) out.cluster = null;
          if (atLeast(req.version, '3.49') && s.binary === 'cinder-volume') out.backend_state = 'up';
          return out;
        });
      return json(200, { services: list });
    });
  return r;
}

/** The volume API versions document served at `/volume/<region>/` and `/volume/<region>/v3/`. */
export function volumeVersions(root: string, maxVersion: string): Record<string, unknown> {
  return {
    versions: [{
      id: 'v3.0', status: 'CURRENT', version: maxVersion, min_version: '3.0', updated: '2023-08-31T00:00:00Z',
      links: [{ rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' }, { rel: 'self', href: `${root}/v3/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
    }],
  };
}
