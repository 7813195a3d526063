/**
 * Simulated Nova, everything but servers: flavors (list/detail/show, is_public, marker/limit), os-keypairs,
 * os-hypervisors (admin), os-services (list, `PUT /os-services/{id}` from 2.53, the legacy enable/disable calls
 * before), os-availability-zone; and the compute router with the version document.
 */
import { fault, json, Router, type SimReply } from './http';
import type { SimComputeService, SimFlavor } from './model';
import { addServerRoutes } from './nova-servers';
import { atLeast, isReply, paginate, sortBy } from './paging';
import { policyDenied, type ServiceRequest } from './service';
import { novaTime } from './state';

function renderFlavor(req: ServiceRequest, f: SimFlavor, detail: boolean): Record<string, unknown> {
  const links = [
    { rel: 'self', href: `${req.base}/flavors/${f.id}` },
    { rel: 'bookmark', href: `${req.base.replace(/\/v2\.1$/, '')}/flavors/${f.id}` },
  ];
  const out: Record<string, unknown> = { id: f.id, name: f.name, links };
  if (atLeast(req.version, '2.55')) out.description = f.description;
  if (!detail) return out;
  Object.assign(out, {
    ram: f.ram, disk: f.disk, vcpus: f.vcpus,
    swap: atLeast(req.version, '2.75') ? f.swap : f.swap === 0 ? '' : f.swap,
    'OS-FLV-EXT-DATA:ephemeral': f.ephemeral,
    'OS-FLV-DISABLED:disabled': false,
    'os-flavor-access:is_public': f.is_public,
  });
  if (!atLeast(req.version, '2.75')) out.rxtx_factor = 1.0;
  if (atLeast(req.version, '2.61')) out.extra_specs = {};
  return out;
}

function listFlavors(req: ServiceRequest, detail: boolean): SimReply {
  const q = req.query;
  const isPublic = q.get('is_public');
  let items = req.data.flavors;
  if (isPublic === null || ['1', 'true', 't', 'yes'].includes(isPublic.toLowerCase())) items = items.filter((f) => f.is_public);
  else if (['0', 'false', 'f', 'no'].includes(isPublic.toLowerCase())) items = req.caller.isAdmin ? items.filter((f) => !f.is_public) : [];
  else if (!req.caller.isAdmin) items = items.filter((f) => f.is_public); // is_public=None: all, for admins
  if (q.get('minDisk')) items = items.filter((f) => f.disk >= Number(q.get('minDisk')));
  if (q.get('minRam')) items = items.filter((f) => f.ram >= Number(q.get('minRam')));
  const key = q.get('sort_key') ?? 'flavorid';
  const dir = (q.get('sort_dir') ?? 'asc') as 'asc' | 'desc';
  items = sortBy(items, [{ key: key === 'flavorid' ? 'id' : key === 'memory_mb' ? 'ram' : key, dir }], (f, k) => (f as unknown as Record<string, unknown>)[k]);
  const page = paginate(items, q, req.state.maxLimit, `${req.base}/flavors${detail ? '/detail' : ''}`, (m) => fault(400, `marker [${m}] not found`));
  if (isReply(page)) return page;
  const body: Record<string, unknown> = { flavors: page.items.map((f) => renderFlavor(req, f, detail)) };
  if (page.links) body.flavors_links = page.links;
  return json(200, body);
}

function renderService(req: ServiceRequest, s: SimComputeService, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: atLeast(req.version, '2.53') ? s.id : index + 1,
    binary: s.binary, host: s.host, zone: s.zone, status: s.status, state: s.state,
    updated_at: s.updated_at, disabled_reason: s.disabled_reason,
  };
  if (atLeast(req.version, '2.11')) out.forced_down = s.forced_down;
  return out;
}

