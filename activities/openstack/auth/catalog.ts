/**
 * Endpoint lookup in a Keystone v3 service catalog: by service type (several accepted, in order), interface and
 * region, as keystoneauth does.
 */
import { OpenStackApiError } from '../client/errors';

/** One catalog entry. */
export interface CatalogService {
  type: string;
  name?: string;
  endpoints: { interface: string; region?: string; region_id?: string; url: string }[];
}

/**
 * The URL of the first endpoint of the first service type (in `types` order) with the given interface and, if set,
 * region. Throws a non-retryable error in keystoneauth's words when there is none
 * (`public endpoint for compute service in RegionX region not found`).
 */
export function findEndpoint(catalog: CatalogService[], types: readonly string[], iface: string, region?: string): string {
  for (const type of types) {
    for (const svc of catalog.filter((s) => s.type === type)) {
      const ep = svc.endpoints.find((e) => e.interface === iface && (!region || e.region_id === region || e.region === region));
      if (ep) return ep.url.replace(/\/+$/, '');
    }
  }
  const where = region ? ` in ${region} region` : '';
  const hint = catalog.length === 0 ? ' (the token has an empty catalog: is a project scope configured?)' : '';
  throw new OpenStackApiError(`${iface} endpoint for ${types[0]} service${where} not found${hint}`);
}
