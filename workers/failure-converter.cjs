/**
 * The failure converter of every worker, client and the workflow bundle (`dataConverter().failureConverterPath`).
 *
 * A Temporal failure's message and stack trace are plain text in history unless moved into its `encodedAttributes`
 * payload, which the payload codec then encrypts: this converter does that (`encodeCommonAttributes: true`). In a
 * worker's main thread (activity failures) it also scrubs the secret values the codec has seen from messages, stack
 * traces and error data (`details`, which the workflow reports as the task's state_info) first (see `secret-values.ts`); inside the workflow sandbox that registry does not exist, so workflow failure
 * conversion stays deterministic.
 *
 * CommonJS on purpose: the SDK loads it with `require()` (in workers and clients, also under vitest, whose transforms
 * do not reach that `require`), and webpack bundles it into the workflow sandbox.
 */
'use strict';
const { DefaultFailureConverter } = require('@temporalio/common');

const REGISTRY_KEY = Symbol.for('tramontane.secretValues');

function scrub(text) {
  const registry = globalThis[REGISTRY_KEY];
  return registry && typeof text === 'string' && text ? registry.scrub(text) : text;
}

/** A copy of JSON-like error data with every string scrubbed (structure and other values kept). */
function scrubDeep(value, depth) {
  if (typeof value === 'string') return scrub(value);
  if (depth > 50 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

class TramontaneFailureConverter extends DefaultFailureConverter {
  constructor() {
    super({ encodeCommonAttributes: true });
  }

  errorToFailureInner(err, payloadConverter, context) {
    const failure = super.errorToFailureInner(err, payloadConverter, context);
    if (failure.encodedAttributes) return failure; // already converted (e.g. a failure read from history)
    if (failure.message) failure.message = scrub(failure.message);
    if (failure.stackTrace) failure.stackTrace = scrub(failure.stackTrace);
    // The error data an action attaches (details[0]) becomes the task's state_info: scrub it the same way.
    const info = failure.applicationFailureInfo;
    if (globalThis[REGISTRY_KEY] && info && info.details && Array.isArray(err.details) && err.details.length) {
      info.details = { payloads: err.details.map((d) => payloadConverter.toPayload(scrubDeep(d, 0), context)) };
    }
    return failure;
  }
}

exports.failureConverter = new TramontaneFailureConverter();
