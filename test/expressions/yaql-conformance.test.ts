/**
 * YAQL conformance: every case of shared/conformance/yaql/cases.json (extracted from Python yaql 2.0's own unit
 * tests). Standard-mode cases must pass unless listed in yaql-known-failures.json, and a listed case that passes
 * fails the suite so the list stays honest. Legacy-mode cases (YAQL 0.2 compatibility, unused by Mistral) are
 * only counted.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateYaqlDetailed, isPyError } from '../../interpreter/expressions/yaql/index';

const here = dirname(fileURLToPath(import.meta.url));
const CASES_PATH = resolve(here, '../../../shared/conformance/yaql/cases.json');
const known = JSON.parse(readFileSync(resolve(here, 'yaql-known-failures.json'), 'utf8')) as Record<string, string>;
interface YaqlCase {
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


function loadCases(): YaqlCase[] {
  return JSON.parse(readFileSync(CASES_PATH, 'utf8')) as YaqlCase[];
}

/** Python `==` on plain JSON values (1 == 1.0 == true, arrays elementwise, objects by keys). */
function pyEq(a: unknown, b: unknown): boolean {
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

interface CaseOutcome {
  pass: boolean;
  detail: string;
}

/** Evaluates one case in its mode's environment and compares the result as the README prescribes. */
function runCase(c: YaqlCase): CaseOutcome {
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

const cases = loadCases();
const standard = cases.filter((c) => c.mode === 'standard');
const legacy = cases.filter((c) => c.mode !== 'standard');

const tally = { pass: 0, fail: 0, legacyPass: 0, legacyFail: 0 };

describe('yaql conformance (standard mode)', () => {
  it('has the 650 standard cases', () => {
    expect(standard.length).toBe(650);
  });
  for (const c of standard) {
    it(`${c.id}: ${c.expr}`, () => {
      const r = runCase(c);
      if (r.pass) tally.pass++;
      else tally.fail++;
      if (Object.hasOwn(known, c.id)) {
        expect(r.pass, `listed as a known failure but now passes: ${c.id}`).toBe(false);
      } else {
        expect(r.pass, `${c.kind} ${JSON.stringify(c.expect)} ${c.error ?? ''} — got ${r.detail}`).toBe(true);
      }
    });
  }
});

describe('yaql conformance (legacy modes, informational)', () => {
  it('runs every legacy case without crashing the runner', () => {
    for (const c of legacy) {
      if (runCase(c).pass) tally.legacyPass++;
      else tally.legacyFail++;
    }
    expect(tally.legacyPass + tally.legacyFail).toBe(legacy.length);
  });
});

afterAll(() => {
  console.log(`yaql conformance: ${tally.pass} passed, ${tally.fail} failed`);
  console.log(`yaql conformance (legacy): ${tally.legacyPass} passed, ${tally.legacyFail} failed`);
});