function updateServiceById(req: ServiceRequest): SimReply {
  if (!req.caller.isAdmin) return policyDenied('os_compute_api:os-services:update');
  if (!atLeast(req.version, '2.53')) return legacyServiceUpdate(req, req.params.id!);
  const i = req.data.computeServices.findIndex((s) => s.id === req.params.id);
  if (i < 0) return fault(404, `Service ${req.params.id} could not be found.`);
  const s = req.data.computeServices[i]!;
  const b = (req.body ?? {}) as Record<string, unknown>;
  if (b.status !== undefined && b.status !== 'enabled' && b.status !== 'disabled') {
    return fault(400, `Invalid input for field/attribute status. Value: ${String(b.status)}. '${String(b.status)}' is not one of ['enabled', 'disabled']`);
  }
  if (b.disabled_reason !== undefined && b.status !== 'disabled') {
    return fault(400, `Specifying 'disabled_reason' with status other than 'disabled' is invalid.`);
  }
  if (b.status === undefined && b.forced_down === undefined) {
    return fault(400, `At least one of 'status' or 'forced_down' must be specified in the request body.`);
  }
  if (b.status === 'enabled') {
    s.status = 'enabled';
    s.disabled_reason = null;
  } else if (b.status === 'disabled') {
    s.status = 'disabled';
    s.disabled_reason = typeof b.disabled_reason === 'string' ? b.disabled_reason : null;
  }
  if (typeof b.forced_down === 'boolean') s.forced_down = b.forced_down;
  s.updated_at = novaTime(req.state.now()).replace('Z', '.000000');
  return json(200, { service: renderService(req, s, i) });
}

function legacyServiceUpdate(req: ServiceRequest, action: string): SimReply {
  if (!['enable', 'disable', 'disable-log-reason', 'force-down'].includes(action)) return fault(404, `Unknown action`);
  const b = (req.body ?? {}) as Record<string, unknown>;
  const s = req.data.computeServices.find((x) => x.host === b.host && x.binary === b.binary);
  if (!s) return fault(404, `Host '${String(b.host)}' is not mapped to any cell`);
  if (action === 'enable') {
    s.status = 'enabled';
    s.disabled_reason = null;
  } else {
    s.status = 'disabled';
    s.disabled_reason = action === 'disable-log-reason' && typeof b.disabled_reason === 'string' ? b.disabled_reason : null;
  }
  const out: Record<string, unknown> = { host: s.host, binary: s.binary, status: s.status };
  if (action === 'disable-log-reason') out.disabled_reason = s.disabled_reason;
  return json(200, { service: out });
}

function availabilityZones(req: ServiceRequest, detail: boolean): SimReply {
  if (detail && !req.caller.isAdmin) return policyDenied('os_compute_api:os-availability-zone:detail');
  const zones = new Map<string, SimComputeService[]>();
  for (const s of req.data.computeServices) {
    if (!detail && s.zone === 'internal') continue;
    zones.set(s.zone, [...(zones.get(s.zone) ?? []), s]);
  }
  const info = [...zones.entries()].map(([zoneName, services]) => {
    let hosts: Record<string, unknown> | null = null;
    if (detail) {
      hosts = {};
      for (const s of services) {
        (hosts[s.host] ??= {} as Record<string, unknown>);
        (hosts[s.host] as Record<string, unknown>)[s.binary] = { available: s.state === 'up', active: s.status === 'enabled', updated_at: s.updated_at };
      }
    }
    return { zoneName, zoneState: { available: services.some((s) => s.state === 'up' && s.status === 'enabled') }, hosts };
  });
  return json(200, { availabilityZoneInfo: info });
}

