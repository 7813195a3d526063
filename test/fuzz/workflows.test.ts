/**
 * Fuzz on the real dev server: a sample of fuzzed definitions that validate (local std actions only), started with
 * random inputs. Every one reaches a final state (SUCCESS, ERROR, or a refused start) within a bound, and no
 * workflow task ever fails (a failing workflow task is retried forever: a stuck workflow).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { checkDefinition, type RunnableCase } from './check';
import { definitionCase } from './cases';
import { runSeed } from './rng';

const SAMPLE = 50;
const BOUND_MS = 45_000;
const seed = runSeed();

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

function sample(): { index: number; c: RunnableCase }[] {
  const out: { index: number; c: RunnableCase }[] = [];
  for (let i = 0; out.length < SAMPLE && i < 20_000; i++) {
    const { text, rng } = definitionCase(seed, i);
    if (text.length > 100_000) continue;
    const verdict = checkDefinition(text, rng);
    if (verdict.runnable) out.push({ index: i, c: verdict.runnable });
  }
  return out;
}

describe(`fuzzed definitions on a dev server (FUZZ_SEED=${seed})`, () => {
  it(`${SAMPLE} valid definitions with random inputs all reach a final state, with no failed workflow task`, { timeout: 300_000 }, async () => {
    const cases = sample();
    expect(cases.length).toBe(SAMPLE);
    const problems: string[] = [];
    const states: Record<string, number> = {};
    const run = async ({ index, c }: { index: number; c: RunnableCase }): Promise<void> => {
      const workflowId = `fuzz-${seed}-${index}-${t.taskQueue}`;
      const handle = await t.client.workflow.start('MistralWorkflow', {
        taskQueue: t.taskQueue,
        workflowId,
        args: [{ definition: c.definition, workflow: c.workflow, input: c.input }],
        workflowExecutionTimeout: `${BOUND_MS / 1000}s`,
      });
      let final = 'SUCCESS';
      try {
        await handle.result();
      } catch (err) {
        if (!(err instanceof WorkflowFailedError)) throw err;
        final = err.cause?.constructor.name === 'TimeoutFailure' ? 'TIMED_OUT' : `FAILED:${(err.cause as { type?: string })?.type ?? '?'}`;
      }
      states[final] = (states[final] ?? 0) + 1;
      const history = await handle.fetchHistory();
      const wftFailed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
      const bad = final === 'TIMED_OUT' || wftFailed.length > 0 || !/^(SUCCESS|FAILED:(MistralError|InputError|DefinitionError))$/.test(final);
      if (bad) {
        const why = wftFailed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message).join(' | ');
        problems.push(
          `case ${index} (FUZZ_SEED=${seed} FUZZ_CASE=${index}): ${final}${why ? `, workflow task failed: ${why.slice(0, 300)}` : ''}\n  input: ${JSON.stringify(c.input).slice(0, 300)}\n${c.definition.slice(0, 1200)}`,
        );
      }
    };
    for (let i = 0; i < cases.length; i += 10) await Promise.all(cases.slice(i, i + 10).map(run));
    console.log(`dev-server fuzz: ${JSON.stringify(states)}`);
    if (problems.length) console.log(problems.join('\n\n'));
    expect(problems).toEqual([]);
  });
});
