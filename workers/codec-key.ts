/**
 * Where the payload-encryption key comes from. Every worker, client, CLI command and the codec server resolve it the
 * same way, so they agree without talking to each other:
 *
 * 1. `TRAMONTANE_CODEC_KEY` (base64 of 32 random bytes) — for a deployment, give every process the same value
 *    (`openssl rand -base64 32`);
 * 2. otherwise the key file (`TRAMONTANE_CODEC_KEY_FILE`, default `.state/codec.key`, git-ignored), read as is;
 * 3. otherwise that file is created with a fresh random key (mode 0600, exclusive create: when the worker and the CLI
 *    race, both end up with the winner's key).
 *
 * `TRAMONTANE_CODEC_PREVIOUS_KEYS` lists older keys that still decrypt (rotation: new payloads use the current key).
 * A key's id (`k-` + 8 hex digits of its SHA-256) is stored with each payload, never the key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, readCodecConfig, type CodecConfig } from './config';

/** One AES-256 key and its public id. */
export interface CodecKey {
  id: string;
  key: Buffer;
}

/** The key that encrypts, and every key that may decrypt (current included), by id. */
export interface CodecKeyRing {
  current: CodecKey;
  byId: Map<string, CodecKey>;
  /** Where the current key came from, for startup logs (never the key itself). */
  source: string;
}

/** The public id of a key: `k-` and the first 8 hex digits of its SHA-256. */
export function codecKeyId(key: Uint8Array): string {
  return `k-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/** Parses a base64 key; `where` names the setting in the error ("TRAMONTANE_CODEC_KEY must be ..."). */
export function parseCodecKey(base64: string, where: string): CodecKey {
  const text = base64.trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) || key.length !== 32) {
    throw new ConfigError(`${where} must be 32 bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`), got ${key.length} bytes`);
  }
  return { id: codecKeyId(key), key };
}

/** A fresh random key in the form `TRAMONTANE_CODEC_KEY` and the key file take. */
export function generateCodecKey(): string {
  return randomBytes(32).toString('base64');
}

function readOrCreateKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`cannot read the codec key file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); fix it or set TRAMONTANE_CODEC_KEY`);
    }
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${generateCodecKey()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(`cannot create the codec key file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); set TRAMONTANE_CODEC_KEY`);
    }
  }
  return readFileSync(file, 'utf8');
}

/** Resolves the key ring from the configuration (default: the environment), creating the key file if needed. */
export function loadCodecKeys(cfg: CodecConfig = readCodecConfig()): CodecKeyRing {
  const current = cfg.key
    ? parseCodecKey(cfg.key, 'TRAMONTANE_CODEC_KEY')
    : parseCodecKey(readOrCreateKeyFile(cfg.keyFile), `the codec key file ${cfg.keyFile}`);
  const byId = new Map<string, CodecKey>([[current.id, current]]);
  cfg.previousKeys.forEach((k, i) => {
    const parsed = parseCodecKey(k, `TRAMONTANE_CODEC_PREVIOUS_KEYS (entry ${i + 1})`);
    if (!byId.has(parsed.id)) byId.set(parsed.id, parsed);
  });
  return { current, byId, source: cfg.key ? 'TRAMONTANE_CODEC_KEY' : cfg.keyFile };
}
