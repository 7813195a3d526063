/**
 * `std.mistral_http`: std.http plus the headers Mistral-Workflow-Name, Mistral-Workflow-Execution-Id,
 * Mistral-Task-Id, Mistral-Action-Execution-Id and Mistral-Callback-URL, taken from the action context's `execution`
 * (keys workflow_name, workflow_execution_id, task_execution_id, action_execution_id, callback_url).
 *
 * Deviation: in Mistral the action is asynchronous (the response is ignored and the action waits for
 * `PUT /v2/action_executions/<id>`). Tramontane has no such completion API, so the action completes with the HTTP
 * response, exactly like std.http.
 */
import type { ActionImpl } from '../types';
import { runHttp } from './http-action';
import type { HttpOptions } from './options';
import { mistralHttpSignature } from './signatures';

/** Creates the std.mistral_http implementation with the given worker settings. */
export function createMistralHttpAction(opts: HttpOptions): ActionImpl {
  return {
    signature: mistralHttpSignature,
    run(input, ctx) {
      const ex = ctx.execution ?? {};
      const str = (v: unknown) => (v === null || v === undefined ? 'None' : String(v));
      return runHttp(input, ctx, opts, {
        'Mistral-Workflow-Name': str(ex.workflow_name),
        'Mistral-Workflow-Execution-Id': str(ex.workflow_execution_id),
        'Mistral-Task-Id': str(ex.task_execution_id),
        'Mistral-Action-Execution-Id': str(ex.action_execution_id),
        'Mistral-Callback-URL': str(ex.callback_url),
      });
    },
  };
}
