/**
 * Runs one case of the yaql conformance suite (`shared/conformance/yaql/cases.json`, extracted from Python
 * yaql's own unit tests) against our engine and says whether it passed, following the suite's README rules.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateYaqlDetailed, isPyError } from '../../interpreter/expressions/yaql/index';

export interface YaqlCase {
  id: string;
  source: string;
  expr: string;
  data: unknown;
  expect: unknown;
  kind: 'equal' | 'items_equal' | 'almost_equal' | 'is_none' | 'true' | 'false' | 'raises';
  error?: string;
  places?: number;
  legacy: boolean;
  mode: 'standard' | 'legacy_context' | 'legacy';
  expect_type?: 'int' | 'float' | 'bool';
}

const here = dirname(fileURLToPath(import.meta.url));
export const CASES_PATH = resolve(here, '../../../shared/conformance/yaql/cases.json');

export function loadCases(): YaqlCase[] {
  return JSON.parse(readFileSync(CASES_PATH, 'utf8')) as YaqlCase[];
}

/** Python `==` on plain JSON values (1 == 1.0 == true, arrays elementwise, objects by keys). */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const numLike = (x: unknown): x is number | boolean => typeof x === 'number' || typeof x === 'boolean';
  if (numLike(a) && numLike(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length &&
      ka.every((k) => Object.hasOwn(b, k) && pyEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

function pyTruthy(v: unknown): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function itemsEqual(a: unknown, b: unknown): boolean {
  const xs = typeof a === 'string' ? [...a] : a;
  const ys = typeof b === 'string' ? [...b] : b;
  if (!Array.isArray(xs) || !Array.isArray(ys) || xs.length !== ys.length) return false;
  const rest = [...ys];
  for (const x of xs) {
    const i = rest.findIndex((y) => pyEq(x, y));
    if (i < 0) return false;
    rest.splice(i, 1);
  }
  return true;
}

export interface CaseOutcome {
  pass: boolean;
  detail: string;
}

/** Evaluates one case in its mode's environment and compares the result as the README prescribes. */
export function runCase(c: YaqlCase): CaseOutcome {
  let value: unknown;
  let pyType: string;
  try {
    const r = evaluateYaqlDetailed(c.expr, {
      data: c.data,
      vars: c.mode === 'standard' ? { data: c.data } : undefined,
      delegates: true,
      limitIterators: 100,
    });
    value = r.value;
    pyType = r.pyType;
  } catch (e) {
    const err = e as { pyType?: string; message?: string };
    if (c.kind === 'raises') {
      const ok = isPyError(e, c.error!);
      return { pass: ok, detail: `raised ${err.pyType}: ${err.message}` };
    }
    return { pass: false, detail: `raised ${err.pyType ?? 'JS'}: ${err.message}` };
  }
  const got = JSON.stringify(value);
  if (c.expect_type && pyType !== c.expect_type) return { pass: false, detail: `type ${pyType}, value ${got}` };
  switch (c.kind) {
    case 'equal':
      return { pass: pyEq(value, c.expect), detail: got };
    case 'items_equal':
      return { pass: itemsEqual(value, c.expect), detail: got };
    case 'almost_equal': {
      const places = c.places ?? 7;
      const ok = typeof value === 'number' && Math.round((value - (c.expect as number)) * 10 ** places) === 0;
      return { pass: ok, detail: got };
    }
    case 'is_none':
      return { pass: value === null, detail: got };
    case 'true':
      return { pass: pyTruthy(value), detail: got };
    case 'false':
      return { pass: !pyTruthy(value), detail: got };
    case 'raises':
      return { pass: false, detail: `no error, got ${got}` };
  }
}
