/**
 * Environment-driven configuration shared by workers, the CLI and the client. Every setting has a default that works
 * with `npm start` on one machine; TLS, mTLS and API keys are opt-in for a real cluster (self-hosted or Temporal Cloud).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TLSConfig } from '@temporalio/client';

/** Default task queue of the generic workflow and of actions without `target:`. */
export const DEFAULT_TASK_QUEUE = 'tramontane';

/** Default time a stopping worker lets running actions finish before handing them back (`TRAMONTANE_SHUTDOWN_GRACE`). */
export const DEFAULT_SHUTDOWN_GRACE = '30s';

/** TLS settings as configured: file paths, read only when connecting. */
export interface TlsSettings {
  /** `TEMPORAL_TLS_CERT`: client certificate (PEM) for mTLS. */
  certFile?: string;
  /** `TEMPORAL_TLS_KEY`: client private key (PEM) for mTLS. */
  keyFile?: string;
  /** `TEMPORAL_TLS_CA`: CA certificate (PEM) of the server; the system's trust store when omitted. */
  caFile?: string;
  /** `TEMPORAL_TLS_SERVER_NAME`: server name (SNI) to verify instead of the address's host. */
  serverName?: string;
}

export interface TramontaneConfig {
  /** `TEMPORAL_ADDRESS`, default `localhost:7233`. */
  address: string;
  /** `TEMPORAL_NAMESPACE`, default `default`. */
  namespace: string;
  /** `TRAMONTANE_TASK_QUEUE`, default `tramontane`. */
  taskQueue: string;
  /**
   * TLS, when enabled: by `TEMPORAL_TLS=true`, by any `TEMPORAL_TLS_*` setting, or by `TEMPORAL_API_KEY`
   * (`TEMPORAL_TLS=false` forces plain TCP). Undefined means plain TCP.
   */
  tls?: TlsSettings;
  /** `TEMPORAL_API_KEY`: sent as `Authorization: Bearer ...` (Temporal Cloud API keys). */
  apiKey?: string;
  /** `TRAMONTANE_SHUTDOWN_GRACE` (`30s`, `2m`, `500ms` or a number of seconds), in milliseconds. Default 30 s. */
  shutdownGraceMs: number;
}

