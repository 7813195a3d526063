/**
 * A sleep that ends early when the activity is cancelled. Worker-side only (uses timers).
 */

/**
 * Waits `ms` milliseconds, heartbeating every `heartbeatMs` if a heartbeat function is given. Rejects with the abort
 * reason as soon as `signal` is aborted (a cancelled activity must stop at once).
 */
export function cancellableSleep(
  ms: number,
  signal: AbortSignal,
  heartbeat?: (details?: unknown) => void,
  heartbeatMs = 2000,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const done = () => {
      clearTimeout(timer);
      if (beat) clearInterval(beat);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, Math.max(0, ms));
    const beat = heartbeat && ms > heartbeatMs ? setInterval(() => heartbeat(), heartbeatMs) : undefined;
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error to throw when `signal` was aborted: its reason when that is an Error, else a plain cancellation error. */
export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  const e = new Error(typeof r === 'string' && r ? r : 'Action cancelled');
  e.name = 'CancelledError';
  return e;
}
