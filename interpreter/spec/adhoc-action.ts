/**
 * Ad-hoc actions (`actions:` of a workbook, or a standalone action file): `base` (with optional inline params),
 * `base-input`, `input`, `output`, `description`, `tags`.
 */
import type { CheckContext } from './check-context';
import { parseCommand } from './inline-params';
import { readInputParams } from './input-params';
import type { AdhocActionSpec } from './model';
import { checkKeys, checkNonEmptyDict, checkNonEmptyString, checkString, checkUniqueStringList, entry, requireKey, showNode } from './schema';
import { toPlain, type YNode, type YScalar } from './yaml-tree';

const KEYS = ['base', 'base-input', 'input', 'output', 'description', 'tags'];

/** Reads one ad-hoc action; `fullName` is `<workbook>.<name>` inside a workbook. */
export function readAdhocAction(
  ctx: CheckContext,
  fullName: string,
  keyNode: YScalar,
  node: YNode,
  workbook?: string,
): AdhocActionSpec | undefined {
  if (node.kind !== 'map') {
    ctx.error(node, `Invalid DSL: action '${fullName}' must be a dict, got ${showNode(node)}`);
    return undefined;
  }
  checkKeys(ctx, node, KEYS, 'an ad-hoc action');
  const spec: AdhocActionSpec = {
    name: fullName,
    tags: [],
    base: '',
    baseInlineParams: {},
    baseInput: {},
    input: [],
    pos: keyNode.pos,
  };
  if (workbook) spec.workbook = workbook;
  const base = entry(node, 'base');
  if (requireKey(ctx, node, 'base') && base && checkNonEmptyString(ctx, base, 'base')) {
    const parsed = parseCommand(String(base.value));
    if (!parsed) ctx.error(base, `Invalid action/workflow task property: ${String(base.value)}`);
    else {
      spec.base = parsed.name;
      spec.baseInlineParams = parsed.params;
      for (const p of parsed.found) if (typeof p.value === 'string') ctx.expressionIn(base, p.text, p.index);
    }
  }
  const baseInput = entry(node, 'base-input');
  if (baseInput && checkNonEmptyDict(ctx, baseInput, 'base-input')) {
    spec.baseInput = toPlain(baseInput) as Record<string, unknown>;
    ctx.expressions(baseInput);
  }
  const input = entry(node, 'input');
  if (input) spec.input = readInputParams(ctx, input);
  const output = entry(node, 'output');
  if (output && !(output.kind === 'scalar' && output.value === null)) {
    spec.output = toPlain(output);
    ctx.expressions(output);
  }
  const description = entry(node, 'description');
  if (description && checkString(ctx, description, 'description')) spec.description = String(description.value);
  const tags = entry(node, 'tags');
  if (tags) spec.tags = checkUniqueStringList(ctx, tags, 'tags');
  return spec;
}
