/**
 * Simulated Nova servers: list (summary/detail, filters, sort, marker/limit with `servers_links`), show, create
 * (BUILD → ACTIVE), update, delete (deleting → gone), metadata, and the server actions with their vm_state checks
 * and timed transitions (reboot, os-start, os-stop, pause, unpause, suspend, resume, lock, unlock, os-migrateLive,
 * migrate, confirmResize).
 */
import { createHash } from 'node:crypto';
import { fault, json, type SimReply } from './http';
import type { SimServer } from './model';
import { atLeast, isReply, paginate, sortBy } from './paging';
import { objectField, policyDenied, truthy, type ServiceRequest } from './service';
import { newUuid, novaTime, type SimState } from './state';

const TASK_STATUS: Record<string, string> = {
  rebooting: 'REBOOT',
  reboot_pending: 'REBOOT',
  reboot_started: 'REBOOT',
  rebooting_hard: 'HARD_REBOOT',
  migrating: 'MIGRATING',
  resize_prep: 'RESIZE',
  resize_migrating: 'RESIZE',
};
const VM_STATUS: Record<string, string> = {
  active: 'ACTIVE',
  building: 'BUILD',
  stopped: 'SHUTOFF',
  paused: 'PAUSED',
  suspended: 'SUSPENDED',
  resized: 'VERIFY_RESIZE',
  error: 'ERROR',
  shelved_offloaded: 'SHELVED_OFFLOADED',
};
const POWER: Record<string, number> = { active: 1, building: 0, stopped: 4, paused: 3, suspended: 4, resized: 1, error: 0 };

/** Sets vm_state/task_state and derives `status` and `power_state` as Nova's `status_from_state` does. */
export function setState(s: SimServer, vmState: string, taskState: string | null, now: number): void {
  s.vm_state = vmState;
  s.task_state = taskState;
  s.status = (vmState === 'active' && taskState && TASK_STATUS[taskState]) || VM_STATUS[vmState] || vmState.toUpperCase();
  s.power_state = POWER[vmState] ?? 0;
  s.updated = novaTime(now);
}

function serverLinks(req: ServiceRequest, id: string) {
  return [
    { rel: 'self', href: `${req.base}/servers/${id}` },
    { rel: 'bookmark', href: `${req.base.replace(/\/v2\.1$/, '')}/servers/${id}` },
  ];
}

/** Renders a server as `GET /servers/{id}` does at the request's microversion. */
export function renderServer(req: ServiceRequest, s: SimServer): Record<string, unknown> {
  const v = req.version;
  const flavor = req.data.flavors.find((f) => f.id === s.flavor_id);
  const base = req.base.replace(/\/v2\.1$/, '');
  const out: Record<string, unknown> = {
    id: s.id,
    name: s.name,
    status: s.status,
    tenant_id: s.project_id,
    user_id: s.user_id,
    metadata: { ...s.metadata },
    hostId: createHash('sha224').update(s.project_id + s.host).digest('hex'),
    image: s.image_id ? { id: s.image_id, links: [{ rel: 'bookmark', href: `${base}/images/${s.image_id}` }] } : '',
    flavor: atLeast(v, '2.47') && flavor
      ? { vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk, ephemeral: flavor.ephemeral, swap: flavor.swap, original_name: flavor.name, extra_specs: {} }
      : { id: s.flavor_id, links: [{ rel: 'bookmark', href: `${base}/flavors/${s.flavor_id}` }] },
    created: s.created,
    updated: s.updated,
    addresses: structuredClone(s.addresses),
    accessIPv4: '',
    accessIPv6: '',
    links: serverLinks(req, s.id),
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': s.availability_zone,
    config_drive: '',
    key_name: s.key_name,
    'OS-SRV-USG:launched_at': s.launched_at,
    'OS-SRV-USG:terminated_at': null,
    'OS-EXT-STS:task_state': s.task_state,
    'OS-EXT-STS:vm_state': s.vm_state,
    'OS-EXT-STS:power_state': s.power_state,
    'os-extended-volumes:volumes_attached': req.data.volumes
      .filter((vol) => vol.attachments.some((a) => a.server_id === s.id))
      .map((vol) => (atLeast(v, '2.3') ? { id: vol.id, delete_on_termination: false } : { id: vol.id })),
    security_groups: s.security_groups.map((name) => ({ name })),
  };
  if (s.status === 'BUILD') out.progress = 0;
  if (req.caller.isAdmin) {
    out['OS-EXT-SRV-ATTR:host'] = s.host;
    out['OS-EXT-SRV-ATTR:hypervisor_hostname'] = `${s.host}.example.org`;
    out['OS-EXT-SRV-ATTR:instance_name'] = s.instance_name;
    if (atLeast(v, '2.16')) out.host_status = 'UP';
  }
  if (atLeast(v, '2.9')) out.locked = s.locked;
  if (atLeast(v, '2.19')) out.description = s.description;
  if (atLeast(v, '2.26')) out.tags = [...s.tags];
  if (atLeast(v, '2.73')) out.locked_reason = s.locked_reason;
  return out;
}

