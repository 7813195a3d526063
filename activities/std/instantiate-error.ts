import { ActionError } from '../types';

/**
 * The error for a parameter value that Mistral's Python constructor itself rejects (a `TypeError` raised while the
 * action is instantiated, e.g. `std.echo delay=null`); Mistral reports those as "Failed to instantiate an action".
 */
export function instantiateError(actionName: string, detail: string): ActionError {
  return new ActionError(`Failed to instantiate an action [name=${actionName}, error=${detail}]`);
}
