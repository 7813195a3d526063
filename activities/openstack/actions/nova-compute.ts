/**
 * nova.* handlers other than servers: flavors, keypairs, hypervisors, services (enable/disable by host + binary or by
 * service UUID, whichever the microversion needs), availability zones.
 */
import { OpenStackApiError } from '../client/errors';
import { listAll } from '../client/pagination';
import type { Query } from '../client/service-client';
import { limitOf, pyStr, seg } from './args';
import type { ActionCall, Handler } from './define';
import { exactlyOne, filterByAttrs } from './find';

type Obj = Record<string, unknown>;

async function listFlavors(call: ActionCall, i: Obj): Promise<Obj[]> {
  const q: Query = {};
  if (i.is_public !== true) q.is_public = pyStr(i.is_public);
  if (i.marker !== null && i.marker !== undefined) q.marker = String(i.marker);
  if (i.min_disk !== null && i.min_disk !== undefined) q.minDisk = Number(i.min_disk);
  if (i.min_ram !== null && i.min_ram !== undefined) q.minRam = Number(i.min_ram);
  if (i.sort_key) q.sort_key = String(i.sort_key);
  if (i.sort_dir) q.sort_dir = String(i.sort_dir);
  const path = i.detailed === false ? '/flavors' : '/flavors/detail';
  return listAll(call.client, path, 'flavors', q, { limit: limitOf(i.limit), maxPages: call.maxPages });
}

async function flavorFindall(call: ActionCall): Promise<Obj[]> {
  const attrs = { ...call.input };
  const listArgs: Obj = { detailed: true, is_public: true };
  if ('is_public' in attrs) {
    listArgs.is_public = attrs.is_public;
    if (attrs.is_public === null) delete attrs.is_public;
  }
  return filterByAttrs(await listFlavors(call, listArgs), attrs);
}

/** Resolves the service to act on: `service_uuid`, or the UUID of the service at host + binary (2.53+). */
async function serviceId(call: ActionCall): Promise<string> {
  const i = call.input;
  if (i.service_uuid) return String(i.service_uuid);
  if (!i.host || !i.binary) throw new OpenStackApiError(`give 'host' and 'binary' (or 'service_uuid') of the compute service`);
  const body = await call.client.get<{ services: Obj[] }>('/os-services', { host: String(i.host), binary: String(i.binary) });
  const found = body.services.filter((s) => s.host === i.host && s.binary === i.binary);
  if (found.length === 0) throw new OpenStackApiError(`Service with host ${String(i.host)} and binary ${String(i.binary)} could not be found. (HTTP 404)`, { status: 404 });
  return String(found[0]!.id);
}

function serviceUpdate(status: 'enabled' | 'disabled', withReason: boolean): Handler {
  return async (call) => {
    const { client, input: i } = call;
    if (withReason && (i.reason === null || i.reason === undefined)) throw new OpenStackApiError(`'reason' is required`);
    if (await client.atLeast('2.53')) {
      const body: Obj = { status };
      if (withReason) body.disabled_reason = i.reason;
      const res = await client.request('PUT', `/os-services/${encodeURIComponent(await serviceId(call))}`, { body });
      return (res.body as Obj).service;
    }
    if (i.service_uuid) throw new OpenStackApiError(`'service_uuid' needs compute microversion 2.53 or later; give host and binary`);
    if (!i.host || !i.binary) throw new OpenStackApiError(`give 'host' and 'binary' of the compute service`);
    const action = status === 'enabled' ? 'enable' : withReason ? 'disable-log-reason' : 'disable';
    const body: Obj = { host: i.host, binary: i.binary };
    if (withReason) body.disabled_reason = i.reason;
    const res = await client.request('PUT', `/os-services/${action}`, { body });
    return (res.body as Obj).service;
  };
}

/** Handlers of nova.flavors_*, keypairs_list, hypervisors_list, services_*, availability_zones_list. */
export const novaComputeHandlers: Record<string, Handler> = {
  flavors_list: (call) => listFlavors(call, call.input),
  flavors_get: async ({ client, input }) => (await client.get(`/flavors/${seg(input.flavor, 'flavor')}`)).flavor,
  flavors_findall: flavorFindall,
  flavors_find: async (call) => exactlyOne(await flavorFindall(call), 'Flavor', call.input),
  keypairs_list: async ({ client, input: i, maxPages }) => {
    const q: Query = {};
    if (i.user_id) q.user_id = String(i.user_id);
    if (i.marker) q.marker = String(i.marker);
    const items = await listAll(client, '/os-keypairs', 'keypairs', q, { limit: limitOf(i.limit), maxPages });
    return items.map((k) => (k.keypair ?? k) as Obj);
  },
  hypervisors_list: async ({ client, input, maxPages }) =>
    listAll(client, input.detailed === false ? '/os-hypervisors' : '/os-hypervisors/detail', 'hypervisors', {}, { maxPages }),
  services_list: async ({ client, input }) => {
    const q: Query = {};
    if (input.host) q.host = String(input.host);
    if (input.binary) q.binary = String(input.binary);
    return (await client.get<{ services: Obj[] }>('/os-services', q)).services;
  },
  services_enable: serviceUpdate('enabled', false),
  services_disable: serviceUpdate('disabled', false),
  services_disable_log_reason: serviceUpdate('disabled', true),
  availability_zones_list: async ({ client, input }) =>
    (await client.get<{ availabilityZoneInfo: Obj[] }>(input.detailed === false ? '/os-availability-zone' : '/os-availability-zone/detail'))
      .availabilityZoneInfo,
};
