import { ActionError, type ActionImpl } from '../types';
import { failSignature } from './signatures';
import { pyTruthy } from './python';

/** The error of `std.fail` without (truthy) `error_data`, as Mistral words it. */
export const FAIL_MESSAGE = 'Fail action expected exception.';

/**
 * `std.fail(error_data=null)`: always fails. A truthy `error_data` (Python truthiness) becomes the error data as is;
 * null, 0, '' , [] and {} make it raise "Fail action expected exception.", which Mistral reports as
 * `The action raised an exception [action=Fail action, ...]` (checked against the Mistral 15.0.0 oracle).
 */
export const failAction: ActionImpl = {
  signature: failSignature,
  async run(input) {
    const data = input.error_data;
    if (pyTruthy(data)) throw new ActionError(data);
    throw new ActionError(FAIL_MESSAGE, { raised: 'Fail action' }); // Mistral raises here (FailAction's str())
  },
};
