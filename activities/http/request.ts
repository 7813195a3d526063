/**
 * Turns std.http's parameters into a concrete request, following Mistral's HTTPAction and `requests` 2.28:
 * method upper-cased; `params` appended to the query; numeric header values stringified, null ones dropped;
 * `auth: "user:pass"` → basic auth; `cookies` → Cookie header; a dict `body` is sent as Python-style JSON text
 * *without* a Content-Type, a list of pairs as a form, a string as is; `json` is sent with
 * `Content-Type: application/json`; `body` and `json` together are refused.
 */
import { ActionError } from '../types';
import { pyStr, pyTruthy } from '../std/python';
import type { HttpOptions } from './options';
import { pyJsonDumps } from './python-json';

export const SEND_FAILED = 'Failed to send HTTP request: ';

export interface PreparedRequest {
  method: string;
  url: URL;
  /** Header name (case as given) → value; names are unique case-insensitively. */
  headers: Map<string, string>;
  body: Buffer | null;
  connectTimeoutMs: number | null;
  readTimeoutMs: number | null;
  followRedirects: boolean;
  proxies: Record<string, string> | null;
  /** https only: true = verify with system CAs, false = no verification, string = CA bundle file. */
  verify: boolean | string;
}

/** Builds the request or throws the ActionError Mistral would report. */
export function prepareHttpRequest(input: Record<string, unknown>, opts: HttpOptions): PreparedRequest {
  if (pyTruthy(input.body) && pyTruthy(input.json)) {
    throw new ActionError("Only one of the parameters 'json' and 'body' can be passed");
  }
  const method = (input.method == null ? 'GET' : pyStr(input.method)).toUpperCase();
  const url = parseUrl(pyStr(input.url));
  appendParams(url, input.params);

  const headers = new Map<string, string>();
  const setHeader = (name: string, value: string) => {
    for (const k of headers.keys()) if (k.toLowerCase() === name.toLowerCase()) headers.delete(k);
    headers.set(name, value);
  };
  setHeader('User-Agent', opts.userAgent);
  setHeader('Accept-Encoding', 'gzip, deflate');
  setHeader('Accept', '*/*');
  if (input.headers && typeof input.headers === 'object' && !Array.isArray(input.headers)) {
    for (const [k, v] of Object.entries(input.headers as Record<string, unknown>)) {
      if (v === null || v === undefined) continue;
      setHeader(k, pyStr(v));
    }
  }
  const hasHeader = (name: string) => [...headers.keys()].some((k) => k.toLowerCase() === name.toLowerCase());

  const auth = basicAuth(input.auth, url);
  if (auth) setHeader('Authorization', auth);
  url.username = '';
  url.password = '';

  if (input.cookies && typeof input.cookies === 'object' && !hasHeader('Cookie')) {
    const pairs = Object.entries(input.cookies as Record<string, unknown>).filter(([, v]) => v != null);
    if (pairs.length) setHeader('Cookie', pairs.map(([k, v]) => `${k}=${pyStr(v)}`).join('; '));
  }

  let body: Buffer | null = null;
  let contentType: string | null = null;
  const data = input.body && typeof input.body === 'object' && !Array.isArray(input.body) ? pyJsonDumps(input.body) : input.body;
  if (pyTruthy(data)) {
    if (typeof data === 'string') body = Buffer.from(data, 'utf8');
    else if (Array.isArray(data)) {
      body = Buffer.from(formEncode(data), 'utf8');
      contentType = 'application/x-www-form-urlencoded';
    } else body = Buffer.from(pyStr(data), 'utf8');
  } else if (input.json !== null && input.json !== undefined) {
    body = Buffer.from(pyJsonDumps(input.json), 'utf8');
    contentType = 'application/json';
  }
  if (contentType && !hasHeader('Content-Type')) setHeader('Content-Type', contentType);
  if (body) setHeader('Content-Length', String(body.length));
  else if (method !== 'GET' && method !== 'HEAD' && !hasHeader('Content-Length')) setHeader('Content-Length', '0');

  const [connectTimeoutMs, readTimeoutMs] = timeouts(input.timeout, opts);
  return {
    method,
    url,
    headers,
    body,
    connectTimeoutMs,
    readTimeoutMs,
    followRedirects: pyTruthy(input.allow_redirects),
    proxies: input.proxies && typeof input.proxies === 'object' ? (input.proxies as Record<string, string>) : null,
    verify: typeof input.verify === 'string' ? input.verify : input.verify === false ? false : true,
  };
}

function parseUrl(raw: string): URL {
  const s = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    throw new ActionError(`${SEND_FAILED}Invalid URL '${raw}': No scheme supplied. Perhaps you meant http://${raw}?`);
  }
  if (!/^https?:/i.test(s)) throw new ActionError(`${SEND_FAILED}No connection adapters were found for '${raw}'`);
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new ActionError(`${SEND_FAILED}Invalid URL '${raw}': No host supplied`);
  }
  if (!url.hostname) throw new ActionError(`${SEND_FAILED}Invalid URL '${raw}': No host supplied`);
  return url;
}

function appendParams(url: URL, params: unknown): void {
  if (params === null || params === undefined || params === '') return;
  let extra: string;
  if (typeof params === 'string') extra = params;
  else if (Array.isArray(params)) extra = formEncode(params);
  else if (typeof params === 'object') extra = formEncode(Object.entries(params as Record<string, unknown>));
  else extra = pyStr(params);
  if (!extra) return;
  url.search = url.search && url.search !== '?' ? `${url.search}&${extra}` : `?${extra}`;
}

/** `urlencode(..., doseq=True)` of key/value pairs; list values repeat the key, null values are dropped. */
function formEncode(pairs: unknown[]): string {
  const out = new URLSearchParams();
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new ActionError(`${SEND_FAILED}cannot encode ${JSON.stringify(pair)} as a form field (expected [key, value])`);
    }
    const [k, v] = pair as [unknown, unknown];
    for (const one of Array.isArray(v) ? v : [v]) if (one !== null && one !== undefined) out.append(pyStr(k), pyStr(one));
  }
  return out.toString();
}

function basicAuth(auth: unknown, url: URL): string | null {
  let user: string;
  let pass: string;
  if (auth === null || auth === undefined || auth === '') {
    if (!url.username) return null;
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
  } else if (typeof auth === 'string' && auth.split(':').length === 2) {
    [user, pass] = auth.split(':') as [string, string];
  } else if (Array.isArray(auth) && auth.length === 2) {
    user = pyStr(auth[0]);
    pass = pyStr(auth[1]);
  } else {
    throw new ActionError(`${SEND_FAILED}auth must be a "user:password" string`);
  }
  return 'Basic ' + Buffer.from(`${user}:${pass}`, 'latin1').toString('base64');
}

function timeouts(t: unknown, opts: HttpOptions): [number | null, number | null] {
  const ms = (v: unknown): number | null => {
    if (v === null || v === undefined) return null;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new ActionError(`${SEND_FAILED}invalid timeout ${JSON.stringify(v)}`);
    return n * 1000;
  };
  if (t === null || t === undefined) return [opts.defaultTimeoutS * 1000, opts.defaultTimeoutS * 1000];
  if (Array.isArray(t) && t.length === 2) return [ms(t[0]), ms(t[1])];
  const one = ms(t);
  return [one, one];
}
