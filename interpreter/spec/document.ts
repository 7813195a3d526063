/**
 * The top level of a definition file: a workflow file (`version` + workflows), a workbook (`version`, `name`,
 * `workflows`, `actions`, ...) or a standalone ad-hoc action file (`version` + actions).
 *
 * Kind detection (Mistral decides by the API endpoint; a file has to say it itself): a workbook has a string
 * `name` or a dict `workflows`/`actions`; an action file has only entries with a `base` and no `tasks`; anything
 * else is a workflow file.
 *
 * Version: `'2.0'` or `2.0` (also `2`); anything else is `Unsupported DSL version: X`. Mistral 15 only enforces
 * this for workbooks (checked with the oracle: a workflow file with `version: '2.1'` is accepted there); we enforce
 * it everywhere so a file written for another DSL version is caught.
 */
import { readAdhocAction } from './adhoc-action';
import type { CheckContext } from './check-context';
import type { Definition } from './model';
import { checkKeys, checkNonEmptyString, checkString, checkUniqueStringList, entry, showNode } from './schema';
import { readWorkflow } from './workflow';
import type { YMap, YNode } from './yaml-tree';

const WORKBOOK_KEYS = ['version', 'name', 'description', 'tags', 'workflows', 'actions'];
const SECTION_NAME = /^(?!version$)[\w-]+$/;

/** Reads a whole definition from its YAML tree (undefined root = empty file). */
export function readDefinition(ctx: CheckContext, root: YNode | undefined): Definition | undefined {
  if (!root || (root.kind === 'scalar' && root.value === null)) {
    ctx.error({ line: 1, col: 1 }, "Invalid DSL: the definition is empty ('version' is a required property)");
    return undefined;
  }
  if (root.kind !== 'map') {
    ctx.error(root, `Invalid DSL: the definition must be a dict ('version' and workflows), got ${showNode(root)}`);
    return undefined;
  }
  checkVersion(ctx, root, true);
  if (isWorkbook(root)) return readWorkbook(ctx, root);
  const items = root.entries.filter((e) => e.key !== 'version');
  const def: Definition = { kind: isActionFile(root) ? 'actions' : 'workflows', tags: [], workflows: {}, actions: {} };
  if (items.length === 0) {
    ctx.error(root, 'At least one item must be in the list: the file defines no workflow');
    return def;
  }
  for (const e of items) {
    if (def.kind === 'actions') {
      const a = readAdhocAction(ctx, e.key, e.keyNode, e.value);
      if (a) def.actions[a.name] = a;
    } else {
      const wf = readWorkflow(ctx, e.key, e.keyNode, e.value);
      if (wf) def.workflows[wf.name] = wf;
    }
  }
  return def;
}

function isWorkbook(root: YMap): boolean {
  const name = entry(root, 'name');
  return (
    entry(root, 'workflows')?.kind === 'map' ||
    entry(root, 'actions')?.kind === 'map' ||
    (name?.kind === 'scalar' && typeof name.value === 'string')
  );
}

function isActionFile(root: YMap): boolean {
  const items = root.entries.filter((e) => e.key !== 'version');
  return (
    items.length > 0 &&
    items.every((e) => e.value.kind === 'map' && entry(e.value, 'base') !== undefined && entry(e.value, 'tasks') === undefined)
  );
}

/** `version: '2.0'` (or 2.0). `required` = the key must be present. */
function checkVersion(ctx: CheckContext, map: YMap, required: boolean): void {
  const node = entry(map, 'version');
  if (!node) {
    if (required) ctx.error(map, "Invalid DSL: 'version' is a required property");
    return;
  }
  const v = node.kind === 'scalar' ? node.value : undefined;
  if (v === '2.0' || v === 2) return;
  ctx.error(node, `Unsupported DSL version: ${node.kind === 'scalar' ? String(v) : showNode(node)}`);
}

function readWorkbook(ctx: CheckContext, root: YMap): Definition {
  checkKeys(ctx, root, WORKBOOK_KEYS, 'a workbook');
  const def: Definition = { kind: 'workbook', tags: [], workflows: {}, actions: {} };
  const nameNode = entry(root, 'name');
  if (!nameNode) ctx.error(root, "Invalid DSL: 'name' is a required property");
  else if (checkNonEmptyString(ctx, nameNode, 'name')) def.name = String(nameNode.value);
  const wb = def.name ?? '';
  const description = entry(root, 'description');
  if (description && checkString(ctx, description, 'description')) def.description = String(description.value);
  const tags = entry(root, 'tags');
  if (tags) def.tags = checkUniqueStringList(ctx, tags, 'tags');

  for (const section of ['actions', 'workflows'] as const) {
    const node = entry(root, section);
    if (!node) continue;
    if (node.kind !== 'map' || node.entries.length === 0) {
      ctx.error(node, `Invalid DSL: '${section}' must be a non-empty dict, got ${showNode(node)}`);
      continue;
    }
    checkVersion(ctx, node, false);
    for (const e of node.entries) {
      if (e.key === 'version') continue;
      if (!SECTION_NAME.test(e.key)) {
        ctx.error(e.keyNode, `Invalid DSL: '${e.key}' is not a valid name in '${section}' (letters, digits, '_' and '-' only)`);
        continue;
      }
      const fullName = wb ? `${wb}.${e.key}` : e.key;
      if (section === 'actions') {
        const a = readAdhocAction(ctx, fullName, e.keyNode, e.value, wb || undefined);
        if (a) def.actions[a.name] = a;
      } else {
        const wf = readWorkflow(ctx, fullName, e.keyNode, e.value, wb || undefined);
        if (wf) def.workflows[wf.name] = wf;
      }
    }
  }
  return def;
}
