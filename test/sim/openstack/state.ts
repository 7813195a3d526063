/**
 * The simulator's run state: seed data, issued tokens, scheduled status transitions, injected faults and a log of
 * the requests received (so tests can check headers such as `OpenStack-API-Version`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { RegionData, SimSeed, SimToken } from './model';

/** Settings of one simulator instance; all optional. */
export interface OpenStackSimulatorOptions {
  /** TCP port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** Region names; each gets its own Nova and Cinder data (default `['RegionOne']`). */
  regions?: string[];
  /** Lifetime of issued tokens in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Delay of status transitions (REBOOT → ACTIVE, creating → available, ...) in ms (default 2000). */
  transitionDelayMs?: number;
  /**
   * How long new snapshots / backups stay `creating`, in ms, overriding `transitionDelayMs` for them (real clouds
   * take seconds for a snapshot and minutes for a backup; the cinder_backup seed polls backups every 10 s).
   */
  creationDelaysMs?: { snapshots?: number; backups?: number };
  /** The services' `osapi_max_limit`: the page size when a list gives no `limit`, and its cap (default 1000). */
  maxLimit?: number;
  /** Highest compute microversion announced and accepted (default '2.96'). */
  computeMaxVersion?: string;
  /** Highest volume microversion announced and accepted (default '3.71'). */
  volumeMaxVersion?: string;
  /** Replaces the demo seed (see `demoSeed()`). */
  seed?: SimSeed;
  /** The simulator's clock, in ms (default `Date.now`). */
  now?: () => number;
}

/** An injected failure: the next `times` matching requests get `status` (or a dropped connection). */
export interface SimFault {
  service?: 'identity' | 'compute' | 'volume';
  method?: string;
  /** Matches the service-relative path (a substring, or a RegExp). */
  path?: string | RegExp;
  status?: number;
  message?: string;
  /** Destroy the connection instead of answering. */
  drop?: boolean;
  /** How many requests it applies to (default 1). */
  times?: number;
}

/** A backup failure to inject: the next backup (of that volume, if given) ends in `error` with this reason. */
export interface SimBackupFailure {
  volume_id?: string;
  reason?: string;
  /**
   * Status the backup's source snapshot is left in when the backup fails. Default `available`: cinder-backup puts
   * it back after a driver error. `backing-up` is what a cinder-backup restart in the middle of the backup leaves
   * (the backup is reset to `error`, the snapshot is not), and Cinder then refuses to delete the snapshot.
   */
  snapshotStatus?: string;
}

/** One request as received, for assertions. */
export interface SimLoggedRequest {
  service: 'identity' | 'compute' | 'volume' | 'other';
  region: string | null;
  interface: 'public' | 'internal';
  method: string;
  path: string;
  query: string;
  apiVersion: string | undefined;
  authToken: string | undefined;
  status: number;
}

interface Pending {
  at: number;
  apply: () => void;
}

/** Mutable simulator state shared by the Keystone, Nova and Cinder handlers. */
export class SimState {
  readonly seed: SimSeed;
  readonly tokens = new Map<string, SimToken>();
  readonly faults: SimFault[] = [];
  readonly backupFailures: SimBackupFailure[] = [];
  readonly log: SimLoggedRequest[] = [];
  readonly regionNames: string[];
  readonly tokenTtlMs: number;
  transitionDelayMs: number;
  readonly creationDelaysMs: { snapshots?: number; backups?: number };
  readonly maxLimit: number;
  readonly computeMaxVersion: string;
  readonly volumeMaxVersion: string;
  readonly now: () => number;
  private pending: Pending[] = [];

  constructor(opts: OpenStackSimulatorOptions, seed: SimSeed) {
    this.seed = seed;
    this.regionNames = Object.keys(seed.regions);
    this.tokenTtlMs = (opts.tokenTtlSeconds ?? 3600) * 1000;
    this.transitionDelayMs = opts.transitionDelayMs ?? 2000;
    this.creationDelaysMs = { ...(opts.creationDelaysMs ?? {}) };
    this.maxLimit = opts.maxLimit ?? 1000;
    this.computeMaxVersion = opts.computeMaxVersion ?? '2.96';
    this.volumeMaxVersion = opts.volumeMaxVersion ?? '3.71';
    this.now = opts.now ?? Date.now;
  }

  /** The data of one region, or undefined for an unknown region. */
  region(name: string): RegionData | undefined {
    return this.seed.regions[name];
  }

  /** Runs `apply` once the transition delay (or `delayMs`) has passed; applied lazily before each request. */
  schedule(apply: () => void, delayMs = this.transitionDelayMs): void {
    this.pending.push({ at: this.now() + delayMs, apply });
  }

  /** Applies every transition whose time has come, in schedule order. */
  tick(): void {
    const now = this.now();
    const due = this.pending.filter((p) => p.at <= now);
    if (due.length === 0) return;
    this.pending = this.pending.filter((p) => p.at > now);
    for (const p of due) p.apply();
  }

  /** Takes the first injected fault matching this request, if any. */
  takeFault(service: string, method: string, path: string): SimFault | undefined {
    const i = this.faults.findIndex(
      (f) =>
        (!f.service || f.service === service) &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.path || (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path))),
    );
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    const left = (f.times ?? 1) - 1;
    if (left <= 0) this.faults.splice(i, 1);
    else f.times = left;
    return f;
  }

  /** Takes the first injected backup failure for this volume, if any. */
  takeBackupFailure(volumeId: string): SimBackupFailure | undefined {
    const i = this.backupFailures.findIndex((f) => !f.volume_id || f.volume_id === volumeId);
    return i < 0 ? undefined : this.backupFailures.splice(i, 1)[0];
  }
}

/** A new UUID (resources created at run time). */
export function newUuid(): string {
  return randomUUID();
}

/** A new Keystone-style hex token or id. */
export function newHexId(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/** ISO timestamp as Nova prints it (`2026-01-05T09:00:00Z`). */
export function novaTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Timestamp as Cinder prints it (`2026-01-05T09:00:00.000000`). */
export function cinderTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000');
}
