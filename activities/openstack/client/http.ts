/**
 * One HTTP exchange with an OpenStack service over `fetch`: JSON in and out, a timeout, cancellation, and network
 * failures turned into retryable `OpenStackApiError`s (except when a non-idempotent request may have been received).
 */
import { httpError, OpenStackApiError } from './errors';

/** A fetch-compatible function (the global `fetch` by default; tests may wrap it). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A successful answer. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** What `sendJson` needs. */
export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs: number;
  fetch: FetchLike;
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.message) return cause.message;
  return e instanceof Error ? e.message : String(e);
}

function connectRefused(e: unknown): boolean {
  const code = (e as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH';
}

/**
 * Sends a request and parses a JSON answer. HTTP ≥ 400 throws `httpError(...)`; a network failure throws a
 * retryable `OpenStackApiError` (`Unable to establish connection to <url>: <cause>`), except for a POST that may have
 * reached the server (reset or timeout after connecting): retrying that could create a resource twice.
 */
export async function sendJson(req: HttpRequest): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'tramontane-openstack', ...req.headers };
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await req.fetch(req.url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal,
    });
  } catch (e) {
    if (req.signal?.aborted) throw e;
    const safe = req.method !== 'POST' || connectRefused(e);
    if (timeout.aborted) {
      throw new OpenStackApiError(`Request to ${req.url} timed out after ${req.timeoutMs} ms`, { retryable: safe });
    }
    throw new OpenStackApiError(`Unable to establish connection to ${req.url}: ${causeOf(e)}`, { retryable: safe });
  }
  const text = await res.text();
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (res.status >= 400) throw httpError(res.status, body, text, res.headers.get('x-openstack-request-id') ?? res.headers.get('x-compute-request-id'));
  return { status: res.status, headers: res.headers, body };
}