function visible(req: ServiceRequest, s: SimServer): boolean {
  return !s.deleted && (s.project_id === req.caller.project.id || req.caller.isAdmin);
}

/** Finds a server the caller may see, or the 404 Nova gives. */
export function findServer(req: ServiceRequest, id: string): SimServer | SimReply {
  const s = req.data.servers.find((x) => x.id === id && !x.deleted);
  if (!s || !visible(req, s)) return fault(404, `Instance ${id} could not be found.`);
  return s;
}

function listServers(req: ServiceRequest, detail: boolean): SimReply {
  const q = req.query;
  const allTenants = q.has('all_tenants') && (q.get('all_tenants') === '' || truthy(q.get('all_tenants')));
  if (allTenants && !req.caller.isAdmin) return policyDenied('os_compute_api:servers:detail:get_all_tenants');
  const projectFilter = q.get('project_id') ?? q.get('tenant_id');
  let items = req.data.servers.filter((s) => !s.deleted);
  if (allTenants) {
    if (projectFilter) items = items.filter((s) => s.project_id === projectFilter);
  } else {
    items = items.filter((s) => s.project_id === req.caller.project.id);
  }
  const name = q.get('name');
  if (name) {
    let re: RegExp;
    try {
      re = new RegExp(name);
    } catch {
      return fault(400, `Invalid input for query parameters name.`);
    }
    items = items.filter((s) => re.test(s.name));
  }
  const status = q.get('status');
  if (status) items = items.filter((s) => s.status === status.toUpperCase());
  if (req.caller.isAdmin && q.get('host')) items = items.filter((s) => s.host === q.get('host'));
  const ip = q.get('ip');
  if (ip) {
    const re = new RegExp(ip);
    items = items.filter((s) => Object.values(s.addresses).flat().some((a) => a.version === 4 && re.test(a.addr)));
  }
  if (q.get('flavor')) items = items.filter((s) => s.flavor_id === q.get('flavor'));
  if (q.get('image')) items = items.filter((s) => s.image_id === q.get('image'));
  if (q.get('availability_zone')) items = items.filter((s) => s.availability_zone === q.get('availability_zone'));
  if (q.has('locked') && atLeast(req.version, '2.73')) items = items.filter((s) => s.locked === truthy(q.get('locked')));
  if (q.get('changes-since')) items = items.filter((s) => s.updated >= q.get('changes-since')!);

  const keys = q.getAll('sort_key');
  const dirs = q.getAll('sort_dir');
  const sortKeys = keys.length
    ? keys.map((key, i) => ({ key: key === 'created_at' ? 'created' : key === 'updated_at' ? 'updated' : key === 'display_name' ? 'name' : key, dir: (dirs[i] ?? 'desc') as 'asc' | 'desc' }))
    : [{ key: 'created', dir: 'desc' as const }];
  sortKeys.push({ key: 'id', dir: 'desc' });
  items = sortBy(items, sortKeys, (s, k) => (s as unknown as Record<string, unknown>)[k]);

  const page = paginate(items, q, req.state.maxLimit, `${req.base}/servers${detail ? '/detail' : ''}`, (m) =>
    fault(400, `marker [${m}] not found`),
  );
  if (isReply(page)) return page;
  const body: Record<string, unknown> = {
    servers: page.items.map((s) => (detail ? renderServer(req, s) : { id: s.id, name: s.name, links: serverLinks(req, s.id) })),
  };
  if (page.links) body.servers_links = page.links;
  return json(200, body);
}

function conflict(id: string, action: string, attr: string, state: string): SimReply {
  return fault(409, `Cannot '${action}' instance ${id} while it is in ${attr} ${state}`);
}

