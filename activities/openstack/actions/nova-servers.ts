/**
 * nova.servers_* handlers, following python-novaclient's `ServerManager` (request bodies, defaults, results).
 */
import { OpenStackApiError } from '../client/errors';
import { listAll } from '../client/pagination';
import type { ServiceClient } from '../client/service-client';
import { idOf, limitOf, searchQuery, seg } from './args';
import type { ActionCall, Handler } from './define';
import { exactlyOne, filterByAttrs } from './find';

type Obj = Record<string, unknown>;

async function listServers(c: ActionCall['client'], i: Obj, maxPages: number): Promise<Obj[]> {
  const query = searchQuery(i.search_opts, ['locked']);
  const arr = (v: unknown) => (v === null || v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  if (arr(i.sort_keys).length) query.sort_key = arr(i.sort_keys);
  if (arr(i.sort_dirs).length) query.sort_dir = arr(i.sort_dirs);
  if (i.marker !== null && i.marker !== undefined) query.marker = String(i.marker);
  const path = i.detailed === false ? '/servers' : '/servers/detail';
  return listAll(c, path, 'servers', query, { limit: limitOf(i.limit), maxPages });
}

async function action(c: ServiceClient, server: unknown, body: Obj): Promise<[]> {
  await c.request('POST', `/servers/${seg(server, 'server')}/action`, { body });
  return [];
}

const simple = (name: string): Handler => ({ client, input }) => action(client, input.server, { [name]: null });

async function findall(call: ActionCall): Promise<Obj[]> {
  const attrs = { ...call.input };
  const search: Obj = {};
  if (typeof attrs.name === 'string') search.name = attrs.name; // novaclient sends name as a server-side filter too
  return filterByAttrs(await listServers(call.client, { search_opts: search }, call.maxPages), attrs);
}

function nicsToNetworks(nics: unknown): unknown {
  if (nics === 'auto' || nics === 'none') return nics;
  if (!Array.isArray(nics)) throw new OpenStackApiError(`'nics' must be 'auto', 'none' or a list of {net-id|port-id|v4-fixed-ip|v6-fixed-ip|tag}`);
  return nics.map((n: Obj) => {
    const out: Obj = {};
    if (n['net-id']) out.uuid = n['net-id'];
    if (n['port-id']) out.port = n['port-id'];
    if (n['v4-fixed-ip'] || n['v6-fixed-ip']) out.fixed_ip = n['v4-fixed-ip'] ?? n['v6-fixed-ip'];
    if (n.tag) out.tag = n.tag;
    return out;
  });
}

async function create({ client, input: i }: ActionCall): Promise<unknown> {
  const server: Obj = { name: i.name, imageRef: i.image === null || i.image === '' ? '' : idOf(i.image, 'image'), flavorRef: idOf(i.flavor, 'flavor') };
  const minCount = i.min_count === null ? 1 : Number(i.min_count);
  server.min_count = minCount;
  server.max_count = i.max_count === null ? minCount : Number(i.max_count);
  if (i.meta) server.metadata = i.meta;
  if (i.userdata) server.user_data = Buffer.from(String(i.userdata)).toString('base64');
  if (i.files) {
    server.personality = Object.entries(i.files as Obj).map(([path, contents]) => ({ path, contents: Buffer.from(String(contents)).toString('base64') }));
  }
  if (i.reservation_id) server.return_reservation_id = true;
  if (i.security_groups) server.security_groups = (i.security_groups as unknown[]).map((name) => ({ name }));
  if (i.key_name) server.key_name = i.key_name;
  if (i.availability_zone) server.availability_zone = i.availability_zone;
  if (i.block_device_mapping) server.block_device_mapping = i.block_device_mapping;
  if (i.block_device_mapping_v2) server.block_device_mapping_v2 = i.block_device_mapping_v2;
  if (i.nics !== null && i.nics !== undefined) server.networks = nicsToNetworks(i.nics);
  else if (await client.atLeast('2.37')) server.networks = 'auto'; // required from 2.37; `openstack server create` defaults to auto too
  if (i.config_drive !== null) server.config_drive = Boolean(i.config_drive);
  if (i.disk_config) server['OS-DCF:diskConfig'] = i.disk_config;
  if (i.admin_pass) server.adminPass = i.admin_pass;
  if (i.access_ip_v4) server.accessIPv4 = i.access_ip_v4;
  if (i.access_ip_v6) server.accessIPv6 = i.access_ip_v6;
  for (const k of ['description', 'tags', 'trusted_image_certificates', 'host', 'hypervisor_hostname', 'hostname']) {
    if (i[k] !== null && i[k] !== undefined) server[k] = i[k];
  }
  for (const k of Object.keys(i)) {
    if (!(k in CREATE_KNOWN)) throw new OpenStackApiError(`create() got an unexpected keyword argument '${k}'`);
  }
  const body: Obj = { server };
  if (i.scheduler_hints) body['os:scheduler_hints'] = i.scheduler_hints;
  const res = await client.request('POST', '/servers', { body });
  return (res.body as Obj).server ?? (res.body as Obj).reservation_id;
}

const CREATE_KNOWN = Object.fromEntries(
  ['name', 'image', 'flavor', 'meta', 'files', 'reservation_id', 'min_count', 'max_count', 'security_groups', 'userdata', 'key_name',
    'availability_zone', 'block_device_mapping', 'block_device_mapping_v2', 'nics', 'scheduler_hints', 'config_drive', 'disk_config',
    'admin_pass', 'access_ip_v4', 'access_ip_v6', 'description', 'tags', 'trusted_image_certificates', 'host', 'hypervisor_hostname',
    'hostname'].map((k) => [k, true]),
);

async function liveMigrate({ client, input: i }: ActionCall): Promise<[]> {
  const body: Obj = { host: i.host ?? null };
  if (await client.atLeast('2.25')) {
    body.block_migration = i.block_migration ?? 'auto';
    if (i.force !== null && i.force !== undefined) {
      if (!(await client.atLeast('2.30')) || (await client.atLeast('2.68'))) {
        throw new OpenStackApiError(`'force' is only accepted with compute microversions 2.30 to 2.67`);
      }
      body.force = i.force;
    }
  } else {
    body.block_migration = i.block_migration === 'auto' ? false : Boolean(i.block_migration);
    body.disk_over_commit = Boolean(i.disk_over_commit);
  }
  return action(client, i.server, { 'os-migrateLive': body });
}

async function migrate({ client, input: i }: ActionCall): Promise<[]> {
  if (i.host !== null && i.host !== undefined) {
    if (!(await client.atLeast('2.56'))) throw new OpenStackApiError(`'host' needs compute microversion 2.56 or later`);
    return action(client, i.server, { migrate: { host: i.host } });
  }
  return action(client, i.server, { migrate: null });
}

async function lock({ client, input: i }: ActionCall): Promise<[]> {
  if (i.reason !== null && i.reason !== undefined) {
    if (!(await client.atLeast('2.73'))) throw new OpenStackApiError(`'reason' needs compute microversion 2.73 or later`);
    return action(client, i.server, { lock: { locked_reason: i.reason } });
  }
  return action(client, i.server, { lock: null });
}

async function update({ client, input: i }: ActionCall): Promise<unknown> {
  const server: Obj = {};
  if (i.name !== null && i.name !== undefined) server.name = i.name;
  if (i.description !== null && i.description !== undefined) server.description = i.description;
  if (i.hostname !== null && i.hostname !== undefined) server.hostname = i.hostname;
  if (Object.keys(server).length === 0) return [];
  const res = await client.request('PUT', `/servers/${seg(i.server, 'server')}`, { body: { server } });
  return (res.body as Obj).server;
}

/** Handlers of nova.servers_*. */
export const novaServerHandlers: Record<string, Handler> = {
  servers_list: ({ client, input, maxPages }) => listServers(client, input, maxPages),
  servers_get: async ({ client, input }) => (await client.get(`/servers/${seg(input.server, 'server')}`)).server,
  servers_findall: findall,
  servers_find: async (call) => exactlyOne(await findall(call), 'Server', call.input),
  servers_create: create,
  servers_delete: async ({ client, input }) => {
    await client.request('DELETE', `/servers/${seg(input.server, 'server')}`);
    return [];
  },
  servers_reboot: ({ client, input }) => action(client, input.server, { reboot: { type: input.reboot_type } }),
  servers_start: simple('os-start'),
  servers_stop: simple('os-stop'),
  servers_pause: simple('pause'),
  servers_unpause: simple('unpause'),
  servers_suspend: simple('suspend'),
  servers_resume: simple('resume'),
  servers_lock: lock,
  servers_unlock: simple('unlock'),
  servers_live_migrate: liveMigrate,
  servers_migrate: migrate,
  servers_confirm_resize: simple('confirmResize'),
  servers_set_meta: async ({ client, input }) => {
    const res = await client.request('POST', `/servers/${seg(input.server, 'server')}/metadata`, { body: { metadata: input.metadata } });
    return (res.body as Obj).metadata;
  },
  servers_update: update,
};