/** A configuration problem, with the variable to fix in the message. Never carries a stack trace to the user. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (TRUE.includes(raw)) return true;
  if (FALSE.includes(raw)) return false;
  throw new ConfigError(`${name}=${env[name]} is not a boolean (use true or false)`);
}

/** Parses a duration like `30s`, `2m`, `1500ms` or `10` (seconds) into milliseconds; throws ConfigError otherwise. */
export function parseDurationMs(name: string, raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(raw);
  if (!m) throw new ConfigError(`${name}=${raw} is not a duration (examples: 30s, 2m, 500ms)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

/**
 * Reads the configuration from `env` (default: process.env). Checks the combination of settings (a client
 * certificate needs its key, durations must parse) and throws `ConfigError` naming the variable; certificate files
 * are read later, by `connectionOptions`.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): TramontaneConfig {
  const cfg: TramontaneConfig = {
    address: env.TEMPORAL_ADDRESS || 'localhost:7233',
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TRAMONTANE_TASK_QUEUE || DEFAULT_TASK_QUEUE,
    shutdownGraceMs: parseDurationMs('TRAMONTANE_SHUTDOWN_GRACE', env.TRAMONTANE_SHUTDOWN_GRACE || DEFAULT_SHUTDOWN_GRACE),
  };
  if (env.TEMPORAL_API_KEY) cfg.apiKey = env.TEMPORAL_API_KEY;
  const tls: TlsSettings = {};
  if (env.TEMPORAL_TLS_CERT) tls.certFile = env.TEMPORAL_TLS_CERT;
  if (env.TEMPORAL_TLS_KEY) tls.keyFile = env.TEMPORAL_TLS_KEY;
  if (env.TEMPORAL_TLS_CA) tls.caFile = env.TEMPORAL_TLS_CA;
  if (env.TEMPORAL_TLS_SERVER_NAME) tls.serverName = env.TEMPORAL_TLS_SERVER_NAME;
  if (!!tls.certFile !== !!tls.keyFile) {
    throw new ConfigError(
      tls.certFile
        ? 'TEMPORAL_TLS_CERT is set but TEMPORAL_TLS_KEY is not: mTLS needs both the client certificate and its key'
        : 'TEMPORAL_TLS_KEY is set but TEMPORAL_TLS_CERT is not: mTLS needs both the client certificate and its key',
    );
  }
  const explicit = flag(env, 'TEMPORAL_TLS');
  const configured = Object.keys(tls).length > 0;
  if (explicit === false && configured) {
    throw new ConfigError(`TEMPORAL_TLS=false contradicts ${Object.keys(tls).map(envName).join(', ')}`);
  }
  if (explicit === true || configured || (explicit === undefined && cfg.apiKey)) cfg.tls = tls;
  return cfg;
}

function envName(key: string): string {
  return { certFile: 'TEMPORAL_TLS_CERT', keyFile: 'TEMPORAL_TLS_KEY', caFile: 'TEMPORAL_TLS_CA', serverName: 'TEMPORAL_TLS_SERVER_NAME' }[key] ?? key;
}

/** What both `Connection.connect` (client) and `NativeConnection.connect` (worker) take from the configuration. */
export interface ConnectionSettings {
  address: string;
  /** Absent for plain TCP. */
  tls?: TLSConfig;
  apiKey?: string;
}

function readPem(variable: string, file: string, readFile: (path: string) => Uint8Array): Uint8Array {
  try {
    return readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message);
    throw new ConfigError(`${variable}: cannot read ${file} (${why})`);
  }
}

/**
 * The connection options of a configuration: the address, the TLS settings with the certificate files read
 * (`ConfigError` "TEMPORAL_TLS_CERT: cannot read /path (no such file)" when one is missing), and the API key.
 * `readFile` is for tests.
 */
export function connectionOptions(
  cfg: TramontaneConfig,
  readFile: (path: string) => Uint8Array = (p) => readFileSync(p),
): ConnectionSettings {
  const out: ConnectionSettings = { address: cfg.address };
  if (cfg.apiKey) out.apiKey = cfg.apiKey;
  if (!cfg.tls) return out;
  const tls: TLSConfig = {};
  const { certFile, keyFile, caFile, serverName } = cfg.tls;
  if (certFile && keyFile) {
    tls.clientCertPair = { crt: readPem('TEMPORAL_TLS_CERT', certFile, readFile), key: readPem('TEMPORAL_TLS_KEY', keyFile, readFile) };
  }
  if (caFile) tls.serverRootCACertificate = readPem('TEMPORAL_TLS_CA', caFile, readFile);
  if (serverName) tls.serverNameOverride = serverName;
  out.tls = tls;
  return out;
}

/** One line describing how the configuration connects (never the API key or key material), for startup logs. */
export function describeConnection(cfg: TramontaneConfig): string {
  const parts = [`${cfg.address}`, `namespace=${cfg.namespace}`, `task-queue=${cfg.taskQueue}`];
  if (!cfg.tls) parts.push('tls=off');
  else parts.push(cfg.tls.certFile ? 'tls=mtls' : 'tls=on');
  if (cfg.tls?.serverName) parts.push(`server-name=${cfg.tls.serverName}`);
  if (cfg.apiKey) parts.push('api-key=set');
  return parts.join(' ');
}

/** Payload-encryption settings (see `codec-key.ts` for the precedence). */
export interface CodecConfig {
  /** `TRAMONTANE_CODEC_KEY`: the AES-256 key, base64 of 32 bytes. Wins over the key file. */
  key?: string;
  /** `TRAMONTANE_CODEC_KEY_FILE`, default `.state/codec.key` in the checkout: read, or created once when missing. */
  keyFile: string;
  /** `TRAMONTANE_CODEC_PREVIOUS_KEYS`: comma-separated older keys, still accepted for decoding (key rotation). */
  previousKeys: string[];
  /** `TRAMONTANE_CODEC_HOST`, default `127.0.0.1`: where the codec server for the Web UI listens. */
  serverHost: string;
  /** `TRAMONTANE_CODEC_PORT`, default 8234. */
  serverPort: number;
  /** `TRAMONTANE_CODEC_CORS_ORIGINS`: comma-separated Web UI origins allowed to call the codec server. */
  corsOrigins: string[];
}

/** The checkout's `.state/` directory (git-ignored): SQLite history of `npm start` and the generated codec key. */
export const STATE_DIR = fileURLToPath(new URL('../.state/', import.meta.url));

/** Reads the payload-encryption settings from `env` (default: process.env). Throws ConfigError on a bad port. */
export function readCodecConfig(env: NodeJS.ProcessEnv = process.env): CodecConfig {
  const list = (raw: string | undefined): string[] => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const port = Number(env.TRAMONTANE_CODEC_PORT || 8234);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`TRAMONTANE_CODEC_PORT=${env.TRAMONTANE_CODEC_PORT} is not a TCP port`);
  }
  const cfg: CodecConfig = {
    keyFile: env.TRAMONTANE_CODEC_KEY_FILE || join(STATE_DIR, 'codec.key'),
    previousKeys: list(env.TRAMONTANE_CODEC_PREVIOUS_KEYS),
    serverHost: env.TRAMONTANE_CODEC_HOST || '127.0.0.1',
    serverPort: port,
    corsOrigins: list(env.TRAMONTANE_CODEC_CORS_ORIGINS),
  };
  if (env.TRAMONTANE_CODEC_KEY?.trim()) cfg.key = env.TRAMONTANE_CODEC_KEY.trim();
  return cfg;
}