interface ActionRule {
  /** vm_states the action is allowed from. */
  from: string[];
  /** Admin-only policy rule, if any. */
  adminRule?: string;
  /** Runs the action: set the in-between state and schedule the end state. */
  run(req: ServiceRequest, s: SimServer, arg: Record<string, unknown>): SimReply | void;
}

function transit(state: SimState, s: SimServer, during: [string, string | null], after: [string, string | null], then?: () => void): void {
  setState(s, during[0], during[1], state.now());
  state.schedule(() => {
    if (s.deleted) return;
    setState(s, after[0], after[1], state.now());
    then?.();
  });
}

const ACTIONS: Record<string, ActionRule> = {
  reboot: {
    from: ['active', 'stopped', 'paused', 'suspended', 'error'],
    run(req, s, arg) {
      const type = String(arg.type ?? '').toUpperCase();
      if (type !== 'SOFT' && type !== 'HARD') {
        return fault(400, `Invalid input for field/attribute type. Value: ${String(arg.type)}. '${String(arg.type)}' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']`);
      }
      if (type === 'SOFT' && s.vm_state !== 'active') return conflict(s.id, 'reboot', 'vm_state', s.vm_state);
      transit(req.state, s, ['active', type === 'SOFT' ? 'rebooting' : 'rebooting_hard'], ['active', null]);
    },
  },
  'os-start': { from: ['stopped'], run: (req, s) => transit(req.state, s, ['stopped', 'powering-on'], ['active', null]) },
  'os-stop': { from: ['active', 'error', 'resized', 'paused', 'suspended'], run: (req, s) => transit(req.state, s, [s.vm_state, 'powering-off'], ['stopped', null]) },
  pause: { from: ['active'], run: (req, s) => transit(req.state, s, ['active', 'pausing'], ['paused', null]) },
  unpause: { from: ['paused'], run: (req, s) => transit(req.state, s, ['paused', 'unpausing'], ['active', null]) },
  suspend: { from: ['active'], run: (req, s) => transit(req.state, s, ['active', 'suspending'], ['suspended', null]) },
  resume: { from: ['suspended'], run: (req, s) => transit(req.state, s, ['suspended', 'resuming'], ['active', null]) },
  lock: {
    from: ['*'],
    run(req, s, arg) {
      s.locked = true;
      s.locked_reason = atLeast(req.version, '2.73') && typeof arg.locked_reason === 'string' ? arg.locked_reason : null;
    },
  },
  unlock: {
    from: ['*'],
    run(_req, s) {
      s.locked = false;
      s.locked_reason = null;
    },
  },
  'os-migrateLive': {
    from: ['active', 'paused'],
    adminRule: 'os_compute_api:os-migrate-server:migrate_live',
    run(req, s, arg) {
      const bm = arg.block_migration;
      const okBm = atLeast(req.version, '2.25') ? bm === 'auto' || typeof bm === 'boolean' : typeof bm === 'boolean';
      if (!('block_migration' in arg)) return fault(400, `Invalid input for field/attribute os-migrateLive. Value: ${JSON.stringify(arg)}. 'block_migration' is a required property`);
      if (!okBm) return fault(400, `Invalid input for field/attribute block_migration. Value: ${String(bm)}.`);
      if (!atLeast(req.version, '2.25') && !('disk_over_commit' in arg)) {
        return fault(400, `Invalid input for field/attribute os-migrateLive. Value: ${JSON.stringify(arg)}. 'disk_over_commit' is a required property`);
      }
      const target = pickHost(req, s, arg.host);
      if (isReply(target)) return target;
      const vm = s.vm_state;
      transit(req.state, s, ['active', 'migrating'], [vm, null], () => (s.host = target));
    },
  },
  migrate: {
    from: ['active', 'stopped'],
    adminRule: 'os_compute_api:os-migrate-server:migrate',
    run(req, s, arg) {
      const target = pickHost(req, s, arg?.host);
      if (isReply(target)) return target;
      transit(req.state, s, ['active', 'resize_prep'], ['resized', null], () => (s.host = target));
    },
  },
  confirmResize: { from: ['resized'], run: (req, s) => setState(s, 'active', null, req.state.now()) },
};

