import { ActionError, type ActionImpl } from '../types';
import { testDictSignature } from './signatures';
import { pyStr, pyTypeName } from './python';

/**
 * `std.test_dict(size=0, key_prefix='', val='')`: returns `{key_prefix + "0": val, ..., key_prefix + (size-1): val}`.
 * `size` must be an integer (a boolean counts as 0/1, like Python); anything else fails with Python's message, e.g.
 * "'str' object cannot be interpreted as an integer" (checked against the Mistral 15.0.0 oracle).
 */
export const testDictAction: ActionImpl = {
  signature: testDictSignature,
  async run(input) {
    const rawSize = input.size === undefined ? 0 : input.size;
    let size: number;
    if (typeof rawSize === 'boolean') size = rawSize ? 1 : 0;
    else if (typeof rawSize === 'number' && Number.isInteger(rawSize)) size = rawSize;
    else throw new ActionError(`'${pyTypeName(rawSize)}' object cannot be interpreted as an integer`);
    const prefix = pyStr(input.key_prefix === undefined ? '' : input.key_prefix);
    const val = input.val === undefined ? '' : input.val;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < size; i++) out[`${prefix}${i}`] = val;
    return out;
  },
};
