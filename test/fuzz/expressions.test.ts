/**
 * Fuzz: random and mutated YAQL/Jinja expressions, evaluated against random data contexts (seeded; FUZZ_SEED
 * overrides, FUZZ_CASE replays one case). Every evaluation returns a value or throws an `ExpressionError` with
 * Mistral's message shape (`Can not evaluate YAQL|Jinja expression [expression=..., error=...]`); the syntax check
 * returns located problems and never throws; nothing shows JavaScript internals; each case stays within its bound.
 */
import { describe, expect, it } from 'vitest';
import { ExpressionError, checkSyntax, evaluate, type MistralFunctions } from '../../interpreter/expressions';
import { CASE_TIME_LIMIT_MS, cpuMs, leak } from './check';
import { corpusExpressions, loadCorpus } from './corpus';
import { randomValue } from './gen-data';
import { mutateExpression, randomExpression } from './gen-expression';
import { Rng, onlyCase, runSeed } from './rng';

const CASES = 6000;
const seed = runSeed();
const only = onlyCase();
const seeds = corpusExpressions(loadCorpus());

const functions: MistralFunctions = {
  task: (name) => (name === 'missing' ? null : { id: 't-1', name: name ?? 'current', state: 'SUCCESS', result: { a: [1, 2] }, published: {} }),
  tasks: () => [],
  execution: () => ({ id: 'e-1', name: 'wf', input: { a: 1 }, params: {} }),
  env: () => ({ user: 'ops' }),
  global: () => null,
  uuid: () => '00000000-0000-4000-8000-000000000001',
};

const SHAPE = /^Can not evaluate (YAQL|Jinja) expression \[expression=/s;

/** The expression of case `index`. */
export function expressionCase(s: number, index: number): { expr: string; data: unknown } {
  const rng = Rng.forCase(s, 'expression', index);
  const roll = rng.int(0, 9);
  const expr = roll < 4 ? randomExpression(rng) : roll < 8 ? mutateExpression(rng, rng.pick(seeds)) : mutateExpression(rng, randomExpression(rng));
  const data: Record<string, unknown> = { a: randomValue(rng, 2), x: randomValue(rng, 1), hosts: ['h1', 'h2'], __env: { user: 'ops' } };
  return { expr, data };
}

describe(`expression fuzz (FUZZ_SEED=${seed})`, () => {
  it(`${CASES} expressions evaluate or fail with Mistral-shaped errors`, { timeout: 300_000 }, () => {
    console.log(`expression fuzz: FUZZ_SEED=${seed}, ${CASES} cases, ${seeds.length} corpus expressions`);
    expect(seeds.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let ok = 0;
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      if (only !== undefined && i !== only) continue;
      const { expr, data } = expressionCase(seed, i);
      const bugs: string[] = [];
      const t0 = cpuMs();
      try {
        for (const problem of checkSyntax(expr)) {
          if (!Number.isInteger(problem.offset) || problem.offset < 0 || problem.offset > expr.length) bugs.push(`syntax problem outside the string (offset ${problem.offset})`);
          const l = leak(problem.message);
          if (l) bugs.push(`${l}: ${problem.message.slice(0, 200)}`);
        }
      } catch (err) {
        bugs.push(`checkSyntax threw ${(err as Error)?.constructor?.name}: ${String((err as Error)?.message ?? err).slice(0, 200)}`);
      }
      try {
        const value = evaluate(expr, { data, functions });
        JSON.stringify(value); // results are stored in the workflow state and in history payloads
        ok++;
      } catch (err) {
        if (!(err instanceof ExpressionError)) {
          bugs.push(`evaluate threw ${(err as Error)?.constructor?.name}: ${String((err as Error)?.message ?? err).slice(0, 300)}`);
        } else {
          refused++;
          if (!SHAPE.test(err.message)) bugs.push(`not a Mistral-shaped message: ${err.message.slice(0, 200)}`);
          const l = leak(err.message);
          if (l) bugs.push(`${l}: ${err.message.slice(0, 300)}`);
        }
      }
      const spent = cpuMs() - t0;
      if (spent > CASE_TIME_LIMIT_MS) bugs.push(`took ${Math.round(spent)} ms of CPU (> ${CASE_TIME_LIMIT_MS})`);
      if (bugs.length) {
        failures.push(`case ${i} (FUZZ_SEED=${seed} FUZZ_CASE=${i}):\n  ${bugs.join('\n  ')}\n  expression: ${JSON.stringify(expr).slice(0, 500)}\n  data: ${JSON.stringify(data).slice(0, 300)}`);
      }
    }
    console.log(`expression fuzz: ${ok} evaluated, ${refused} refused with an ExpressionError, ${failures.length} failing`);
    if (failures.length) console.log(failures.slice(0, 15).join('\n\n'));
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
