/**
 * The worker side of actions: one Temporal activity per system action name (`std.echo`, `nova.servers_list`, ...),
 * each wrapping an `ActionImpl` with what every action needs — heartbeats (so a dead worker is noticed), cancellation,
 * bounded retries of transient failures, and Mistral-shaped errors.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { ActionError, type ActionImpl } from './types';
import { payloadTooLarge } from '../interpreter/payload-limit';
import { actions as std } from './std';
import { actions as ssh } from './ssh';
import { actions as email } from './email';
import { actions as http } from './http';
import { actions as openstack } from './openstack';
import { storeActivities } from './store';

/** The request the workflow sends for one action execution. */
export interface ActionRequest {
  input: Record<string, unknown>;
  execution: Record<string, unknown>;
}

/** How often the wrapper heartbeats while an action runs (at most; a third of a shorter heartbeat timeout). */
const HEARTBEAT_EVERY_MS = 5_000;
/** Transient failures (5xx, network) are retried inside the same attempt, this many times in all. */
const TRANSIENT_ATTEMPTS = 3;

const allActions: ActionImpl[] = [...std, ...ssh, ...email, ...http, ...openstack];

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });
}

/** Mistral's wording for an action that raised an exception (`mistral/engine/actions.py`). */
function raisedMessage(label: string, actionExId: unknown, msg: string): string {
  return `The action raised an exception [action=${label}, action_ex_id=${String(actionExId ?? '')}, msg='${msg}']`;
}

/** Turns an action's failure into what the workflow reads: error data in `details[0]`, never retried by Temporal. */
function toFailure(impl: ActionImpl, err: unknown, req: ActionRequest): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  const objectLabel = `<${impl.signature.className} object at 0x7f0000000000>`;
  if (err instanceof ActionError) {
    const data = err.raised
      ? raisedMessage(err.raised === true ? objectLabel : err.raised, req.execution.action_execution_id, err.message)
      : err.data;
    return ApplicationFailure.create({ message: err.message, type: 'ActionError', nonRetryable: true, details: [data] });
  }
  const msg = err instanceof Error ? err.message : String(err);
  const data = raisedMessage(objectLabel, req.execution.action_execution_id, msg);
  return ApplicationFailure.create({ message: data, type: 'ActionError', nonRetryable: true, details: [data] });
}

function wrap(impl: ActionImpl): (req: ActionRequest) => Promise<unknown> {
  return async (req: ActionRequest) => {
    const ctx = Context.current();
    const timeoutMs = ctx.info.heartbeatTimeoutMs;
    const every = timeoutMs ? Math.min(HEARTBEAT_EVERY_MS, Math.max(200, timeoutMs / 3)) : HEARTBEAT_EVERY_MS;
    // Local activities (side-effect-free std actions) have no heartbeats: the workflow task covers them.
    const beat = ctx.info.isLocal ? undefined : setInterval(() => ctx.heartbeat(), every);
    if (!ctx.info.isLocal) ctx.heartbeat();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await impl.run(req.input, {
            execution: req.execution,
            heartbeat: (d) => (ctx.info.isLocal ? undefined : ctx.heartbeat(d)),
            signal: ctx.cancellationSignal,
          });
          // Temporal refuses payloads over its limit and the SDK would retry the completion forever: fail the action.
          const tooLarge = payloadTooLarge('Action result', result ?? null);
          if (tooLarge) throw new ActionError(`${tooLarge} [action=${impl.signature.name}]`);
          return result === undefined ? null : result;
        } catch (err) {
          if (ctx.cancellationSignal.aborted) throw err;
          if (err instanceof ActionError && err.retryable && attempt < TRANSIENT_ATTEMPTS) {
            ctx.log.warn(`${impl.signature.name}: transient failure, retrying (${attempt}/${TRANSIENT_ATTEMPTS - 1})`);
            await abortableDelay(500 * 2 ** (attempt - 1), ctx.cancellationSignal);
            continue;
          }
          throw toFailure(impl, err, req);
        }
      }
    } finally {
      clearInterval(beat);
    }
  };
}

/** The activities object to give `Worker.create({ activities })`: keyed by Mistral action name. */
export function createActivities(): Record<string, (req: ActionRequest) => Promise<unknown>> {
  const out: Record<string, (req: ActionRequest) => Promise<unknown>> = {};
  for (const impl of allActions) out[impl.signature.name] = wrap(impl);
  Object.assign(out, storeActivities()); // internal: the definition store, for starts by name
  return out;
}
