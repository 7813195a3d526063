/**
 * Builds std.http's result dict from a response, as Mistral's HTTPAction does with `requests`:
 * `{content, status, headers, url, history, encoding, reason, cookies, elapsed}`.
 * - `content`: the body parsed as JSON whatever the Content-Type, else the body text ('' when empty);
 * - `headers`: names as the server sent them, repeated headers joined with ", ";
 * - `encoding`: requests' guess (charset parameter; "ISO-8859-1" for text/* without one; "utf-8" for
 *   application/json; null otherwise). Text is decoded with the declared charset, UTF-8 when none is declared
 *   (requests would decode undeclared text/* as ISO-8859-1, garbling UTF-8);
 * - `cookies`: name → value from this response's Set-Cookie headers;
 * - `history`: one `{status, url, reason, headers}` per redirect followed (only with allow_redirects).
 */
import type { RawResponse } from './transport';

export interface HttpResult {
  content: unknown;
  status: number;
  headers: Record<string, string>;
  url: string;
  history: Record<string, unknown>[];
  encoding: string | null;
  reason: string;
  cookies: Record<string, string>;
  elapsed: number;
}

/** Response headers as one dict: first-seen name casing, repeated values joined with ", ". */
export function headerDict(pairs: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const [k, v] of pairs) {
    const lower = k.toLowerCase();
    const name = names.get(lower);
    if (name === undefined) {
      names.set(lower, k);
      out[k] = v;
    } else out[name] = `${out[name]}, ${v}`;
  }
  return out;
}

/** requests' `get_encoding_from_headers`. */
export function encodingFromHeaders(headers: Record<string, string>): { encoding: string | null; declared: string | null } {
  const ct = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (!ct) return { encoding: null, declared: null };
  const [type, ...params] = ct.split(';');
  for (const p of params) {
    const [k, v] = p.split('=');
    if (k?.trim().toLowerCase() === 'charset' && v !== undefined) {
      const cs = v.trim().replace(/^['"]|['"]$/g, '');
      return { encoding: cs, declared: cs };
    }
  }
  const t = (type ?? '').trim().toLowerCase();
  if (t.includes('text')) return { encoding: 'ISO-8859-1', declared: null };
  if (t.includes('application/json')) return { encoding: 'utf-8', declared: null };
  return { encoding: null, declared: null };
}

/** The result dict for `res`, with the redirects that led to it. */
export function buildHttpResult(res: RawResponse, history: Record<string, unknown>[]): HttpResult {
  const headers = headerDict(res.rawHeaders);
  const { encoding, declared } = encodingFromHeaders(headers);
  let text: string;
  try {
    text = new TextDecoder(declared ?? 'utf-8').decode(res.body);
  } catch {
    text = new TextDecoder('utf-8').decode(res.body);
  }
  let content: unknown = text;
  if (text.trim()) {
    try {
      content = JSON.parse(text);
    } catch {
      content = text;
    }
  }
  const cookies: Record<string, string> = {};
  for (const [k, v] of res.rawHeaders) {
    if (k.toLowerCase() !== 'set-cookie') continue;
    const first = v.split(';')[0] ?? '';
    const eq = first.indexOf('=');
    if (eq > 0) cookies[first.slice(0, eq).trim()] = first.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return {
    content,
    status: res.status,
    headers,
    url: res.url,
    history,
    encoding,
    reason: res.reason,
    cookies,
    elapsed: Math.round(res.elapsed * 1e6) / 1e6,
  };
}
