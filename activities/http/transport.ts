/**
 * Sends one prepared HTTP request (no redirect handling) with node:http/https, keeping response header names as the
 * server wrote them (requests does; fetch would lower-case them). Handles connect/read timeouts, http proxies
 * (absolute-form for http, CONNECT tunnel for https), TLS verification and cancellation.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { abortReason } from '../std/cancellable-sleep';
import type { PreparedRequest } from './request';

export interface RawResponse {
  status: number;
  reason: string;
  /** [name, value] pairs as received. */
  rawHeaders: [string, string][];
  body: Buffer;
  /** Seconds from sending the request to receiving the response headers. */
  elapsed: number;
  url: string;
}

/** A transport failure, with a reason for "Failed to send HTTP request: <reason>". */
export class TransportError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = 'TransportError';
    this.retryable = retryable;
  }
}

/** Sends `req` (method, url, headers and body as prepared) and reads the whole response. */
export async function sendOnce(req: PreparedRequest, signal: AbortSignal): Promise<RawResponse> {
  if (signal.aborted) throw abortReason(signal);
  const isHttps = req.url.protocol === 'https:';
  const tlsOpts: tls.ConnectionOptions = {};
  if (isHttps) {
    if (req.verify === false) tlsOpts.rejectUnauthorized = false;
    else if (typeof req.verify === 'string') {
      try {
        tlsOpts.ca = await readFile(req.verify, 'utf8');
      } catch (e) {
        throw new TransportError(`Could not find a suitable TLS CA certificate bundle, invalid path: ${req.verify}`, false);
      }
    }
  }
  const proxy = selectProxy(req);
  const port = Number(req.url.port) || (isHttps ? 443 : 80);
  const headers: Record<string, string> = {};
  for (const [k, v] of req.headers) headers[k] = v;
  if (![...req.headers.keys()].some((k) => k.toLowerCase() === 'host')) headers.Host = req.url.host;

  let options: http.RequestOptions & tls.ConnectionOptions;
  if (proxy && !isHttps) {
    options = { host: proxy.hostname, port: Number(proxy.port) || 80, path: req.url.href, method: req.method, headers };
    const pa = proxyAuth(proxy);
    if (pa) headers['Proxy-Authorization'] = pa;
  } else {
    options = {
      host: req.url.hostname.replace(/^\[|\]$/g, ''),
      port,
      path: req.url.pathname + req.url.search,
      method: req.method,
      headers,
      servername: isHttps && !/^[\d.]+$|:/.test(req.url.hostname) ? req.url.hostname : undefined,
      ...tlsOpts,
    };
    if (proxy && isHttps) {
      const tunnel = await connectTunnel(proxy, req.url.hostname, port, req.connectTimeoutMs, signal);
      options.createConnection = () => tls.connect({ socket: tunnel, servername: options.servername, ...tlsOpts });
    }
  }
  options.agent = false;

  return new Promise<RawResponse>((resolve, reject) => {
    const started = performance.now();
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      r.destroy();
      reject(e);
    };
    const onAbort = () => fail(abortReason(signal));
    const cleanup = () => {
      if (connectTimer) clearTimeout(connectTimer);
      signal.removeEventListener('abort', onAbort);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const target = `${req.method} ${req.url.href}`;
    const r = (isHttps ? https : http).request(options, (res) => {
      const elapsed = (performance.now() - started) / 1000;
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', (e) => fail(new TransportError(`connection broken while reading the response of ${target}: ${e.message}`, false)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        cleanup();
        const raw = res.rawHeaders;
        const pairs: [string, string][] = [];
        for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
        let body: Buffer = Buffer.concat(chunks);
        try {
          body = decode(body, String(res.headers['content-encoding'] ?? ''));
        } catch (e) {
          return reject(new TransportError(`cannot decode the response body of ${target}: ${(e as Error).message}`, false));
        }
        resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', rawHeaders: pairs, body, elapsed, url: req.url.href });
      });
    });
    if (req.readTimeoutMs) {
      r.setTimeout(req.readTimeoutMs, () =>
        fail(new TransportError(`read timed out after ${req.readTimeoutMs! / 1000} s (${target})`, false)),
      );
    }
    if (req.connectTimeoutMs) {
      connectTimer = setTimeout(
        () => fail(new TransportError(`connection timed out after ${req.connectTimeoutMs! / 1000} s (${target})`, true)),
        req.connectTimeoutMs,
      );
      r.on('socket', (s: Socket) => {
        const clear = () => connectTimer && clearTimeout(connectTimer);
        if (!s.connecting) clear();
        s.once('connect', clear);
      });
    }
    r.on('error', (e: NodeJS.ErrnoException) => fail(explain(e, req, target)));
    if (req.body) r.end(req.body);
    else r.end();
  });
}

