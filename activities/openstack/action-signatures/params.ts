/**
 * Tiny builders for OpenStack action signatures (pure data; safe inside the workflow sandbox).
 */
import type { ActionParam, ActionSignature } from '../../types';

/** A required parameter. */
export function req(name: string): ActionParam {
  return { name, required: true };
}

/** An optional parameter with its Python default (`null` for `None`). */
export function opt(name: string, def: unknown = null): ActionParam {
  return { name, required: false, default: def };
}

/** Mistral-extra's extra `action_region=""` parameter (nova and cinder support regions). */
export const ACTION_REGION: ActionParam = { name: 'action_region', required: false, default: '' };

/** A signature of `<namespace>.<key>` with `action_region` added, as mistral-extra generates it. */
export function openstackSignature(
  namespace: 'nova' | 'cinder',
  key: string,
  params: ActionParam[],
  description: string,
  extra: Partial<ActionSignature> = {},
): ActionSignature {
  return {
    name: `${namespace}.${key}`,
    className: namespace === 'nova' ? 'NovaAction' : 'CinderAction',
    params: [...params, ACTION_REGION],
    description,
    ...extra,
  };
}