function pickHost(req: ServiceRequest, s: SimServer, host: unknown): string | SimReply {
  const computes = req.data.computeServices.filter((c) => c.binary === 'nova-compute');
  if (host !== undefined && host !== null) {
    const c = computes.find((x) => x.host === host);
    if (!c) return fault(400, `Compute host ${String(host)} could not be found.`);
    if (c.host === s.host) return fault(400, `Unable to migrate instance (${s.id}) to current host (${s.host}).`);
    return c.host;
  }
  const other = computes.find((c) => c.host !== s.host && c.status === 'enabled' && c.state === 'up');
  if (!other) return fault(400, `No valid host was found. There are not enough hosts available.`);
  return other.host;
}

function serverAction(req: ServiceRequest): SimReply {
  const s = findServer(req, req.params.id!);
  if (isReply(s)) return s;
  const body = req.body;
  if (typeof body !== 'object' || body === null || Object.keys(body).length !== 1) {
    return fault(400, 'Malformed request body');
  }
  const [name, rawArg] = Object.entries(body as Record<string, unknown>)[0]!;
  const rule = ACTIONS[name];
  if (!rule) return fault(400, `There is no such action: ${name}`);
  if (rule.adminRule && !req.caller.isAdmin) return policyDenied(rule.adminRule);
  if (s.locked && !req.caller.isAdmin && name !== 'unlock' && name !== 'lock') return fault(409, `Instance ${s.id} is locked`);
  const action = name === 'os-migrateLive' ? 'live_migration' : name.replace(/^os-/, '');
  if (!rule.from.includes('*')) {
    if (!rule.from.includes(s.vm_state)) return conflict(s.id, action, 'vm_state', s.vm_state);
    if (s.task_state) return conflict(s.id, action, 'task_state', s.task_state);
  }
  const arg = (typeof rawArg === 'object' && rawArg !== null ? rawArg : {}) as Record<string, unknown>;
  const out = rule.run(req, s, arg);
  return out ?? { status: 202 };
}

