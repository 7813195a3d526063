import type { ActionImpl } from '../types';
import { echoSignature } from './signatures';
import { cancellableSleep } from './cancellable-sleep';
import { pyFloat, PyTypeError } from './python';
import { instantiateError } from './instantiate-error';

/**
 * `std.echo(output, delay=0)`: returns `output` unchanged after `delay` seconds. As in Mistral, `delay` goes through
 * Python `float()`: a negative or non-numeric string becomes 0, while null, a list or a dict is an instantiation error
 * (checked against the Mistral 15.0.0 oracle).
 */
export const echoAction: ActionImpl = {
  signature: echoSignature,
  async run(input, ctx) {
    let delay: number | null;
    try {
      delay = pyFloat(input.delay === undefined ? 0 : input.delay);
    } catch (e) {
      if (e instanceof PyTypeError) throw instantiateError('std.echo', e.message);
      throw e;
    }
    if (delay === null || Number.isNaN(delay) || delay < 0) delay = 0;
    if (delay > 0) await cancellableSleep(delay * 1000, ctx.signal, ctx.heartbeat);
    return input.output ?? null;
  },
};
