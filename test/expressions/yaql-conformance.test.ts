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
import { loadCases, runCase } from './yaql-conformance-runner';

const here = dirname(fileURLToPath(import.meta.url));
const known = JSON.parse(readFileSync(resolve(here, 'yaql-known-failures.json'), 'utf8')) as Record<string, string>;
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
