/**
 * `task-defaults:` of a workflow: policies, `safe-rerun`, on-* clauses and `requires`. Like Mistral, both the
 * direct-only (on-*) and reverse-only (`requires`) keys are accepted whatever the workflow type; the ones that do not
 * apply are ignored.
 */
import type { CheckContext } from './check-context';
import type { TaskDefaults } from './model';
import { readClause } from './on-clause';
import { POLICY_KEYS, readPolicies } from './policies';
import { checkExprOrBool, checkKeys, checkStringOrList, entry, showNode } from './schema';
import { toPlain, type YNode } from './yaml-tree';

const KEYS = [...POLICY_KEYS, 'on-success', 'on-error', 'on-complete', 'safe-rerun', 'requires'];

/** Reads `task-defaults` (an absent section gives empty defaults). */
export function readTaskDefaults(ctx: CheckContext, node: YNode | undefined): TaskDefaults {
  const out: TaskDefaults = { requires: [], policies: {} };
  if (!node) return out;
  if (node.kind !== 'map' || node.entries.length === 0) {
    ctx.error(node, `Invalid DSL: 'task-defaults' must be a non-empty dict, got ${showNode(node)}`);
    return out;
  }
  checkKeys(ctx, node, KEYS, "'task-defaults'");
  out.policies = readPolicies(ctx, node);
  for (const [key, field] of [['on-success', 'onSuccess'], ['on-error', 'onError'], ['on-complete', 'onComplete']] as const) {
    const v = entry(node, key);
    if (v) out[field] = readClause(ctx, v, key);
  }
  const safeRerun = entry(node, 'safe-rerun');
  if (safeRerun && checkExprOrBool(ctx, safeRerun, 'safe-rerun')) {
    out.safeRerun = toPlain(safeRerun);
    ctx.expressions(safeRerun);
  }
  const requires = entry(node, 'requires');
  if (requires) out.requires = checkStringOrList(ctx, requires, 'requires');
  return out;
}
