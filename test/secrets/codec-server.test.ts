/**
 * The codec server as the Web UI and the Temporal CLI call it: POST /decode and /encode (also under a namespace
 * prefix), proto3-JSON payloads, CORS for the UI's origin only, redaction on decode; and the dev server's embedded UI
 * pointed at it by `--ui-codec-endpoint`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../workers/codec';
import { generateCodecKey, loadCodecKeys } from '../../workers/codec-key';
import { startCodecServer, type CodecServer, type JsonPayload } from '../../workers/codec-server';
import { readCodecConfig } from '../../workers/config';
import { startDevServer } from '../../workers/temporal-cli';

const UI = 'http://localhost:8233';
let server: CodecServer;
const codec = new EncryptionCodec(loadCodecKeys(), { rememberSecrets: false });

beforeAll(async () => {
  server = await startCodecServer({ port: 0, corsOrigins: [UI] });
});
afterAll(async () => {
  await server?.close();
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

async function post(path: string, payloads: Payload[], headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
    body: JSON.stringify({ payloads: payloads.map(toJson) }),
  });
}

describe('codec server', () => {
  it('decodes for the UI origin with CORS headers, secrets as ***', async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload({ user: 'admin', password: 'pw-123456', list: [1, 2] })]);
    const res = await post('/decode', [enc], { Origin: UI });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    const body = (await res.json()) as { payloads: JsonPayload[] };
    expect(defaultPayloadConverter.fromPayload(fromJson(body.payloads[0]))).toEqual({ user: 'admin', password: '***', list: [1, 2] });
  });

  it('accepts the UI at 127.0.0.1 as well as localhost, and the namespace-prefixed path of the CLI', async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload('hello')]);
    const res = await post('/default/decode', [enc], { Origin: 'http://127.0.0.1:8233' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { payloads: JsonPayload[] };
    expect(defaultPayloadConverter.fromPayload(fromJson(body.payloads[0]))).toBe('hello');
  });

  it('answers the browser preflight with the headers the UI sends', async () => {
    const res = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: { Origin: UI, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-namespace' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type, X-Namespace, Authorization');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
  });

  it('refuses other browser origins', async () => {
    const res = await post('/decode', [], { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.text()).toBe('origin http://evil.example is not allowed (TRAMONTANE_CODEC_CORS_ORIGINS)\n');
  });

  it('encodes what the UI sends (start/signal input) so workers can read it', async () => {
    const res = await post('/encode', [defaultPayloadConverter.toPayload({ a: 1 })], { Origin: UI });
    const body = (await res.json()) as { payloads: JsonPayload[] };
    const enc = fromJson(body.payloads[0]);
    expect(Buffer.from(enc.metadata!.encoding).toString()).toBe('binary/encrypted');
    expect(defaultPayloadConverter.fromPayload((await codec.decode([enc]))[0])).toEqual({ a: 1 });
  });

  it('returns a payload of another key unchanged instead of failing the whole page', async () => {
    const foreign = new EncryptionCodec(loadCodecKeys(readCodecConfig({ TRAMONTANE_CODEC_KEY: generateCodecKey() })));
    const [theirs] = await foreign.encode([defaultPayloadConverter.toPayload('x')]);
    const [ours] = await codec.encode([defaultPayloadConverter.toPayload('y')]);
    const body = (await (await post('/decode', [theirs, ours])).json()) as { payloads: JsonPayload[] };
    expect(body.payloads[0]).toEqual(toJson(theirs));
    expect(defaultPayloadConverter.fromPayload(fromJson(body.payloads[1]))).toBe('y');
  });

  it('says what it serves on other paths, methods and bodies', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/decode`)).status).toBe(405);
    const bad = await fetch(`${server.url}/decode`, { method: 'POST', body: '{"nope":1}' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('bad request: expected {"payloads": [...]}\n');
  });

  it('fails clearly when its port is taken', async () => {
    await expect(startCodecServer({ port: server.port })).rejects.toThrow(
      `the codec server cannot listen on 127.0.0.1:${server.port}: port in use (set TRAMONTANE_CODEC_PORT)`,
    );
  });
});

describe('dev server Web UI', () => {
  it('is configured with the codec endpoint (--ui-codec-endpoint)', async () => {
    const dev = await startDevServer({ ui: true, codecEndpoint: server.url });
    try {
      const settings = (await (await fetch(`${dev.uiUrl}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
      expect(settings.Codec.Endpoint).toBe(server.url);
    } finally {
      await dev.stop();
    }
  }, 90_000);
});
