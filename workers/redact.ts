/**
 * Redaction of secrets for everything people read: the Web UI (through the codec server), worker logs and CLI
 * output. Two rules, applied together:
 *
 * - by key: the value of a key that looks secret (`password`, `smtp_password`, `private_key`, `token`, `api_key`,
 *   `application_credential_secret`, `auth`, ...; case-insensitive, `-` same as `_`, at any depth) becomes `"***"`;
 * - in text: inside strings (a workflow definition's YAML, an error message, a Python-style repr, a one-line summary)
 *   `smtp_password: 'x'`, `"password": "x"`, `token=x`, `https://user:x@host` and PEM private-key blocks lose their
 *   secret part. Expressions (`<% $.password %>`, `{{ _.password }}`) are kept: they name a secret, they are not one.
 *
 * Pure functions, no I/O.
 */

/** What a redacted secret looks like everywhere. */
export const REDACTED = '***';

/** Substrings that make a key secret. */
const SECRET_PARTS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'private_key', 'privatekey', 'api_key', 'apikey', 'access_key', 'credentials'];
/** Whole keys that are secret (an `auth` block holds credentials; `userdata` often does). */
const SECRET_KEYS = new Set(['pass', 'pwd', 'auth', 'authorization', 'proxy_authorization', 'cookie', 'set_cookie', 'userdata', 'user_data']);
/** Keys that name where a secret is, not the secret itself. */
const REFERENCE_SUFFIX = /(_filename|_file|_path|_url)$/;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/-/g, '_');
}

/**
 * Whether a mapping key names a secret: `password`, `smtp_password`, `admin_pass`, `private_key`, `X-Auth-Token`,
 * `application_credential_secret`, `auth`, ... (case-insensitive). Keys that only point at a secret
 * (`private_key_filename`, `*_file`, `*_path`, `*_url`) are not secret.
 */
export function isSecretKey(key: string): boolean {
  const k = normalizeKey(key);
  if (SECRET_KEYS.has(k)) return true;
  if (REFERENCE_SUFFIX.test(k)) return false;
  if (k.endsWith('_pass')) return true;
  return SECRET_PARTS.some((p) => k.includes(p));
}

/**
 * A deep copy of `value` with every secret-keyed value replaced by `"***"` and every string passed through
 * `redactText`. Arrays, plain objects and scalars are supported (JSON data); the input is not modified.
 */
export function redactValue(value: unknown): unknown {
  return redactAt(value, 0);
}

function redactAt(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 200) return REDACTED; // pathological nesting: nothing readable is lost by stopping here
  if (Array.isArray(value)) return value.map((v) => redactAt(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = isSecretKey(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactAt(v, depth + 1);
  }
  return out;
}

/** A key-ish word (optionally quoted), then `:` or `=`. Group 1: opening quote, 2: key, 3: separator with spaces. */
const KEY_VALUE = /(["']?)([A-Za-z_][\w.-]*)\1(\s*[:=][ \t]*)/g;
/** Cheap pre-check: does the text mention anything secret-looking at all? */
const MENTIONS_SECRET = /pass|secret|token|private|api_?key|access_key|credential|auth|cookie|user_?data|pwd/i;
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+):([^\s@/'"]+)@/gi;

/**
 * `text` with secret values removed: `key: value`, `"key": "value"`, `'key': 'value'` and `key=value` pairs whose key
 * looks secret (see `isSecretKey`), YAML block scalars under such keys, `scheme://user:password@` and PEM private
 * keys. Values that are Mistral expressions are kept.
 */
export function redactText(text: string): string {
  if (!MENTIONS_SECRET.test(text) && !text.includes('://')) return text;
  let out = text.replace(PEM_PRIVATE_KEY, (_m, kind: string) => `-----BEGIN ${kind}PRIVATE KEY-----${REDACTED}-----END ${kind}PRIVATE KEY-----`);
  out = out.replace(URL_USERINFO, (_m, head: string) => `${head}:${REDACTED}@`);
  if (!MENTIONS_SECRET.test(out)) return out;
  return redactPairs(out);
}

interface Span {
  start: number;
  end: number;
  /** The quote character around the value, if any (kept around the `***`). */
  quote: string;
}

/** Where the secret values of `key: value` pairs are in `text`, left to right. */
function secretSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = new RegExp(KEY_VALUE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [whole, , key, sep] = m;
    const valueStart = m.index + whole.length;
    if (!isSecretKey(key) || (m.index > 0 && /[\w.-]/.test(text[m.index - 1]))) continue;
    if (sep.trim() === ':' && text[valueStart] === ':') continue; // `::` is not a pair
    const end = valueEnd(text, valueStart);
    if (end === null) continue;
    const q = text[valueStart];
    spans.push({ start: valueStart, end, quote: q === '"' || q === "'" ? q : '' });
    re.lastIndex = end;
  }
  return spans;
}

function redactPairs(text: string): string {
  let result = '';
  let last = 0;
  for (const s of secretSpans(text)) {
    result += text.slice(last, s.start) + s.quote + REDACTED + s.quote;
    last = s.end;
  }
  return result + text.slice(last);
}

/**
 * The secret values written in `text` as `key: value` pairs (quotes removed, YAML block scalars as their lines),
 * so they can be recognised later where they appear without their key (see `secret-values.ts`).
 */
export function secretsInText(text: string): string[] {
  if (!MENTIONS_SECRET.test(text)) return [];
  const out: string[] = [];
  for (const s of secretSpans(text)) {
    const raw = text.slice(s.start, s.end);
    if (s.quote) out.push(raw.slice(1, raw.endsWith(s.quote) && raw.length > 1 ? -1 : undefined));
    else if (raw.startsWith('|') || raw.startsWith('>')) out.push(...raw.split('\n').slice(1).map((l) => l.trim()).filter(Boolean));
    else out.push(raw);
  }
  return out.filter((v) => v !== REDACTED);
}

/**
 * End (exclusive) of the value starting at `start`, or null when there is nothing to redact there: an empty value,
 * a nested mapping/list (its own keys are handled one by one), or an expression.
 */
function valueEnd(text: string, start: number): number | null {
  const c = text[start];
  if (c === undefined || c === '\n' || c === '\r' || c === '{' || c === '[' || c === ',' || c === '}') return null;
  if (text.startsWith('<%', start) || text.startsWith('{{', start)) return null;
  if (c === '"' || c === "'") {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\' && c === '"') i++;
      else if (text[i] === c) {
        if (c === "'" && text[i + 1] === "'") i++; // YAML '' escape
        else {
          if (text.startsWith('<%', start + 1) || text.startsWith('{{', start + 1)) return null;
          return i + 1;
        }
      }
    }
    return text.length;
  }
  if ((c === '|' || c === '>') && /^[|>][-+0-9]*[ \t]*(#.*)?(\r?\n|$)/.test(text.slice(start, start + 20))) {
    return blockScalarEnd(text, start);
  }
  let i = start;
  while (i < text.length && !/[\s,;&}\])"']/.test(text[i])) i++;
  return i > start ? i : null;
}

/** End of a YAML block scalar (`key: |` followed by lines indented deeper than the key's line). */
function blockScalarEnd(text: string, start: number): number {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const keyIndent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
  let i = text.indexOf('\n', start);
  if (i < 0) return text.length;
  let end = i;
  while (i < text.length) {
    const next = text.indexOf('\n', i + 1);
    const line = text.slice(i + 1, next < 0 ? text.length : next);
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (line.trim() !== '' && indent <= keyIndent) break;
    end = next < 0 ? text.length : next;
    if (next < 0) break;
    i = next;
  }
  return end;
}
