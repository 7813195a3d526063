/**
 * Every engine rehearsal that needs nothing but Mistral's std actions (no mocked actions, no operator steps) runs
 * again here through the real generic workflow on the suite's Temporal dev server, with real timers and activities,
 * and must give what the real Mistral 15 gave (the rehearsal's oracle-checked expectations). Parallel branches finish
 * in real time here, so tasks are compared as a multiset rather than in creation order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { loadRehearsals, normalizeIds, type Rehearsal } from '../engine/support/rehearsal';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import type { ExecutionView } from '../../interpreter/engine/types';

const runnable = loadRehearsals().filter((r) => !r.mocks && !r.operator);

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

let seq = 0;
async function runOnTemporal(r: Rehearsal): Promise<{ view?: ExecutionView; error?: string }> {
  const params = { ...(r.params ?? {}), ...(r.env ? { env: r.env } : {}) };
  // `wfex` ids read as <uuid> once normalized, as the oracle prints Mistral's ids.
  const id = `wfex-${process.pid}-${seq++}`;
  if (r.expect.state === 'PAUSED') {
    // A paused execution stays open on Temporal (it waits for `resume`): read it once it pauses, then end it.
    const handle = await t.client.workflow.start('MistralWorkflow', {
      taskQueue: t.taskQueue,
      workflowId: id,
      args: [{ definition: r.yaml, workflow: r.workflow, input: r.input ?? {}, params }],
    });
    for (let i = 0; i < 300; i++) {
      const view = await handle.query<ExecutionView>('execution').catch(() => undefined);
      if (view?.state === 'PAUSED') {
        await handle.terminate('rehearsal checked');
        return { view: normalizeIds(view) };
      }
      await new Promise((res) => setTimeout(res, 200));
    }
    return { error: 'did not pause within 60 s' };
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hung'>((res) => (timer = setTimeout(() => res('hung'), 90_000)));
  try {
    const view = await Promise.race([t.run({ definition: r.yaml, workflow: r.workflow, input: r.input ?? {}, params }, id), deadline]);
    if (view === 'hung') {
      const now = await t.client.workflow.getHandle(id).query<ExecutionView>('execution').catch(() => undefined);
      return { error: `did not finish within 90 s (state ${now?.state}, tasks ${now?.tasks.map((x) => `${x.name}:${x.state}`).join(' ')})` };
    }
    return { view: normalizeIds(view) };
  } catch (err) {
    if (err instanceof ApplicationFailure) return { error: err.message };
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function key(x: unknown): string {
  return JSON.stringify(x);
}

describe('rehearsals on a real Temporal dev server', () => {
  it('has std-only rehearsals to run', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(40);
  });

  it('gives the same states, data and messages as the engine rehearsals (checked against Mistral 15)', async () => {
    const results = await Promise.all(runnable.map(async (r) => ({ r, got: await runOnTemporal(r) })));
    const mismatches: string[] = [];
    for (const { r, got } of results) {
      const e = r.expect;
      const problems: string[] = [];
      if (e.error !== undefined) {
        if (got.error !== e.error) problems.push(`refusal: expected ${key(e.error)}, got ${key(got.error ?? got.view?.state)}`);
      } else if (!got.view) {
        problems.push(`refused: ${got.error}`);
      } else {
        const v = got.view;
        if (e.state !== undefined && v.state !== e.state) problems.push(`state ${v.state} ≠ ${e.state}`);
        if (e.state_info !== undefined && v.state_info !== e.state_info) problems.push(`state_info ${key(v.state_info)} ≠ ${key(e.state_info)}`);
        if (e.output !== undefined && key(v.output) !== key(e.output)) problems.push(`output ${key(v.output)} ≠ ${key(e.output)}`);
        if (e.tasks) {
          const actual = v.tasks.map((task) => {
            const want = e.tasks!.find((w) => w.name === task.name) ?? { name: task.name };
            const out: Record<string, unknown> = { name: task.name };
            if ('state' in want) out.state = task.state;
            if ('state_info' in want) out.state_info = task.state_info;
            if ('published' in want) out.published = task.published;
            if ('result' in want) out.result = task.result;
            if ('action_executions' in want) out.action_executions = task.action_executions;
            if ('retry_no' in want) out.retry_no = task.retry_no === 0 ? null : task.retry_no;
            return key(out);
          });
          const wanted = e.tasks.map((w) => key('published' in w && w.published === null ? { ...w, published: {} } : w));
          if (key([...actual].sort()) !== key([...wanted].sort())) {
            problems.push(`tasks:\n    got      ${[...actual].sort().join('\n             ')}\n    expected ${[...wanted].sort().join('\n             ')}`);
          }
        }
      }
      if (problems.length) mismatches.push(`${r.file}: ${problems.join('; ')}`);
    }
    expect(mismatches).toEqual([]);
  }, 240_000);
});