function createServer(req: ServiceRequest): SimReply {
  const b = objectField(req.body, 'server');
  if (!b) return fault(400, `Invalid input for field/attribute server. Value: None. None is not of type 'object'`);
  if (typeof b.name !== 'string' || b.name.trim() === '') return fault(400, `Invalid input for field/attribute server. Value: ${JSON.stringify(b)}. 'name' is a required property`);
  if (b.flavorRef === undefined) return fault(400, `Invalid input for field/attribute server. Value: ${JSON.stringify(b)}. 'flavorRef' is a required property`);
  const flavorRef = String(b.flavorRef).split('/').pop()!;
  const flavor = req.data.flavors.find((f) => f.id === flavorRef);
  if (!flavor) return fault(400, `Flavor ${flavorRef} could not be found.`);
  const hasBdm = Array.isArray(b.block_device_mapping_v2) && b.block_device_mapping_v2.length > 0;
  if (!b.imageRef && !hasBdm) return fault(400, `Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.`);
  if (atLeast(req.version, '2.37') && b.networks === undefined) {
    return fault(400, `Invalid input for field/attribute server. Value: ${JSON.stringify(b)}. 'networks' is a required property`);
  }
  if (b.key_name !== undefined && b.key_name !== null && !req.data.keypairs.some((k) => k.name === b.key_name && k.user_id === req.caller.user.id)) {
    return fault(400, `Invalid key_name provided.`);
  }
  const state = req.state;
  const now = state.now();
  const count = Math.max(1, Number(b.min_count ?? 1));
  const created: SimServer[] = [];
  for (let i = 0; i < count; i++) {
    const n = req.data.servers.length + 1;
    const s: SimServer = {
      id: newUuid(), name: count > 1 ? `${b.name}-${i + 1}` : b.name, project_id: req.caller.project.id, user_id: req.caller.user.id,
      status: 'BUILD', vm_state: 'building', task_state: 'scheduling', power_state: 0, host: 'compute-1',
      availability_zone: typeof b.availability_zone === 'string' ? b.availability_zone.split(':')[0]! : 'nova',
      flavor_id: flavor.id, image_id: typeof b.imageRef === 'string' ? b.imageRef : '', key_name: (b.key_name as string) ?? null,
      metadata: (objectField(b, 'metadata') as Record<string, string>) ?? {}, addresses: {},
      created: novaTime(now), updated: novaTime(now), launched_at: null, locked: false, locked_reason: null,
      description: typeof b.description === 'string' ? b.description : null, tags: Array.isArray(b.tags) ? b.tags.map(String) : [],
      security_groups: Array.isArray(b.security_groups) ? b.security_groups.map((g) => String((g as { name?: unknown }).name)) : ['default'],
      instance_name: `instance-${(1000 + n).toString(16).padStart(8, '0')}`,
    };
    req.data.servers.push(s);
    created.push(s);
    const octet = 100 + n;
    state.schedule(() => {
      if (s.deleted) return;
      s.addresses = b.networks === 'none' ? {} : {
        private: [{ version: 4, addr: `10.0.0.${octet}`, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': `fa:16:3e:00:10:${(octet % 256).toString(16).padStart(2, '0')}` }],
      };
      s.launched_at = novaTime(state.now()).replace('Z', '.000000');
      setState(s, 'active', null, state.now());
    });
  }
  const s = created[0]!;
  return json(202, {
    server: {
      id: s.id, links: serverLinks(req, s.id), 'OS-DCF:diskConfig': 'MANUAL',
      security_groups: s.security_groups.map((name) => ({ name })), adminPass: typeof b.adminPass === 'string' ? b.adminPass : 'Sim4dminPass',
    },
  });
}

function deleteServer(req: ServiceRequest): SimReply {
  const s = findServer(req, req.params.id!);
  if (isReply(s)) return s;
  if (s.locked && !req.caller.isAdmin) return fault(409, `Instance ${s.id} is locked`);
  s.task_state = 'deleting';
  s.updated = novaTime(req.state.now());
  req.state.schedule(() => {
    s.deleted = true;
    for (const v of req.data.volumes) {
      if (v.attachments.some((a) => a.server_id === s.id)) {
        v.attachments = v.attachments.filter((a) => a.server_id !== s.id);
        v.status = 'available';
        v.attach_status = 'detached';
      }
    }
  });
  return { status: 204 };
}

function updateServer(req: ServiceRequest): SimReply {
  const s = findServer(req, req.params.id!);
  if (isReply(s)) return s;
  const b = objectField(req.body, 'server');
  if (!b) return fault(400, `Invalid input for field/attribute server. Value: None. None is not of type 'object'`);
  if (b.name !== undefined) {
    if (typeof b.name !== 'string' || !b.name.trim()) return fault(400, `Invalid input for field/attribute name. Value: ${String(b.name)}.`);
    s.name = b.name;
  }
  if (b.description !== undefined) {
    if (!atLeast(req.version, '2.19')) return fault(400, `Invalid input for field/attribute server. Additional properties are not allowed ('description' was unexpected)`);
    s.description = b.description === null ? null : String(b.description);
  }
  s.updated = novaTime(req.state.now());
  return json(200, { server: renderServer(req, s) });
}

function setMetadata(req: ServiceRequest, replace: boolean): SimReply {
  const s = findServer(req, req.params.id!);
  if (isReply(s)) return s;
  const md = objectField(req.body, 'metadata');
  if (!md) return fault(400, `Malformed request body. metadata must be object`);
  for (const [k, v] of Object.entries(md)) {
    if (typeof v !== 'string') return fault(400, `Invalid input for field/attribute ${k}. Value: ${JSON.stringify(v)}. ${JSON.stringify(v)} is not of type 'string'`);
  }
  s.metadata = replace ? { ...(md as Record<string, string>) } : { ...s.metadata, ...(md as Record<string, string>) };
  s.updated = novaTime(req.state.now());
  return json(200, { metadata: { ...s.metadata } });
}

/** Registers the servers routes on a compute router. */
export function addServerRoutes(r: import('./http').Router<ServiceRequest>): void {
  r.add('GET', '/servers', (req) => listServers(req, false))
    .add('GET', '/servers/detail', (req) => listServers(req, true))
    .add('POST', '/servers', createServer)
    .add('GET', '/servers/:id', (req) => {
      const s = findServer(req, req.params.id!);
      return isReply(s) ? s : json(200, { server: renderServer(req, s) });
    })
    .add('PUT', '/servers/:id', updateServer)
    .add('DELETE', '/servers/:id', deleteServer)
    .add('POST', '/servers/:id/action', serverAction)
    .add('GET', '/servers/:id/metadata', (req) => {
      const s = findServer(req, req.params.id!);
      return isReply(s) ? s : json(200, { metadata: { ...s.metadata } });
    })
    .add('POST', '/servers/:id/metadata', (req) => setMetadata(req, false))
    .add('PUT', '/servers/:id/metadata', (req) => setMetadata(req, true));
}
