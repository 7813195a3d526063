/** A host to connect to, parsed from Mistral's `host` / `gateway_host` strings. */
export interface SshAddress {
  host: string;
  port: number;
}

/**
 * Parses `host`, `host:port`, `[v6]` or `[v6]:port` (Mistral only knows plain host names and port 22; the port
 * suffix is a Tramontane extension). A bare IPv6 address (several colons) is taken whole.
 */
export function parseSshAddress(value: string, defaultPort = 22): SshAddress {
  const s = value.trim();
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracket) return { host: bracket[1]!, port: bracket[2] ? Number(bracket[2]) : defaultPort };
  const m = /^([^:]+):(\d+)$/.exec(s);
  if (m) return { host: m[1]!, port: Number(m[2]) };
  return { host: s, port: defaultPort };
}

/** `host:port` for messages (`[v6]:port` for IPv6). */
export function formatSshAddress(a: SshAddress): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}
