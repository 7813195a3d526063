/**
 * Action input checking as Mistral does it when a task schedules an action: the input keys are matched against the
 * Python constructor's parameters. Pure data work, safe inside the Temporal workflow sandbox.
 *
 * Message format checked against the Mistral 15.0.0 oracle, e.g. for `action: std.echo` with input `{wrong: 1}`:
 * `Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output'], unexpected=['wrong']]`
 * (`missing` in signature order, `unexpected` in input order, each part left out when empty).
 */
import type { ActionSignature } from './types';
import { pyReprString } from './std/python';

/**
 * Checks `input` against the action's signature. Returns `null` when the input is acceptable, otherwise Mistral's
 * `Invalid input [name=..., class=..., missing=[...], unexpected=[...]]` message. A key whose value is `undefined` counts
 * as absent; `null` counts as given. Signatures with `acceptsKwargs` accept any extra key.
 */
export function checkActionInput(sig: ActionSignature, input: Record<string, unknown> | null | undefined): string | null {
  const given = input ?? {};
  const present = (k: string) => Object.prototype.hasOwnProperty.call(given, k) && given[k] !== undefined;
  const known = new Set(sig.params.map((p) => p.name));
  const missing = sig.params.filter((p) => p.required && !present(p.name)).map((p) => p.name);
  const unexpected = sig.acceptsKwargs ? [] : Object.keys(given).filter((k) => !known.has(k) && given[k] !== undefined);
  if (missing.length === 0 && unexpected.length === 0) return null;
  const parts = [`name=${sig.name}`, `class=${sig.className}`];
  if (missing.length) parts.push(`missing=${pyList(missing)}`);
  if (unexpected.length) parts.push(`unexpected=${pyList(unexpected)}`);
  return `Invalid input [${parts.join(', ')}]`;
}

/**
 * Returns a new input object holding every parameter of the signature: given values first (in signature order), the
 * signature's default for each absent optional parameter, then any extra keys (for `**kwargs` actions) as given.
 * Required parameters that are absent stay absent; call `checkActionInput` first.
 */
export function applyActionDefaults(sig: ActionSignature, input: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const given = input ?? {};
  const out: Record<string, unknown> = {};
  for (const p of sig.params) {
    if (Object.prototype.hasOwnProperty.call(given, p.name) && given[p.name] !== undefined) out[p.name] = given[p.name];
    else if (!p.required) out[p.name] = copyDefault(p.default);
  }
  for (const [k, v] of Object.entries(given)) {
    if (!(k in out) && v !== undefined) out[k] = v;
  }
  return out;
}

function pyList(names: string[]): string {
  return '[' + names.map(pyReprString).join(', ') + ']';
}

function copyDefault(v: unknown): unknown {
  if (v === undefined) return null;
  return v !== null && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v;
}
