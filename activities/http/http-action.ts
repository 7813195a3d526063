/**
 * `std.http(url, method='GET', params, body, json, headers, cookies, auth, timeout, allow_redirects, proxies,
 * verify)`. Result: see response.ts. A status outside 200–306 fails the action with that same dict as error data
 * (so `task().result.status` stays readable), as Mistral's `Result(error=...)`; a transport failure gives
 * "Failed to send HTTP request: <reason>". Redirects are followed only with `allow_redirects: true` (Mistral passes
 * null through, which requests treats as false), at most 30, with requests' method rewriting (303, and 301/302
 * for non-HEAD, become GET without body; 307/308 keep both). A null `timeout` means 60 s (configurable).
 *
 * Retryable (Temporal retries before the task errors): failures to connect (refused, unreachable, DNS temporary,
 * connect timeout) and 502/503/504 answers to idempotent methods; never a read timeout or a POST, which the server
 * may already have acted on.
 */
import { ActionError, type ActionContext, type ActionImpl } from '../types';
import type { HttpOptions } from './options';
import { prepareHttpRequest, SEND_FAILED, type PreparedRequest } from './request';
import { buildHttpResult, headerDict, type HttpResult } from './response';
import { sendOnce, TransportError } from './transport';
import { httpSignature } from './signatures';

const MAX_REDIRECTS = 30;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Creates the std.http implementation with the given worker settings. */
export function createHttpAction(opts: HttpOptions): ActionImpl {
  return {
    signature: httpSignature,
    run: (input, ctx) => runHttp(input, ctx, opts),
  };
}

/** Performs the request described by std.http's input (extra headers merged over the given ones). */
export async function runHttp(
  input: Record<string, unknown>,
  ctx: ActionContext,
  opts: HttpOptions,
  extraHeaders: Record<string, string> = {},
): Promise<HttpResult> {
  const req = prepareHttpRequest(input, opts);
  for (const [k, v] of Object.entries(extraHeaders)) req.headers.set(k, v);
  const history: Record<string, unknown>[] = [];
  let current = req;
  for (;;) {
    let res;
    try {
      res = await sendOnce(current, ctx.signal);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      if (e instanceof TransportError) throw new ActionError(SEND_FAILED + e.message, { retryable: e.retryable });
      throw new ActionError(SEND_FAILED + (e instanceof Error ? e.message : String(e)));
    }
    const location = res.rawHeaders.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (current.followRedirects && location && [301, 302, 303, 307, 308].includes(res.status)) {
      if (history.length >= MAX_REDIRECTS) throw new ActionError(`${SEND_FAILED}Exceeded ${MAX_REDIRECTS} redirects.`);
      history.push({ status: res.status, url: res.url, reason: res.reason, headers: headerDict(res.rawHeaders) });
      current = redirected(current, res.status, location);
      continue;
    }
    const result = buildHttpResult(res, history);
    if (result.status < 200 || result.status > 306) {
      const retryable = [502, 503, 504].includes(result.status) && IDEMPOTENT.has(current.method);
      throw new ActionError(result, {
        retryable,
        message: `HTTP request ${current.method} ${result.url} failed with status ${result.status}${result.reason ? ' ' + result.reason : ''}`,
      });
    }
    return result;
  }
}

function redirected(prev: PreparedRequest, status: number, location: string): PreparedRequest {
  let url: URL;
  try {
    url = new URL(location, prev.url);
  } catch {
    throw new ActionError(`${SEND_FAILED}invalid redirect location '${location}'`);
  }
  const headers = new Map(prev.headers);
  let method = prev.method;
  let body = prev.body;
  if ((status === 303 && method !== 'HEAD') || (status === 302 && method !== 'HEAD') || (status === 301 && method === 'POST')) {
    method = 'GET';
  }
  if (status !== 307 && status !== 308) {
    body = null;
    for (const k of [...headers.keys()]) {
      if (['content-length', 'content-type', 'transfer-encoding'].includes(k.toLowerCase())) headers.delete(k);
    }
  }
  if (url.host !== prev.url.host || url.protocol !== prev.url.protocol) {
    for (const k of [...headers.keys()]) if (k.toLowerCase() === 'authorization') headers.delete(k);
  }
  for (const k of [...headers.keys()]) if (k.toLowerCase() === 'host') headers.delete(k);
  return { ...prev, url, method, headers, body };
}