function hypervisors(req: ServiceRequest, detail: boolean): SimReply {
  if (!req.caller.isAdmin) return policyDenied(`os_compute_api:os-hypervisors:${detail ? 'list-detail' : 'list'}`);
  const list = req.data.hypervisors.map((h, i) => {
    const svc = req.data.computeServices.find((s) => s.binary === 'nova-compute' && s.host === h.host);
    const out: Record<string, unknown> = {
      id: atLeast(req.version, '2.53') ? h.id : i + 1,
      hypervisor_hostname: h.hypervisor_hostname,
      state: svc?.state ?? 'down',
      status: svc?.status ?? 'disabled',
    };
    if (!detail) return out;
    Object.assign(out, {
      host_ip: h.host_ip, hypervisor_type: h.hypervisor_type, hypervisor_version: h.hypervisor_version,
      service: { host: h.host, id: atLeast(req.version, '2.53') ? svc?.id : i + 1, disabled_reason: svc?.disabled_reason ?? null },
    });
    if (!atLeast(req.version, '2.88')) {
      const running = req.data.servers.filter((s) => !s.deleted && s.host === h.host);
      Object.assign(out, {
        vcpus: 16, memory_mb: 65536, local_gb: 500, running_vms: running.length,
        vcpus_used: running.reduce((n, s) => n + (req.data.flavors.find((f) => f.id === s.flavor_id)?.vcpus ?? 0), 0),
      });
    } else {
      out.uptime = ' 10:00:00 up 3 days,  1 user,  load average: 0.10, 0.12, 0.09';
    }
    return out;
  });
  return json(200, { hypervisors: list });
}

/** Builds the compute router (paths relative to `/compute/<region>/v2.1`). */
export function novaRouter(): Router<ServiceRequest> {
  const r = new Router<ServiceRequest>();
  addServerRoutes(r);
  r.add('GET', '/flavors', (req) => listFlavors(req, false))
    .add('GET', '/flavors/detail', (req) => listFlavors(req, true))
    .add('GET', '/flavors/:id', (req) => {
      const f = req.data.flavors.find((x) => x.id === req.params.id);
      return f ? json(200, { flavor: renderFlavor(req, f, true) }) : fault(404, `Flavor ${req.params.id} could not be found.`);
    })
    .add('GET', '/os-keypairs', (req) => {
      const userId = req.caller.isAdmin && req.query.get('user_id') ? req.query.get('user_id') : req.caller.user.id;
      const keys = req.data.keypairs.filter((k) => k.user_id === userId).map((k) => ({ ...k, id: k.name }));
      const page = paginate(keys, req.query, req.state.maxLimit, `${req.base}/os-keypairs`);
      if (isReply(page)) return page;
      const body: Record<string, unknown> = {
        keypairs: page.items.map((k) => ({
          keypair: { name: k.name, public_key: k.public_key, fingerprint: k.fingerprint, ...(atLeast(req.version, '2.2') ? { type: k.type } : {}) },
        })),
      };
      if (page.links && atLeast(req.version, '2.35')) body.keypairs_links = page.links;
      return json(200, body);
    })
    .add('GET', '/os-hypervisors', (req) => hypervisors(req, false))
    .add('GET', '/os-hypervisors/detail', (req) => hypervisors(req, true))
    .add('GET', '/os-services', (req) => {
      if (!req.caller.isAdmin) return policyDenied('os_compute_api:os-services:list');
      const host = req.query.get('host');
      const binary = req.query.get('binary');
      const list = req.data.computeServices
        .map((s, i) => [s, i] as const)
        .filter(([s]) => (!host || s.host === host) && (!binary || s.binary === binary))
        .map(([s, i]) => renderService(req, s, i));
      return json(200, { services: list });
    })
    .add('PUT', '/os-services/:id', updateServiceById)
    .add('GET', '/os-availability-zone', (req) => availabilityZones(req, false))
    .add('GET', '/os-availability-zone/detail', (req) => availabilityZones(req, true));
  return r;
}

/** The compute version document served at `/compute/<region>/v2.1` (no token needed). */
export function computeVersion(base: string, maxVersion: string): Record<string, unknown> {
  return {
    id: 'v2.1', status: 'CURRENT', version: maxVersion, min_version: '2.1', updated: '2013-07-23T11:33:21Z',
    links: [{ rel: 'self', href: `${base}/` }, { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
  };
}

