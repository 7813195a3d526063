/**
 * Turns a signature plus a handler into a runnable `ActionImpl`: fills defaults, resolves the cloud for this call
 * (workflow env `__openstack`, `action_region`), builds the service client, and reports every failure as Mistral
 * does: `<ActionClass>.<method> failed: <message>` (5xx and network failures retryable, the rest not).
 */
import { ActionError, type ActionContext, type ActionImpl, type ActionSignature } from '../../types';
import { CloudConfigError } from '../auth/config';
import { executionOverride, resolveCloudConfig } from '../auth/resolve';
import { OpenStackApiError } from '../client/errors';
import type { ServiceKind } from '../client/microversion';
import { ServiceClient } from '../client/service-client';
import type { OpenStackRuntime } from '../runtime';

/** What a handler gets: the input (defaults applied, `action_region` removed) and its service's client. */
export interface ActionCall {
  input: Record<string, unknown>;
  client: ServiceClient;
  maxPages: number;
}

/** One action's implementation; return `[]` for void calls as mistral-extra does. */
export type Handler = (call: ActionCall) => Promise<unknown>;

/** Handlers of one namespace, by key (`servers_list`), with the service they talk to. */
export interface HandlerSet {
  service: ServiceKind;
  handlers: Record<string, Handler>;
}

function withDefaults(sig: ActionSignature, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of sig.params) if (!p.required && p.default !== undefined) out[p.name] = p.default;
  for (const [k, v] of Object.entries(input)) out[k] = v;
  delete out.action_region;
  return out;
}

/** Builds the `ActionImpl` of one signature. */
export function defineAction(sig: ActionSignature, service: ServiceKind, handler: Handler, runtime: OpenStackRuntime): ActionImpl {
  const method = sig.name.slice(sig.name.indexOf('.') + 1);
  const fail = (msg: string, retryable = false) => new ActionError(`${sig.className}.${method} failed: ${msg}`, { retryable });
  return {
    signature: sig,
    async run(input: Record<string, unknown>, ctx: ActionContext): Promise<unknown> {
      try {
        const config = resolveCloudConfig(runtime, executionOverride(ctx.execution ?? {}), input.action_region);
        const client = new ServiceClient(service, config, {
          tokens: runtime.tokens,
          microversions: runtime.microversions,
          fetch: runtime.fetch,
          timeoutMs: runtime.timeoutMs,
          signal: ctx.signal,
        });
        const result = await handler({ input: withDefaults(sig, input), client, maxPages: runtime.maxPages });
        return result === undefined ? [] : result;
      } catch (e) {
        if (ctx.signal?.aborted) throw e;
        if (e instanceof OpenStackApiError) throw fail(e.message, e.retryable);
        if (e instanceof CloudConfigError) throw fail(e.message);
        if (e instanceof ActionError) throw e;
        throw fail(e instanceof Error ? e.message : String(e));
      }
    },
  };
}

/** Builds the `ActionImpl`s of a namespace; every signature must have a handler (checked at startup). */
export function defineActions(signatures: ActionSignature[], set: HandlerSet, runtime: OpenStackRuntime): ActionImpl[] {
  return signatures.map((sig) => {
    const key = sig.name.slice(sig.name.indexOf('.') + 1);
    const handler = set.handlers[key];
    if (!handler) throw new Error(`No implementation for ${sig.name}`);
    return defineAction(sig, set.service, handler, runtime);
  });
}
