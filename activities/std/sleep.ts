import type { ActionImpl } from '../types';
import { sleepSignature } from './signatures';
import { cancellableSleep } from './cancellable-sleep';
import { pyInt, PyTypeError } from './python';
import { instantiateError } from './instantiate-error';

/**
 * `std.sleep(seconds=1)`: sleeps Python `int(seconds)` seconds and returns null. A float truncates (0.7 → 0), a
 * negative or non-integer string gives 0 ('0.5' → 0), null is an instantiation error (checked against the Mistral
 * 15.0.0 oracle). Heartbeats while sleeping and stops at once when cancelled.
 */
export const sleepAction: ActionImpl = {
  signature: sleepSignature,
  async run(input, ctx) {
    const raw = Object.prototype.hasOwnProperty.call(input, 'seconds') && input.seconds !== undefined ? input.seconds : 1;
    let seconds: number | null;
    try {
      seconds = pyInt(raw);
    } catch (e) {
      if (e instanceof PyTypeError) throw instantiateError('std.sleep', e.message);
      throw e;
    }
    if (seconds === null || seconds < 0) seconds = 0;
    if (seconds > 0) await cancellableSleep(seconds * 1000, ctx.signal, ctx.heartbeat);
    return null;
  },
};
