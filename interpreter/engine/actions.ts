/**
 * Action resolution for a task: looks the name up (`<workbook>.<name>`, then `<name>`), expands ad-hoc actions down
 * to a system action (checking each ad-hoc `input`, evaluating `base-input` with `$` = the ad-hoc input), applies
 * `env.__actions` defaults and checks the final input against the system action's signature.
 */
import type { ActionSignature } from '../../activities/types';
import type { AdhocActionSpec } from '../spec/model';
import { checkInput, withDefaults } from './input-check';
import type { Runtime } from './state';
import { isPlainObject } from './state';
import { evalValue } from './evaluation';

/** A ready-to-run system action. */
export interface ActionPlan {
  action: string;
  signature: ActionSignature;
  input: Record<string, unknown>;
  /** Ad-hoc output transforms, innermost first. */
  transforms: Array<{ action: string; output: unknown }>;
}

/** Why an action could not be planned. `structural` errors fail the whole workflow (§11). */
export interface ActionProblem {
  message: string;
  structural: boolean;
}

function findAdhoc(rt: Runtime, name: string, local: boolean): AdhocActionSpec | undefined {
  const actions = rt.s.def.actions;
  if (local && rt.wf.workbook && actions[`${rt.wf.workbook}.${name}`]) return actions[`${rt.wf.workbook}.${name}`];
  return actions[name];
}

/**
 * Plans the action `name` called with `input` (already evaluated, inline params merged) from a task whose data
 * context is `data`. Returns the plan or a problem (unknown action and bad input are structural; an ad-hoc `base`
 * that does not exist is an ordinary task error, as Mistral 15 does).
 */
export function planAction(rt: Runtime, name: string, input: Record<string, unknown>, data: () => Record<string, unknown>): ActionPlan | ActionProblem {
  const envActions = rt.s.env.__actions;
  if (isPlainObject(envActions) && isPlainObject(envActions[name])) {
    input = { ...envActions[name], ...input };
  }
  const transforms: Array<{ action: string; output: unknown }> = [];
  const seen = new Set<string>();
  let current = name;
  let level = 0;
  for (;;) {
    const adhoc = findAdhoc(rt, current, level === 0);
    if (!adhoc) break;
    if (seen.has(adhoc.name)) return { message: `Found a cycle in an ad-hoc action chain [action_name=${adhoc.name}]`, structural: true };
    seen.add(adhoc.name);
    const bad = checkInput(adhoc.name, 'mistral.actions.adhoc.AdHocAction', adhoc.input, input);
    if (bad) return { message: bad, structural: true };
    const full = withDefaults(adhoc.input, input);
    let baseInput: unknown;
    try {
      baseInput = evalValue(rt, adhoc.baseInput, () => ({ ...data(), ...full }));
    } catch (err) {
      return { message: (err as Error).message, structural: true };
    }
    input = { ...(isPlainObject(baseInput) ? baseInput : {}), ...adhoc.baseInlineParams };
    if (adhoc.output !== undefined) transforms.push({ action: adhoc.name, output: adhoc.output });
    current = adhoc.base;
    level++;
  }
  const signature = rt.host.action(current);
  if (!signature) {
    return { message: `Failed to find action [action_name=${current}, namespace=]`, structural: level === 0 };
  }
  const bad = checkInput(current, signature.className, signature.params, input, signature.acceptsKwargs);
  if (bad) return { message: bad, structural: true };
  return { action: current, signature, input, transforms: transforms.reverse() };
}

/** Applies ad-hoc output transforms (innermost first) to a successful result; throws EvalFailure on error. */
export function applyTransforms(rt: Runtime, transforms: Array<{ action: string; output: unknown }>, result: unknown): unknown {
  let out = result;
  for (const t of transforms) {
    out = evalValue(rt, t.output, out);
  }
  return out;
}
