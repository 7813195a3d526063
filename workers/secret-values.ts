/**
 * The secret values this process has seen, so they can be scrubbed where they appear without their key: an action
 * error message that echoes a command line (`sudo -S <<< hunter2`), a worker log line, a failure stored in history.
 *
 * The payload codec feeds it (`rememberSecrets` on every JSON payload it encodes or decodes: workflow input, env,
 * definition text, action input), `scrubSecrets` reads it. The set is process-wide and bounded (oldest values are
 * forgotten first). It lives on `globalThis` under a registered symbol so that `failure-converter.cjs`, which the SDK
 * loads with `require()`, reaches the same set; inside the workflow sandbox it does not exist, so workflow code stays
 * deterministic.
 */
import { isSecretKey, redactText, REDACTED, secretsInText } from './redact';

/** Values shorter than this are not scrubbed by value (too likely to hit ordinary text); keys still redact them. */
export const MIN_SECRET_LENGTH = 4;
/** At most this many distinct values are remembered. */
export const MAX_SECRETS = 5_000;

interface Registry {
  values: Set<string>;
  pattern: RegExp | null;
  /** Scrubs text: known values, then the key/value patterns of `redactText`. */
  scrub(text: string): string;
}

const REGISTRY_KEY = Symbol.for('tramontane.secretValues');

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  let r = g[REGISTRY_KEY];
  if (!r) {
    const created: Registry = {
      values: new Set(),
      pattern: null,
      scrub: (text) => scrubWith(created, text),
    };
    g[REGISTRY_KEY] = created;
    r = created;
  }
  return r;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function add(r: Registry, value: string): void {
  if (value.length < MIN_SECRET_LENGTH || value === REDACTED || r.values.has(value)) return;
  if (r.values.size >= MAX_SECRETS) r.values.delete(r.values.values().next().value as string);
  r.values.add(value);
  r.pattern = null;
}

function scrubWith(r: Registry, text: string): string {
  let out = text;
  if (r.values.size > 0) {
    r.pattern ??= new RegExp([...r.values].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
    out = out.replace(r.pattern, REDACTED);
  }
  return redactText(out);
}

function collect(r: Registry, value: unknown, underSecret: boolean, depth: number): void {
  if (depth > 100) return;
  if (typeof value === 'string') {
    if (underSecret) {
      add(r, value);
      for (const line of value.split('\n')) if (line.trim() !== value) add(r, line.trim());
    } else {
      for (const s of secretsInText(value)) add(r, s);
    }
    return;
  }
  if (typeof value === 'number' && underSecret) return add(r, String(value));
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collect(r, v, underSecret, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) collect(r, v, underSecret || isSecretKey(k), depth + 1);
}

/**
 * Whether a JSON text may hold something `rememberSecrets` keeps: a secret-looking key (`isSecretKey` needs one of
 * these words, `-` or `_` alike) or a `key: secret` inside a string (`secretsInText` needs them too). Most payloads
 * (action inputs, summaries, results) hold none and skip the parse; `\u` escapes could hide a word, so they don't.
 */
export function mayHoldSecrets(json: string): boolean {
  return MAY_HOLD_SECRET.test(json) || json.includes('\\u');
}

const MAY_HOLD_SECRET = /pass|secret|token|private|api[-_]?key|access[-_]key|credential|auth|cookie|user[-_]?data|pwd/i;

/**
 * Remembers the secrets in a JSON value: strings under secret-looking keys (at any depth, whole `auth` blocks
 * included) and `key: value` secrets written inside strings (a definition's `smtp_password: 'x'`).
 */
export function rememberSecrets(value: unknown): void {
  collect(registry(), value, false, 0);
}

/** `text` with every remembered secret value and every `key: secret` pattern replaced by `***`. */
export function scrubSecrets(text: string): string {
  return registry().scrub(text);
}

/** Forgets every remembered value (tests). */
export function forgetSecrets(): void {
  const r = registry();
  r.values.clear();
  r.pattern = null;
}
