/**
 * `with-items`: `var in <% expr %>`, `var in {{ expr }}`, `var in [1, 2]` (inline JSON list), or a non-empty list of
 * those. Same pattern as Mistral (`\s*([\w\d_\-]+)\s*in\s*(\[.+\]|expression)`, matched at the start).
 */
import type { CheckContext } from './check-context';
import type { WithItems } from './model';
import { show, showNode } from './schema';
import type { YNode, YScalar } from './yaml-tree';

const WITH_ITEMS = /^\s*([\w\d_-]+)\s*in\s*(\[.+\]|\{\{(.*?)\}\}|<%.*?%>)/;

/** Parses and checks a `with-items` value. Undefined when it is unusable. */
export function readWithItems(ctx: CheckContext, node: YNode): WithItems[] | undefined {
  const items: YNode[] = node.kind === 'seq' ? node.items : [node];
  if (node.kind === 'map' || (node.kind === 'seq' && node.items.length === 0)) {
    ctx.error(node, `Invalid DSL: 'with-items' must be 'var in <% expr %>' or a non-empty list of those, got ${showNode(node)}`);
    return undefined;
  }
  const out: WithItems[] = [];
  const seen = new Set<string>();
  let ok = true;
  for (const item of items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value.length === 0) {
      ctx.error(item, `'with-items' elements should be strings: got ${showNode(item)}`);
      ok = false;
      continue;
    }
    if (seen.has(item.value)) {
      ctx.error(item, `Invalid DSL: 'with-items' has non-unique elements (${show(item.value)} is repeated)`);
      ok = false;
      continue;
    }
    seen.add(item.value);
    const w = readOne(ctx, item, item.value);
    if (w) out.push(w);
    else ok = false;
  }
  return ok ? out : undefined;
}

function readOne(ctx: CheckContext, node: YScalar, text: string): WithItems | undefined {
  const m = WITH_ITEMS.exec(text);
  if (!m) {
    ctx.error(
      node,
      "Wrong format of 'with-items' property. Please use format 'var in {[some, list] | <% $.array %> }': " + show(text),
    );
    return undefined;
  }
  const array = m[2];
  const index = m[0].length - array.length;
  if (array.startsWith('[')) {
    try {
      return { var: m[1], collection: JSON.parse(array) };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      ctx.error(node, `Invalid array in 'with-items' clause: ${array}, error: ${why}`);
      return undefined;
    }
  }
  ctx.expressionIn(node, array, index);
  return { var: m[1], collection: array };
}
