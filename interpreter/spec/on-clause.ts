/**
 * `on-success` / `on-error` / `on-complete` clauses (direct workflows and task-defaults): the simple forms
 * (`t2`, `[t2, {t3: <% cond %>}]`) and the advanced form (`{publish: {branch, global, atomic}, next: ...}`),
 * normalized into a `Clause` of `Transition`s. Engine commands (`fail`, `succeed`, `pause`, `noop`) get `command`.
 */
import type { CheckContext } from './check-context';
import { parseCommand } from './inline-params';
import type { Clause, ClausePublish, Transition } from './model';
import { checkExpression, checkKeys, checkNonEmptyDict, entry, isWholeExpression, show, showNode } from './schema';
import { toPlain, type YNode, type YScalar } from './yaml-tree';

/** Engine command names usable as transition targets; a command wins over a task of the same name (§11). */
export const ENGINE_COMMANDS = ['fail', 'succeed', 'pause', 'noop'] as const;

/** Mistral's accepted shapes of a transition string: `name`, `name k=v...`, `name(k=v...)`. */
const TRANSITION_FORMS = [/^\S+$/, /^\w+ \w+=(.*)$/, /^\w+\(\w+=(.*)\)$/];

/** Parses and checks one on-* clause (`key` is the keyword, for messages). Undefined when it is unusable. */
export function readClause(ctx: CheckContext, node: YNode, key: string): Clause | undefined {
  if (node.kind === 'map' && node.entries.some((e) => e.key === 'publish' || e.key === 'next')) {
    return readAdvanced(ctx, node, key);
  }
  const next = readNext(ctx, node, key);
  return next ? { next } : undefined;
}

function readAdvanced(ctx: CheckContext, node: YNode & { kind: 'map' }, key: string): Clause | undefined {
  checkKeys(ctx, node, ['publish', 'next'], `the advanced form of '${key}'`);
  const clause: Clause = { next: [] };
  const publishNode = entry(node, 'publish');
  if (publishNode) clause.publish = readPublish(ctx, publishNode);
  const nextNode = entry(node, 'next');
  if (nextNode) clause.next = readNext(ctx, nextNode, `${key}.next`) ?? [];
  return clause;
}

function readPublish(ctx: CheckContext, node: YNode): ClausePublish | undefined {
  if (node.kind !== 'map') {
    ctx.error(node, `Invalid DSL: 'publish' must be a dict with 'branch', 'global' or 'atomic', got ${showNode(node)}`);
    return undefined;
  }
  checkKeys(ctx, node, ['branch', 'global', 'atomic'], "an on-* 'publish'");
  const out: ClausePublish = {};
  for (const scope of ['branch', 'global', 'atomic'] as const) {
    const v = entry(node, scope);
    if (v && checkNonEmptyDict(ctx, v, scope)) {
      ctx.expressions(v);
      out[scope] = toPlain(v) as Record<string, unknown>;
    }
  }
  if (node.entries.length === 0) {
    ctx.error(node, "Either 'branch', 'global' or 'atomic' must be specified");
  }
  return out;
}

/** `next` part: a string, a one-key guarded dict, or a non-empty unique list of those. */
function readNext(ctx: CheckContext, node: YNode, key: string): Transition[] | undefined {
  if (node.kind === 'scalar' || node.kind === 'map') {
    const t = readTransition(ctx, node, key);
    return t ? [t] : undefined;
  }
  if (node.items.length === 0) {
    ctx.error(node, `Invalid DSL: '${key}' must not be an empty list`);
    return undefined;
  }
  const out: Transition[] = [];
  const seen = new Set<string>();
  for (const item of node.items) {
    const id = JSON.stringify(toPlain(item));
    if (seen.has(id)) {
      ctx.error(item, `Invalid DSL: '${key}' has non-unique elements (${showNode(item)} is repeated)`);
      continue;
    }
    seen.add(id);
    if (item.kind === 'seq') {
      ctx.error(item, `Invalid DSL: '${key}' items must be task names or {task: <% condition %>}, got a list`);
      continue;
    }
    const t = readTransition(ctx, item, key);
    if (t) out.push(t);
  }
  return out;
}

function readTransition(ctx: CheckContext, node: YNode & { kind: 'scalar' | 'map' }, key: string): Transition | undefined {
  if (node.kind === 'map') {
    if (node.entries.length !== 1) {
      ctx.error(node, `Invalid DSL: a guarded transition in '${key}' must have exactly one key ({task: <% condition %>})`);
      return undefined;
    }
    const e = node.entries[0];
    const t = parseTarget(ctx, e.keyNode, e.key, key);
    if (!t) return undefined;
    if (checkExpression(ctx, e.value, `${e.key}' condition in '${key}`)) {
      t.condition = toPlain(e.value);
      ctx.expressions(e.value);
    }
    return t;
  }
  if (typeof node.value !== 'string' || node.value.length === 0) {
    ctx.error(node, `Invalid DSL: '${key}' must name a task or an engine command, got ${show(node.value)}`);
    return undefined;
  }
  return parseTarget(ctx, node, node.value, key);
}

function parseTarget(ctx: CheckContext, node: YScalar, text: string, key: string): Transition | undefined {
  if (!TRANSITION_FORMS.some((re) => re.test(text)) || isWholeExpression(text)) {
    ctx.error(
      node,
      `Invalid DSL: ${show(text)} is not a valid transition in '${key}': ` +
        "use 'task_name', 'command key=value' or 'command(key=value)' (targets cannot be expressions)",
    );
    return undefined;
  }
  const parsed = parseCommand(text);
  if (!parsed) {
    ctx.error(node, `Invalid DSL: ${show(text)} is not a valid transition in '${key}'`);
    return undefined;
  }
  const name = /^\w+\(/.test(text) ? text.slice(0, text.indexOf('(')) : parsed.name;
  for (const p of parsed.found) {
    if (typeof p.value === 'string') ctx.expressionIn(node, p.text, p.index);
  }
  const t: Transition = { target: name, params: parsed.params, pos: node.pos };
  if ((ENGINE_COMMANDS as readonly string[]).includes(name)) t.command = name as Transition['command'];
  return t;
}
