/**
 * One task of a direct or reverse workflow: keyword check (per workflow type), action XOR workflow with inline
 * parameters, input, publish, with-items, policies, join, on-* clauses and requires.
 */
import type { CheckContext } from './check-context';
import { parseCommand } from './inline-params';
import type { TaskSpec } from './model';
import { readClause } from './on-clause';
import { POLICY_KEYS, readPolicies } from './policies';
import {
  checkExprOrBool,
  checkKeys,
  checkNonEmptyDict,
  checkNonEmptyString,
  checkString,
  checkStringOrList,
  checkUniqueStringList,
  entry,
  show,
  showNode,
} from './schema';
import { readWithItems } from './with-items';
import { toPlain, type YNode, type YScalar } from './yaml-tree';

const COMMON_KEYS = [
  'description',
  'tags',
  'type',
  'action',
  'workflow',
  'input',
  'with-items',
  'publish',
  'publish-on-error',
  'target',
  'keep-result',
  'safe-rerun',
  ...POLICY_KEYS,
];
const DIRECT_KEYS = ['join', 'on-success', 'on-error', 'on-complete'];
const REVERSE_KEYS = ['requires'];

export const MAX_TASK_NAME = 255;
export const MAX_JOIN_TASK_NAME = MAX_TASK_NAME - 47;

/** Reads one task; `type` is its workflow's type. Undefined when the task is not a map at all. */
export function readTask(
  ctx: CheckContext,
  name: string,
  keyNode: YScalar,
  node: YNode,
  type: 'direct' | 'reverse',
): TaskSpec | undefined {
  if (node.kind !== 'map' || node.entries.length === 0) {
    ctx.error(node.kind === 'map' ? keyNode : node, `Invalid DSL: task '${name}' must be a non-empty dict, got ${showNode(node)}`);
    return undefined;
  }
  const own = type === 'direct' ? DIRECT_KEYS : REVERSE_KEYS;
  const other = type === 'direct' ? REVERSE_KEYS : DIRECT_KEYS;
  const hints: Record<string, string> = {};
  for (const k of other) hints[k] = `'${k}' is only allowed in ${type === 'direct' ? 'reverse' : 'direct'} workflows`;
  checkKeys(ctx, node, [...COMMON_KEYS, ...own], `a task of a ${type} workflow`, hints);

  if (name.length > MAX_TASK_NAME) {
    ctx.error(keyNode, `The length of a '${name}' task name must not exceed ${MAX_TASK_NAME} symbols`);
  }

  const task: TaskSpec = {
    name,
    tags: [],
    inlineParams: {},
    input: {},
    publish: {},
    publishOnError: {},
    keepResult: true,
    policies: readPolicies(ctx, node),
    requires: [],
    raw: toPlain(node) as Record<string, unknown>,
    pos: keyNode.pos,
  };

  const description = entry(node, 'description');
  if (description && checkString(ctx, description, 'description')) task.description = String(description.value);
  const tags = entry(node, 'tags');
  if (tags) task.tags = checkUniqueStringList(ctx, tags, 'tags');
  const typeNode = entry(node, 'type');
  if (typeNode && typeNode.kind === 'scalar' && typeNode.value !== type) {
    ctx.error(typeNode, `Invalid DSL: task 'type' must be '${type}' (the workflow's type), got ${showNode(typeNode)}`);
  }

  readActionOrWorkflow(ctx, node, task);

  const input = entry(node, 'input');
  if (input) {
    if (input.kind === 'scalar' && typeof input.value === 'string' && input.value.length > 0) task.input = input.value;
    else if (input.kind === 'map' && input.entries.length > 0) task.input = toPlain(input) as Record<string, unknown>;
    else ctx.error(input, `Invalid DSL: 'input' must be a non-empty dict or an expression, got ${showNode(input)}`);
    ctx.expressions(input);
    if (typeof task.input === 'string' && Object.keys(task.inlineParams).length > 0) {
      ctx.error(input, "Invalid DSL: inline parameters cannot be combined with an expression 'input'; use an 'input' dict");
    }
  }
  for (const [key, field] of [['publish', 'publish'], ['publish-on-error', 'publishOnError']] as const) {
    const v = entry(node, key);
    if (v && checkNonEmptyDict(ctx, v, key)) {
      task[field] = toPlain(v) as Record<string, unknown>;
      ctx.expressions(v);
    }
  }
  const withItems = entry(node, 'with-items');
  if (withItems) task.withItems = readWithItems(ctx, withItems);
  const target = entry(node, 'target');
  if (target && checkNonEmptyString(ctx, target, 'target')) {
    task.target = target.value;
    ctx.expressions(target);
  }
  const keepResult = entry(node, 'keep-result');
  if (keepResult && checkExprOrBool(ctx, keepResult, 'keep-result')) {
    task.keepResult = toPlain(keepResult);
    ctx.expressions(keepResult);
  }
  const safeRerun = entry(node, 'safe-rerun');
  if (safeRerun && checkExprOrBool(ctx, safeRerun, 'safe-rerun')) {
    task.safeRerun = toPlain(safeRerun);
    ctx.expressions(safeRerun);
  }

  if (type === 'direct') readDirectParts(ctx, node, task, keyNode);
  else {
    const requires = entry(node, 'requires');
    if (requires) task.requires = checkStringOrList(ctx, requires, 'requires');
  }
  return task;
}

function readActionOrWorkflow(ctx: CheckContext, node: YNode & { kind: 'map' }, task: TaskSpec): void {
  const action = entry(node, 'action');
  const workflow = entry(node, 'workflow');
  if (action && workflow) {
    ctx.error(workflow, "Invalid DSL: a task can have either 'action' or 'workflow', not both");
  }
  for (const [key, v] of [['action', action], ['workflow', workflow]] as const) {
    if (!v || !checkNonEmptyString(ctx, v, key)) continue;
    const text = String(v.value);
    const parsed = parseCommand(text);
    if (!parsed) {
      ctx.error(v, `Invalid action/workflow task property: ${text}`);
      continue;
    }
    ctx.expressionIn(v, parsed.name, 0);
    for (const p of parsed.found) {
      if (typeof p.value === 'string') ctx.expressionIn(v, p.text, p.index);
    }
    if (key === 'action' || !action) {
      task[key] = parsed.name;
      task.inlineParams = parsed.params;
    }
  }
}

function readDirectParts(ctx: CheckContext, node: YNode & { kind: 'map' }, task: TaskSpec, keyNode: YScalar): void {
  const join = entry(node, 'join');
  if (join) {
    const v = join.kind === 'scalar' ? join.value : undefined;
    if (v === 'all') task.join = 'all';
    else if (v === 'one') task.join = 1;
    else if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
      // Like Mistral, `join: 0` is falsy and means "not a join task".
      if (v > 0) task.join = v;
    } else {
      ctx.error(join, `Invalid DSL: 'join' must be 'all', 'one' or an integer >= 0, got ${show(toPlain(join))}`);
    }
    if (task.join !== undefined && task.name.length > MAX_JOIN_TASK_NAME) {
      ctx.error(keyNode, `The length of a '${task.name}' join task name must not exceed ${MAX_JOIN_TASK_NAME} symbols`);
    }
  }
  for (const [key, field] of [['on-success', 'onSuccess'], ['on-error', 'onError'], ['on-complete', 'onComplete']] as const) {
    const v = entry(node, key);
    if (v) task[field] = readClause(ctx, v, key);
  }
}
