/**
 * `input:` declarations of workflows and ad-hoc actions: a unique list whose items are `name` (required) or a
 * one-key dict `name: default` (optional; the default is used as written, never evaluated).
 */
import type { CheckContext } from './check-context';
import type { InputParam } from './model';
import { show, showNode } from './schema';
import { toPlain, type YNode } from './yaml-tree';

/** Reads an input declaration list. */
export function readInputParams(ctx: CheckContext, node: YNode): InputParam[] {
  if (node.kind !== 'seq' || node.items.length === 0) {
    ctx.error(node, `Invalid DSL: 'input' must be a non-empty list of names or {name: default} dicts, got ${showNode(node)}`);
    return [];
  }
  const out: InputParam[] = [];
  for (const item of node.items) {
    let param: InputParam | undefined;
    if (item.kind === 'scalar' && typeof item.value === 'string' && item.value.length > 0) {
      param = { name: item.value, required: true };
    } else if (item.kind === 'map' && item.entries.length === 1) {
      param = { name: item.entries[0].key, required: false, default: toPlain(item.entries[0].value) };
    } else if (item.kind === 'map' && item.entries.length > 1) {
      ctx.error(item, `Invalid DSL: each 'input' item must be a name or a one-key dict (name: default), got a dict with ${item.entries.length} keys`);
    } else {
      ctx.error(item, `Invalid DSL: each 'input' item must be a name or a one-key dict (name: default), got ${showNode(item)}`);
    }
    if (!param) continue;
    if (out.some((p) => p.name === param.name)) {
      ctx.error(item, `Invalid DSL: 'input' has non-unique elements (${show(param.name)} is declared twice)`);
      continue;
    }
    out.push(param);
  }
  return out;
}
