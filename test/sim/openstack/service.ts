/**
 * What a Nova or Cinder handler receives once the dispatcher has checked the token, parsed the microversion and
 * picked the region's data; plus the policy check helper both services use.
 */
import { fault, type SimReply, type SimRequest } from './http';
import type { Caller } from './keystone';
import type { RegionData } from './model';
import type { Version } from './paging';
import type { SimState } from './state';

/** An authenticated, versioned request against one region. */
export interface ServiceRequest extends SimRequest {
  caller: Caller;
  version: Version;
  data: RegionData;
  region: string;
  state: SimState;
}

/** The 403 a policy refusal gives: `Policy doesn't allow <rule> to be performed.` */
export function policyDenied(rule: string): SimReply {
  return fault(403, `Policy doesn't allow ${rule} to be performed.`);
}

/** A plain object body field, or undefined. */
export function objectField(body: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** True for the truthy spellings OpenStack query strings use (`1`, `true`, `True`, `yes`). */
export function truthy(v: string | null): boolean {
  return v !== null && ['1', 'true', 'yes', 'on', 't', 'y'].includes(v.toLowerCase());
}
