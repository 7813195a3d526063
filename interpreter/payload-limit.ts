/**
 * Temporal refuses any payload over its blob size limit (2 MiB by default, `limit.blobSize.error`). The SDK fails an
 * oversized workflow task *retryably*, so without these checks an execution whose output, action input or action
 * result is too large would retry forever. Pure and sandbox-safe: used by the workflow, the activity wrapper and the
 * client.
 */

/** Temporal's default blob size limit (`limit.blobSize.error`). */
export const TEMPORAL_BLOB_LIMIT_BYTES = 2 * 1024 * 1024;

/** What Tramontane lets through: the limit less room for the payload envelope and encryption. */
export const PAYLOAD_LIMIT_BYTES = TEMPORAL_BLOB_LIMIT_BYTES - 64 * 1024;

/** UTF-8 size of `value` as JSON (what the default payload converter sends), without allocating a buffer. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? 'null';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 1 byte ASCII, 2 up to U+07FF, 2 per surrogate half (4 per astral character), else 3.
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

/**
 * Null when `value` fits, else the message users see, e.g. `Action result is too large (3000000 bytes > 2031616
 * bytes, Temporal's payload limit)`. `what` names the value: "Action result", "Workflow input", ...
 */
export function payloadTooLarge(what: string, value: unknown, limit = PAYLOAD_LIMIT_BYTES): string | null {
  return sizeTooLarge(what, jsonBytes(value), limit);
}

/** `payloadTooLarge` for a size already measured with `jsonBytes`. */
export function sizeTooLarge(what: string, size: number, limit = PAYLOAD_LIMIT_BYTES): string | null {
  return size > limit ? `${what} is too large (${size} bytes > ${limit} bytes, Temporal's payload limit)` : null;
}
