/**
 * The codec server for the Temporal Web UI and CLI (Temporal's codec-server protocol): `POST /decode` and
 * `POST /encode` (also under a namespace prefix, `/{namespace}/decode`), JSON bodies `{"payloads": [...]}` in
 * proto3-JSON (metadata values and data in base64), CORS for the Web UI's origin.
 *
 * `/decode` decrypts with the shared key ring and then **redacts**: values under secret-looking keys become `"***"`
 * and `key: secret` patterns inside strings (the definition's YAML, error messages) lose their value (`redact.ts`).
 * So the UI shows inputs, results and failures readably, never the secrets. A payload it cannot decrypt is returned
 * unchanged. `npm start` runs it and passes its URL to the dev server's UI; `npx tsx workers/codec-server.ts` runs it
 * alone (for a UI of a real cluster: `TEMPORAL_CODEC_ENDPOINT` of the temporalio/ui image), configured by
 * `TRAMONTANE_CODEC_HOST`/`_PORT` (default 127.0.0.1:8234), `TRAMONTANE_CODEC_CORS_ORIGINS` (the UI's origin; browser
 * requests from any other origin are refused) and the same key settings as the workers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { EncryptionCodec } from './codec';
import { loadCodecKeys, type CodecKeyRing } from './codec-key';
import { ConfigError, readCodecConfig } from './config';
import { redactValue } from './redact';

/** Largest request body accepted (the UI sends a whole page of events at once). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** A payload as proto3-JSON: metadata values and data in base64. */
export interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

export interface CodecServerOptions {
  /** Keys to decrypt/encrypt with; default: resolved from the environment like every worker. */
  keys?: CodecKeyRing;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8234; 0 picks a free port. */
  port?: number;
  /**
   * Browser origins allowed to call it (the Web UI's). `http://localhost:P` and `http://127.0.0.1:P` are both
   * accepted when either is given. Requests without an Origin header (the CLI, tests) are always served.
   */
  corsOrigins?: string[];
  /** Decode without redaction (never for the UI; for a trusted operator's `temporal workflow show`). Default false. */
  noRedaction?: boolean;
}

export interface CodecServer {
  /** Base URL to give the UI (`--ui-codec-endpoint`) or the CLI (`--codec-endpoint`), e.g. `http://127.0.0.1:8234`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const fromUtf8 = new TextDecoder();
const toUtf8 = new TextEncoder();

function fromJson(p: JsonPayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(String(v), 'base64');
  return { metadata, data: p.data ? Buffer.from(p.data, 'base64') : new Uint8Array() };
}

function toJson(p: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(v).toString('base64');
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

/**
 * A decoded payload with its secrets redacted: JSON payloads are parsed, redacted and re-serialized; payloads that
 * are not JSON are returned as they are (Tramontane writes none with secrets).
 */
export function redactPayload(p: Payload): Payload {
  const enc = p.metadata?.[METADATA_ENCODING_KEY];
  const encoding = enc ? fromUtf8.decode(enc) : '';
  if ((encoding !== 'json/plain' && encoding !== 'json/protobuf') || !p.data) return p;
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8.decode(p.data));
  } catch {
    return p;
  }
  return { metadata: p.metadata, data: toUtf8.encode(JSON.stringify(redactValue(value))) };
}

/** Every form of the allowed origins (localhost and 127.0.0.1 are the same UI to a person, not to a browser). */
function originSet(origins: string[]): Set<string> {
  const out = new Set<string>();
  for (const o of origins) {
    const clean = o.replace(/\/+$/, '');
    out.add(clean);
    out.add(clean.replace('//localhost', '//127.0.0.1'));
    out.add(clean.replace('//127.0.0.1', '//localhost'));
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error(`request body over ${MAX_BODY_BYTES} bytes`), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the codec server and resolves once it listens. Fails with a clear message when the port is taken. */
export async function startCodecServer(opts: CodecServerOptions = {}): Promise<CodecServer> {
  const cfg = readCodecConfig();
  const keys = opts.keys ?? loadCodecKeys(cfg);
  const codec = new EncryptionCodec(keys, { rememberSecrets: false });
  const allowed = originSet(opts.corsOrigins ?? cfg.corsOrigins);
  const host = opts.host ?? cfg.serverHost;

  const decode = async (payloads: Payload[]): Promise<Payload[]> =>
    Promise.all(
      payloads.map(async (p) => {
        let plain: Payload;
        try {
          [plain] = await codec.decode([p]);
        } catch {
          return p; // another key, or damaged: the UI shows it still encrypted
        }
        return opts.noRedaction ? plain : redactPayload(plain);
      }),
    );

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const origin = req.headers.origin;
    if (origin) {
      if (!allowed.has(origin)) {
        res.writeHead(403, { 'Content-Type': 'text/plain' }).end(`origin ${origin} is not allowed (TRAMONTANE_CODEC_CORS_ORIGINS)\n`);
        return;
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    const route = path.endsWith('/decode') ? 'decode' : path.endsWith('/encode') ? 'encode' : undefined;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    if (!route) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('use POST /decode or POST /encode\n');
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST, OPTIONS' }).end();
    let body: { payloads?: JsonPayload[] };
    try {
      body = JSON.parse(await readBody(req));
      if (!body || !Array.isArray(body.payloads)) throw new Error('expected {"payloads": [...]}');
    } catch (err) {
      const status = (err as { status?: number }).status ?? 400;
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`bad request: ${(err as Error).message}\n`);
      return;
    }
    const payloads = body.payloads.map(fromJson);
    const out = route === 'decode' ? await decode(payloads) : await codec.encode(payloads);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ payloads: out.map(toJson) }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('codec server error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new ConfigError(`the codec server cannot listen on ${host}:${opts.port ?? cfg.serverPort}: port in use (set TRAMONTANE_CODEC_PORT)`)
          : err,
      ),
    );
    server.listen(opts.port ?? cfg.serverPort, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startCodecServer()
    .then((s) => console.log(`tramontane codec server: ${s.url} (POST /decode redacts secrets, POST /encode)`))
    .catch((err) => {
      console.error(`codec server: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    });
}
