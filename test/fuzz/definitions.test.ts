/**
 * Fuzz: random and mutated definitions (seeded; FUZZ_SEED overrides, FUZZ_CASE replays one case). Every case either
 * validates or gets located `file:line:col: message` errors; a definition that validates starts with random inputs
 * (or is refused with Mistral's `Invalid input` message) and runs to its end in the pure engine without an exception.
 */
import { describe, expect, it } from 'vitest';
import { checkDefinition } from './check';
import { corpus, definitionCase } from './cases';
import { onlyCase, runSeed } from './rng';

const CASES = 4500;
const seed = runSeed();
const only = onlyCase();

describe(`definition fuzz (FUZZ_SEED=${seed})`, () => {
  it(`${CASES} definitions validate or fail with located errors, and valid ones run without an engine exception`, { timeout: 300_000 }, () => {
    console.log(`definition fuzz: FUZZ_SEED=${seed}, ${CASES} cases, ${corpus.length} seed files`);
    expect(corpus.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let valid = 0;
    let runnable = 0;
    for (let i = 0; i < CASES; i++) {
      if (only !== undefined && i !== only) continue;
      const { text, origin, rng } = definitionCase(seed, i);
      const verdict = checkDefinition(text, rng);
      if (verdict.valid) valid++;
      if (verdict.runnable) runnable++;
      if (verdict.bugs.length) {
        failures.push(
          `case ${i} (FUZZ_SEED=${seed} FUZZ_CASE=${i}, from ${origin}):\n  ${verdict.bugs.join('\n  ')}\n  --- input ---\n${text.length > 1500 ? `${text.slice(0, 1500)}\n[... ${text.length} chars]` : text}`,
        );
      }
    }
    console.log(`definition fuzz: ${valid} valid, ${runnable} runnable with local actions, ${failures.length} failing`);
    if (failures.length) console.log(failures.slice(0, 10).join('\n\n'));
    expect(failures.slice(0, 5)).toEqual([]);
    if (only === undefined) expect(valid).toBeGreaterThan(CASES / 10); // the mutations leave many definitions valid
  });
});
