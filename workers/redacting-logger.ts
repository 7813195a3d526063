/**
 * The worker's logger: the SDK's DefaultLogger (same format, stderr) with secrets scrubbed from every message and
 * its metadata — "Activity failed" and "Workflow failed" carry the error, whose message or stack may echo a
 * parameter. Scrubbing removes every secret value the codec has seen in this process and `key: secret` patterns
 * (`secret-values.ts`, `redact.ts`). Install it before creating workers: `Runtime.install({ logger: redactingLogger() })`.
 */
import { DefaultLogger, type LogLevel, type LogMetadata, type Logger } from '@temporalio/worker';
import { isSecretKey, REDACTED } from './redact';
import { scrubSecrets } from './secret-values';

/** A copy of a log metadata value with secrets scrubbed; errors become `{ name, message, stack }` scrubbed. */
export function scrubLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (value instanceof Error) {
    const copy = new Error(scrubSecrets(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? scrubSecrets(value.stack) : undefined;
    if (value.cause !== undefined) copy.cause = scrubLogValue(value.cause, depth + 1);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubLogValue(v, depth + 1));
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = isSecretKey(k) && typeof v !== 'object' ? REDACTED : scrubLogValue(v, depth + 1);
  }
  return out;
}

/** Wraps `inner` so every entry is scrubbed before it is written. */
export function redactLogger(inner: Logger): Logger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    // Metadata keys are symbols too (the SDK's timestamp): keep those as they are.
    const scrubbed = meta ? (Object.assign(scrubLogValue(meta) as LogMetadata, symbolsOf(meta)) as LogMetadata) : undefined;
    inner.log(level, scrubSecrets(message), scrubbed);
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}

function symbolsOf(meta: LogMetadata): Record<symbol, unknown> {
  const out: Record<symbol, unknown> = {};
  for (const s of Object.getOwnPropertySymbols(meta)) out[s] = (meta as Record<symbol, unknown>)[s];
  return out;
}

/** The SDK's DefaultLogger at `level` (default `TEMPORAL_LOG_LEVEL` or INFO), scrubbed. */
export function redactingLogger(level: LogLevel = (process.env.TEMPORAL_LOG_LEVEL as LogLevel) || 'INFO'): Logger {
  return redactLogger(new DefaultLogger(level));
}
