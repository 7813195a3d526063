/**
 * Minimal HTTP plumbing for the OpenStack simulator: a path-pattern router, JSON replies and the OpenStack error body
 * shapes (`{"itemNotFound": {...}}` for Nova/Cinder, `{"error": {...}}` for Keystone).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A parsed request as the simulator's handlers see it. */
export interface SimRequest {
  method: string;
  /** Path without the query string, already stripped of the service prefix. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Absolute URL prefix of the service that received the request (used to build `links`). */
  base: string;
  params: Record<string, string>;
}

/** What a handler returns; `body: undefined` means no body. */
export interface SimReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler<R extends SimRequest = SimRequest> = (req: R) => SimReply | Promise<SimReply>;

interface Route<R extends SimRequest> {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler<R>;
}

/** A tiny router: `add('GET', '/servers/:id', h)`; `match` returns the handler with its path parameters. */
export class Router<R extends SimRequest = SimRequest> {
  private routes: Route<R>[] = [];

  /** Registers a handler for a method and a `:param` path pattern. */
  add(method: string, path: string, handler: Handler<R>): this {
    const keys: string[] = [];
    const src = path.replace(/:([a-zA-Z_]+)/g, (_m, k: string) => {
      keys.push(k);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${src}/?$`), keys, handler });
    return this;
  }

  /** Finds the handler for a request; `405` when the path exists with another method, `undefined` when unknown. */
  match(method: string, path: string): { handler: Handler<R>; params: Record<string, string> } | 405 | undefined {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
      return { handler: r.handler, params };
    }
    return pathMatched ? 405 : undefined;
  }
}

/** A JSON reply. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimReply {
  return { status, body, headers };
}

const FAULT_NAMES: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'HTTPMethodNotAllowed',
  406: 'HTTPNotAcceptable',
  409: 'conflictingRequest',
  413: 'overLimit',
  500: 'computeFault',
  503: 'serviceUnavailable',
};

/** A Nova/Cinder fault body: `{"itemNotFound": {"code": 404, "message": "..."}}`. */
export function fault(status: number, message: string): SimReply {
  const name = FAULT_NAMES[status] ?? 'computeFault';
  return json(status, { [name]: { code: status, message } });
}

/** A Keystone (and keystonemiddleware) error body: `{"error": {"code", "title", "message"}}`. */
export function keystoneError(status: number, title: string, message: string): SimReply {
  return json(status, { error: { code: status, title, message } });
}

/** The 401 every service returns for a missing, unknown or expired token. */
export function unauthorized(): SimReply {
  return keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.');
}

/** Reads and JSON-parses a request body (empty → `undefined`; invalid JSON → the string `'<invalid>'`). */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return '<invalid>';
  }
}

/** Writes a reply (JSON-encoding the body) to a Node response. */
export function send(res: ServerResponse, reply: SimReply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  headers['Content-Type'] = 'application/json';
  res.writeHead(reply.status, headers);
  res.end(JSON.stringify(reply.body));
}
