/**
 * Task policies (`retry`, `wait-before`, `wait-after`, `timeout`, `pause-before`, `fail-on`, `concurrency`), on
 * tasks and in task-defaults. Values are kept as written (numbers, booleans or expression strings); the inheritance
 * quirks live in `defaults.ts`.
 */
import type { CheckContext } from './check-context';
import { parseParams } from './inline-params';
import type { Policies, RetryPolicy } from './model';
import { checkExprOrBool, checkExprOrCount, checkExpression, checkKeys, entry, showNode } from './schema';
import { toPlain, type YMap, type YNode } from './yaml-tree';

export const POLICY_KEYS = [
  'retry',
  'wait-before',
  'wait-after',
  'timeout',
  'pause-before',
  'concurrency',
  'fail-on',
] as const;

const COUNT_POLICIES = { 'wait-before': 'waitBefore', 'wait-after': 'waitAfter', timeout: 'timeout', concurrency: 'concurrency' } as const;
const BOOL_POLICIES = { 'pause-before': 'pauseBefore', 'fail-on': 'failOn' } as const;

/** Reads the policy keys of a task or task-defaults map. */
export function readPolicies(ctx: CheckContext, map: YMap): Policies {
  const out: Policies = {};
  for (const [key, field] of Object.entries(COUNT_POLICIES)) {
    const node = entry(map, key);
    if (node && checkExprOrCount(ctx, node, key)) {
      out[field] = toPlain(node);
      ctx.expressions(node);
    }
  }
  for (const [key, field] of Object.entries(BOOL_POLICIES)) {
    const node = entry(map, key);
    if (node && checkExprOrBool(ctx, node, key)) {
      out[field] = toPlain(node);
      ctx.expressions(node);
    }
  }
  const retry = entry(map, 'retry');
  if (retry) {
    const r = readRetry(ctx, retry);
    if (r) out.retry = r;
  }
  return out;
}

const RETRY_KEYS = ['count', 'delay', 'break-on', 'continue-on'];

/** `retry:` as a dict or as the one-line form `count=3 delay=1 break-on=<% ... %>`. */
function readRetry(ctx: CheckContext, node: YNode): RetryPolicy | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.length > 0) {
    return readRetryLine(ctx, node as YNode & { kind: 'scalar' }, node.value);
  }
  if (node.kind !== 'map') {
    ctx.error(node, `Invalid DSL: 'retry' must be a dict or a line like 'count=3 delay=1', got ${showNode(node)}`);
    return undefined;
  }
  checkKeys(ctx, node, RETRY_KEYS, "'retry'");
  let ok = true;
  for (const key of ['count', 'delay']) {
    const v = entry(node, key);
    if (!v) {
      ctx.error(node, `Invalid DSL: '${key}' is a required property of 'retry'`);
      ok = false;
    } else if (!checkExprOrCount(ctx, v, `retry ${key}`)) ok = false;
    else ctx.expressions(v);
  }
  for (const key of ['break-on', 'continue-on']) {
    const v = entry(node, key);
    if (v && !checkExpression(ctx, v, `retry ${key}`)) ok = false;
    else ctx.expressions(v);
  }
  if (!ok) return undefined;
  return retryFrom(toPlain(node) as Record<string, unknown>);
}

function readRetryLine(ctx: CheckContext, node: YNode & { kind: 'scalar' }, line: string): RetryPolicy | undefined {
  const params = parseParams(line);
  const values: Record<string, unknown> = {};
  let ok = true;
  for (const p of params) {
    if (!RETRY_KEYS.includes(p.key)) {
      ctx.error(node, `Invalid DSL: Additional properties are not allowed ('${p.key}' was unexpected). Allowed in 'retry': ${RETRY_KEYS.join(', ')}`);
      ok = false;
      continue;
    }
    const isExpr = typeof p.value === 'string' && /^(<%.*?%>|\{\{.*?\}\})\s*$/.test(p.value);
    const valid =
      p.key === 'count' || p.key === 'delay'
        ? isExpr || (typeof p.value === 'number' && Number.isInteger(p.value) && p.value >= 0)
        : isExpr;
    if (!valid) {
      const expected = p.key === 'count' || p.key === 'delay' ? 'an integer >= 0 or an expression' : 'an expression (<% ... %> or {{ ... }})';
      ctx.error(node, `Invalid DSL: 'retry ${p.key}' must be ${expected}, got ${JSON.stringify(p.value)}`);
      ok = false;
      continue;
    }
    if (isExpr) ctx.expressionIn(node, p.text, p.index);
    values[p.key] = p.value;
  }
  for (const key of ['count', 'delay']) {
    if (!(key in values) && !params.some((p) => p.key === key)) {
      ctx.error(node, `Invalid DSL: '${key}' is a required property of 'retry' (unquoted words are ignored: 'count=3 delay=1')`);
      ok = false;
    }
  }
  return ok ? retryFrom(values) : undefined;
}

function retryFrom(v: Record<string, unknown>): RetryPolicy {
  const r: RetryPolicy = { count: v.count, delay: v.delay };
  if (v['break-on'] !== undefined) r.breakOn = v['break-on'];
  if (v['continue-on'] !== undefined) r.continueOn = v['continue-on'];
  return r;
}
