/**
 * clouds.yaml loading as openstacksdk does it: `OS_CLIENT_CONFIG_FILE` first, then `./clouds.yaml`,
 * `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml` (the first file found wins); `secure.yaml` in the
 * same places is merged over it (secrets kept apart).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CloudConfigError } from './config';

/** Where to look: the process's environment, working directory and home. */
export interface ConfigLocation {
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
  /** System-wide directory (default `/etc/openstack`). */
  systemDir?: string;
}

/** One cloud entry as written in clouds.yaml. */
export interface CloudEntry {
  auth?: Record<string, unknown>;
  auth_type?: string;
  region_name?: string;
  regions?: (string | { name: string })[];
  interface?: string;
  [key: string]: unknown;
}

/** The candidate paths of `<file>` (clouds.yaml or secure.yaml), in search order. */
export function searchPaths(file: 'clouds.yaml' | 'secure.yaml', loc: ConfigLocation): string[] {
  const out: string[] = [];
  const explicit = file === 'clouds.yaml' ? loc.env.OS_CLIENT_CONFIG_FILE : loc.env.OS_CLIENT_SECURE_FILE;
  if (explicit) out.push(explicit);
  out.push(join(loc.cwd, file), join(loc.home, '.config', 'openstack', file), join(loc.systemDir ?? '/etc/openstack', file));
  return out;
}

function readClouds(path: string): Record<string, CloudEntry> {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CloudConfigError(`Cannot read ${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const clouds = (doc as { clouds?: unknown } | null)?.clouds;
  if (typeof clouds !== 'object' || clouds === null) throw new CloudConfigError(`${path} has no 'clouds:' mapping`);
  return clouds as Record<string, CloudEntry>;
}

function merge(base: CloudEntry, over: CloudEntry): CloudEntry {
  const out: CloudEntry = { ...base, ...over };
  if (base.auth || over.auth) out.auth = { ...(base.auth ?? {}), ...(over.auth ?? {}) };
  return out;
}

/** The first clouds.yaml found, or undefined. */
export function findCloudsFile(loc: ConfigLocation): string | undefined {
  return searchPaths('clouds.yaml', loc).find((p) => existsSync(p));
}

/**
 * Reads cloud `name` from the first clouds.yaml found, merged with the same cloud in a secure.yaml if one exists.
 * Throws a `CloudConfigError` when there is no clouds.yaml or no such cloud.
 */
export function loadCloudEntry(name: string, loc: ConfigLocation): { entry: CloudEntry; file: string } {
  const file = findCloudsFile(loc);
  if (!file) {
    throw new CloudConfigError(`Cloud '${name}' requested but no clouds.yaml found (looked in ${searchPaths('clouds.yaml', loc).join(', ')})`);
  }
  const clouds = readClouds(file);
  const entry = clouds[name];
  if (!entry) throw new CloudConfigError(`Cloud '${name}' was not found in ${file} (clouds: ${Object.keys(clouds).join(', ') || 'none'})`);
  const secure = searchPaths('secure.yaml', loc).find((p) => existsSync(p));
  const secureEntry = secure ? readClouds(secure)[name] : undefined;
  return { entry: secureEntry ? merge(entry, secureEntry) : entry, file };
}
