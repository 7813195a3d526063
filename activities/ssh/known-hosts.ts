/**
 * OpenSSH known_hosts matching, for the optional strict host-key policy (see options.ts). Supports plain and hashed
 * (`|1|salt|hash`) host fields, `[host]:port`, `*`/`?` wildcards, `!` negation and the `@revoked` marker
 * (`@cert-authority` lines are ignored: certificates are not supported).
 */
import { createHmac } from 'node:crypto';

export interface KnownHostEntry {
  marker: 'revoked' | 'cert-authority' | null;
  patterns: string;
  keyType: string;
  key: Buffer;
}

/** Outcome of looking a host key up. */
export type HostKeyVerdict = 'match' | 'mismatch' | 'unknown' | 'revoked';

/** Parses known_hosts text; malformed lines are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const f = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (f[0] === '@revoked' || f[0] === '@cert-authority') {
      marker = f[0] === '@revoked' ? 'revoked' : 'cert-authority';
      f.shift();
    }
    if (f.length < 3) continue;
    out.push({ marker, patterns: f[0]!, keyType: f[1]!, key: Buffer.from(f[2]!, 'base64') });
  }
  return out;
}

/** The name a host is recorded under: `host` for port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Looks up `key` (the raw host-key blob the server sent) for `host:port` in the parsed entries. */
export function verifyHostKey(entries: KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = knownHostName(host, port);
  let sawHost = false;
  for (const e of entries) {
    if (e.marker === 'cert-authority' || !hostMatches(e.patterns, name)) continue;
    if (e.marker === 'revoked') {
      if (e.key.equals(key)) return 'revoked';
      continue;
    }
    sawHost = true;
    if (e.key.equals(key)) {
      if (entries.some((r) => r.marker === 'revoked' && r.key.equals(key))) return 'revoked';
      return 'match';
    }
  }
  return sawHost ? 'mismatch' : 'unknown';
}

function hostMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (!salt || !hash) return false;
    const h = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return h === hash;
  }
  let matched = false;
  for (const p of patterns.split(',')) {
    const negated = p.startsWith('!');
    const pat = negated ? p.slice(1) : p;
    if (wildcard(pat.toLowerCase(), name.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function wildcard(pattern: string, s: string): boolean {
  const re = '^' + pattern.replace(/[.+^${}()|\\[\]]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$';
  return new RegExp(re).test(s);
}
