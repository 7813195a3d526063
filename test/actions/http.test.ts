import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpActions } from '../../activities/http/index';
import { ActionError, type ActionImpl } from '../../activities/types';
import { errorOf, testContext } from './context';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
let seen: Seen[] = [];
let httpAction: ActionImpl;
let mistralHttp: ActionImpl;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const path = req.url!.split('?')[0];
      if (path === '/json') {
        res.writeHead(200, [['Content-Type', 'application/json'], ['X-Trace-Id', 'abc'], ['Set-Cookie', 'sid=42; Path=/'], ['Set-Cookie', 'lang=en']]);
        res.end(JSON.stringify({ servers: [{ id: 1 }] }));
      } else if (path === '/text') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('héllo');
      } else if (path === '/missing') {
        res.writeHead(404, 'Not Found', { 'Content-Type': 'application/json' });
        res.end('{"error": "no such server"}');
      } else if (path === '/unavailable') {
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        res.end('busy');
      } else if (path === '/redirect') {
        res.writeHead(302, { Location: '/json' });
        res.end();
      } else if (path === '/slow') {
        setTimeout(() => {
          if (!res.destroyed) res.end('late');
        }, 3000);
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [httpAction, mistralHttp] = createHttpActions({ defaultTimeoutS: 10 });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const run = (input: Record<string, unknown>, execution: Record<string, unknown> = {}) =>
  httpAction.run(input, testContext(execution).ctx) as Promise<Record<string, unknown>>;

describe('std.http against a local server', () => {
  it('returns the result dict with parsed JSON content, header names as sent, and cookies', async () => {
    const r = await run({ url: `${base}/json` });
    expect(r.content).toEqual({ servers: [{ id: 1 }] });
    expect(r.status).toBe(200);
    expect(r.reason).toBe('OK');
    expect(r.url).toBe(`${base}/json`);
    expect(r.history).toEqual([]);
    expect(r.encoding).toBe('utf-8');
    expect((r.headers as Record<string, string>)['X-Trace-Id']).toBe('abc');
    expect((r.headers as Record<string, string>)['Set-Cookie']).toBe('sid=42; Path=/, lang=en');
    expect(r.cookies).toEqual({ sid: '42', lang: 'en' });
    expect(typeof r.elapsed).toBe('number');
    expect(Object.keys(r).sort()).toEqual(['content', 'cookies', 'elapsed', 'encoding', 'headers', 'history', 'reason', 'status', 'url']);
  });

  it('returns non-JSON bodies as text, decoded with the declared charset', async () => {
    const r = await run({ url: `${base}/text` });
    expect(r.content).toBe('héllo');
    expect(r.encoding).toBe('utf-8');
  });

  it('a 404 fails with the same dict as error data, so result.status stays readable', async () => {
    const e = await errorOf(run({ url: `${base}/missing` }));
    expect(e).toBeInstanceOf(ActionError);
    const data = e.data as Record<string, unknown>;
    expect(data.status).toBe(404);
    expect(data.content).toEqual({ error: 'no such server' });
    expect(data.reason).toBe('Not Found');
    expect(e.message).toBe(`HTTP request GET ${base}/missing failed with status 404 Not Found`);
    expect(e.retryable).toBe(false);
  });

  it('a 503 to a GET is retryable, to a POST it is not', async () => {
    expect((await errorOf(run({ url: `${base}/unavailable` }))).retryable).toBe(true);
    expect((await errorOf(run({ url: `${base}/unavailable`, method: 'post' }))).retryable).toBe(false);
  });

  it('json is sent as Python-style JSON with Content-Type application/json', async () => {
    seen = [];
    await run({ url: `${base}/echo`, method: 'post', json: { name: 'vm1', tags: ['a'] } });
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.body).toBe('{"name": "vm1", "tags": ["a"]}');
  });

  it('a dict body is sent as JSON text without any Content-Type (as Mistral does)', async () => {
    seen = [];
    await run({ url: `${base}/echo`, method: 'PUT', body: { a: 1 } });
    expect(seen[0]!.body).toBe('{"a": 1}');
    expect(seen[0]!.headers['content-type']).toBeUndefined();
  });

  it('body and json together are refused', async () => {
    const e = await errorOf(run({ url: `${base}/echo`, body: 'x', json: { a: 1 } }));
    expect(e.message).toBe("Only one of the parameters 'json' and 'body' can be passed");
  });

  it('sends params, stringified numeric headers, basic auth and cookies', async () => {
    seen = [];
    await run({
      url: `${base}/echo?x=1`,
      params: { q: 'a b', n: [1, 2], skip: null },
      headers: { 'X-Count': 3 },
      auth: 'admin:pa55',
      cookies: { session: 'abc' },
    });
    const s = seen[0]!;
    expect(s.url).toBe('/echo?x=1&q=a+b&n=1&n=2');
    expect(s.headers['x-count']).toBe('3');
    expect(s.headers.authorization).toBe('Basic ' + Buffer.from('admin:pa55').toString('base64'));
    expect(s.headers.cookie).toBe('session=abc');
  });

  it('does not follow redirects unless allow_redirects is true', async () => {
    const r = await run({ url: `${base}/redirect` });
    expect(r.status).toBe(302);
    expect((r.headers as Record<string, string>).Location).toBe('/json');
    const followed = await run({ url: `${base}/redirect`, allow_redirects: true });
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${base}/json`);
    expect(followed.history).toEqual([expect.objectContaining({ status: 302, url: `${base}/redirect` })]);
  });

  it('times out after `timeout` seconds with a clear message', async () => {
    const t0 = performance.now();
    const e = await errorOf(run({ url: `${base}/slow`, timeout: 0.3 }));
    expect(e.message).toBe(`Failed to send HTTP request: read timed out after 0.3 s (GET ${base}/slow)`);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('transport errors: refused connection and a URL without scheme (requests wording)', async () => {
    const refused = await errorOf(run({ url: 'http://127.0.0.1:1/' }));
    expect(refused.message).toBe('Failed to send HTTP request: connection refused by 127.0.0.1:1 (GET http://127.0.0.1:1/)');
    expect(refused.retryable).toBe(true);
    // Wording checked against the Mistral 15.0.0 oracle.
    const noScheme = await errorOf(run({ url: 'nourl' }));
    expect(noScheme.message).toBe("Failed to send HTTP request: Invalid URL 'nourl': No scheme supplied. Perhaps you meant http://nourl?");
  });

  it('cancellation aborts the request at once', async () => {
    const { ctx, abort } = testContext();
    const p = httpAction.run({ url: `${base}/slow` }, ctx);
    setTimeout(() => abort(new Error('cancelled')), 100);
    const t0 = performance.now();
    expect((await errorOf(p)).message).toBe('cancelled');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('std.mistral_http', () => {
  it('adds the Mistral-* execution headers', async () => {
    seen = [];
    const r = (await mistralHttp.run(
      { url: `${base}/echo` },
      testContext({ workflow_name: 'wf', workflow_execution_id: 'we-1', task_execution_id: 't-1', action_execution_id: 'a-1', callback_url: 'http://cb/' })
        .ctx,
    )) as Record<string, unknown>;
    expect(r.status).toBe(200);
    const h = seen[0]!.headers;
    expect([h['mistral-workflow-name'], h['mistral-workflow-execution-id'], h['mistral-task-id'], h['mistral-action-execution-id'], h['mistral-callback-url']]).toEqual([
      'wf',
      'we-1',
      't-1',
      'a-1',
      'http://cb/',
    ]);
  });
});