function explain(e: NodeJS.ErrnoException, req: PreparedRequest, target: string): TransportError {
  const where = `${req.url.hostname}:${Number(req.url.port) || (req.url.protocol === 'https:' ? 443 : 80)}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return new TransportError(`connection refused by ${where} (${target})`, true);
    case 'ENOTFOUND':
      return new TransportError(`unknown host ${req.url.hostname} (${target})`, false);
    case 'EAI_AGAIN':
      return new TransportError(`cannot resolve ${req.url.hostname}: temporary DNS failure (${target})`, true);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new TransportError(`host unreachable: ${where} (${target})`, true);
    case 'ECONNRESET':
      return new TransportError(`connection reset by ${where} (${target})`, false);
  }
  if (e.code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e.code)) {
    return new TransportError(`TLS certificate verification failed for ${where}: ${e.message} (${target})`, false);
  }
  return new TransportError(`${e.message} (${target})`, false);
}

function selectProxy(req: PreparedRequest): URL | null {
  if (!req.proxies) return null;
  const scheme = req.url.protocol.replace(':', '');
  const host = req.url.hostname;
  const p = req.proxies;
  const chosen = p[`${scheme}://${host}`] ?? p[scheme] ?? p[`all://${host}`] ?? p.all;
  if (!chosen) return null;
  try {
    return new URL(/^[a-z]+:\/\//i.test(chosen) ? chosen : `http://${chosen}`);
  } catch {
    throw new TransportError(`invalid proxy URL '${chosen}'`, false);
  }
}

function proxyAuth(proxy: URL): string | null {
  if (!proxy.username) return null;
  const cred = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return 'Basic ' + Buffer.from(cred, 'latin1').toString('base64');
}

function connectTunnel(proxy: URL, host: string, port: number, timeoutMs: number | null, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `${host}:${port}` };
    const pa = proxyAuth(proxy);
    if (pa) headers['Proxy-Authorization'] = pa;
    const r = http.request({
      host: proxy.hostname,
      port: Number(proxy.port) || 80,
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers,
      agent: false,
      timeout: timeoutMs ?? undefined,
    });
    const onAbort = () => {
      r.destroy();
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    r.on('connect', (res, socket) => {
      signal.removeEventListener('abort', onAbort);
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(new TransportError(`proxy ${proxy.host} refused the tunnel to ${host}:${port}: ${res.statusCode} ${res.statusMessage}`, false));
      }
    });
    r.on('timeout', () => r.destroy(new Error('proxy connection timed out')));
    r.on('error', (e) => {
      signal.removeEventListener('abort', onAbort);
      reject(new TransportError(`cannot connect to proxy ${proxy.host}: ${e.message}`, true));
    });
    r.end();
  });
}

function decode(body: Buffer, encoding: string): Buffer {
  const enc = encoding.trim().toLowerCase();
  if (!body.length) return body;
  if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(body);
  if (enc === 'deflate') {
    try {
      return inflateSync(body);
    } catch {
      return inflateRawSync(body);
    }
  }
  return body;
}
