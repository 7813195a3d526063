/**
 * Small JSON-schema-like checks over the located YAML tree, with Mistral's wording ("Invalid DSL: ...") and one
 * located error per problem.
 */
import type { CheckContext } from './check-context';
import type { YMap, YNode, YScalar, YSeq } from './yaml-tree';

const YAQL_WHOLE = /^<%.*?%>\s*$/;
const JINJA_WHOLE = /^(\{\{(.*?)\}\})\s*$/;

/** True when `v` is a string that is one expression from start to end (Mistral's schema `EXPRESSION` type). */
export function isWholeExpression(v: unknown): boolean {
  return typeof v === 'string' && (YAQL_WHOLE.test(v) || JINJA_WHOLE.test(v));
}

/** A short, readable rendering of a YAML value for error messages. */
export function show(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 80 ? `${v.slice(0, 77)}...` : v}'`;
  if (v === undefined) return 'nothing';
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Plain value of a scalar node, or undefined for maps and lists. */
export function scalarValue(node: YNode | undefined): unknown {
  return node && node.kind === 'scalar' ? node.value : undefined;
}

/** Renders a node's value (maps and lists too) for messages. */
export function showNode(node: YNode): string {
  if (node.kind === 'scalar') return show(node.value);
  return node.kind === 'seq' ? (node.items.length === 0 ? '[]' : 'a list') : node.entries.length === 0 ? '{}' : 'a dict';
}

/** Looks up the entry `key` of a map node. */
export function entry(map: YMap, key: string): YNode | undefined {
  return map.entries.find((e) => e.key === key)?.value;
}

/**
 * Reports every key of `map` that is not in `allowed`, each at its own position:
 * `Invalid DSL: Additional properties are not allowed ('x' was unexpected). Allowed in <where>: a, b`.
 * `hints` gives a better explanation for particular keys (e.g. `requires` in a direct workflow).
 */
export function checkKeys(
  ctx: CheckContext,
  map: YMap,
  allowed: readonly string[],
  where: string,
  hints: Record<string, string> = {},
): void {
  for (const e of map.entries) {
    if (allowed.includes(e.key)) continue;
    const base = `Invalid DSL: Additional properties are not allowed ('${e.key}' was unexpected)`;
    const hint = hints[e.key];
    ctx.error(e.keyNode, hint ? `${base}: ${hint}` : `${base}. Allowed in ${where}: ${allowed.join(', ')}`);
  }
}

/** Reports `Invalid DSL: 'key' is a required property` at the map when `key` is missing. */
export function requireKey(ctx: CheckContext, map: YMap, key: string): boolean {
  if (entry(map, key) !== undefined) return true;
  ctx.error(map, `Invalid DSL: '${key}' is a required property`);
  return false;
}

function mustBe(ctx: CheckContext, node: YNode, key: string, expected: string): false {
  ctx.error(node, `Invalid DSL: '${key}' must be ${expected}, got ${showNode(node)}`);
  return false;
}

/** A map with at least one entry. */
export function checkNonEmptyDict(ctx: CheckContext, node: YNode, key: string): node is YMap {
  if (node.kind === 'map' && node.entries.length > 0) return true;
  return mustBe(ctx, node, key, 'a non-empty dict');
}

/** A non-empty string. */
export function checkNonEmptyString(ctx: CheckContext, node: YNode, key: string): node is YScalar {
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.length > 0) return true;
  return mustBe(ctx, node, key, 'a non-empty string');
}

/** Any string (Mistral does not check workflow descriptions). */
export function checkString(ctx: CheckContext, node: YNode, key: string): node is YScalar {
  if (node.kind === 'scalar' && typeof node.value === 'string') return true;
  return mustBe(ctx, node, key, 'a string');
}

/** An integer >= 0 or an expression (wait-before, wait-after, timeout, concurrency, retry count/delay). */
export function checkExprOrCount(ctx: CheckContext, node: YNode, key: string): boolean {
  const v = scalarValue(node);
  if (node.kind === 'scalar' && (isWholeExpression(v) || (typeof v === 'number' && Number.isInteger(v) && v >= 0))) {
    return true;
  }
  return mustBe(ctx, node, key, 'an integer >= 0 or an expression');
}

/** true, false or an expression (pause-before, fail-on, keep-result, safe-rerun). */
export function checkExprOrBool(ctx: CheckContext, node: YNode, key: string): boolean {
  const v = scalarValue(node);
  if (node.kind === 'scalar' && (typeof v === 'boolean' || isWholeExpression(v))) return true;
  return mustBe(ctx, node, key, 'true, false or an expression');
}

/** An expression string (retry break-on/continue-on, transition guards). */
export function checkExpression(ctx: CheckContext, node: YNode, key: string): boolean {
  if (node.kind === 'scalar' && isWholeExpression(node.value)) return true;
  return mustBe(ctx, node, key, 'an expression (<% ... %> or {{ ... }})');
}

/** A non-empty list of unique non-empty strings; returns the strings that are valid. */
export function checkUniqueStringList(ctx: CheckContext, node: YNode, key: string): string[] {
  if (node.kind !== 'seq' || node.items.length === 0) {
    mustBe(ctx, node, key, 'a non-empty list of unique strings');
    return [];
  }
  return uniqueStrings(ctx, node, key);
}

/** A non-empty string or a non-empty list of unique strings (`requires`, `with-items`). */
export function checkStringOrList(ctx: CheckContext, node: YNode, key: string): string[] {
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.length > 0) return [node.value];
  if (node.kind === 'seq' && node.items.length > 0) return uniqueStrings(ctx, node, key);
  mustBe(ctx, node, key, 'a non-empty string or a non-empty list of unique strings');
  return [];
}

function uniqueStrings(ctx: CheckContext, node: YSeq, key: string): string[] {
  const out: string[] = [];
  for (const item of node.items) {
    const v = scalarValue(item);
    if (typeof v !== 'string' || v.length === 0) {
      ctx.error(item, `Invalid DSL: '${key}' items must be non-empty strings, got ${showNode(item)}`);
    } else if (out.includes(v)) {
      ctx.error(item, `Invalid DSL: '${key}' has non-unique elements (${show(v)} is repeated)`);
    } else {
      out.push(v);
    }
  }
  return out;
}
