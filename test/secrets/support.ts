/**
 * Helpers of the secrets tests: unique secret strings, and a search for them in raw history JSON that also looks
 * inside every base64 string (payload data, metadata), the way someone reading Temporal's database would.
 */
import { randomBytes } from 'node:crypto';

/** A unique, unguessable secret that no other test or log line can contain by chance. */
export function makeSecret(label: string): string {
  return `${label}-${randomBytes(9).toString('hex')}`;
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

const BASE64 = /^[A-Za-z0-9+/_-]{8,}={0,2}$/;

/**
 * The secrets found in `jsonText`: as they are, or inside any base64-decoded string value (UTF-8 or Latin-1), or in
 * a base64 string nested in that (metadata in JSON in base64).
 */
export function findSecrets(jsonText: string, secrets: string[]): string[] {
  const texts = [jsonText];
  const queue = stringsOf(JSON.parse(jsonText));
  for (let depth = 0; depth < 2 && queue.length; depth++) {
    const next: string[] = [];
    for (const s of queue) {
      if (!BASE64.test(s)) continue;
      const bytes = Buffer.from(s, 'base64');
      const decoded = bytes.toString('utf8');
      texts.push(decoded, bytes.toString('latin1'));
      try {
        next.push(...stringsOf(JSON.parse(decoded)));
      } catch {
        // not JSON: searched as text above
      }
    }
    queue.splice(0, queue.length, ...next);
  }
  return secrets.filter((secret) => texts.some((t) => t.includes(secret)));
}
