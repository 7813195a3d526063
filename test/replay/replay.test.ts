/**
 * Determinism guard: every recorded history (test/replay/histories, made by test/replay/record.ts with an earlier
 * interpreter) must replay on the current workflow code. An interpreter change that would break running executions —
 * a different command order, a missing activity — fails here.
 */
import { describe, expect, it, inject } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';

const dir = fileURLToPath(new URL('./histories', import.meta.url));
/** One folder per generation of the interpreter that recorded them (test/replay/record.ts). */
const generations = readdirSync(dir).sort();
const files = generations.flatMap((g) => readdirSync(join(dir, g)).filter((f) => f.endsWith('.json')).map((f) => join(g, f)));

describe('replay of recorded histories', () => {
  it('has recorded histories of every generation to replay', () => {
    expect(generations.length).toBeGreaterThanOrEqual(2);
    for (const g of generations) expect(files.filter((f) => f.startsWith(`${g}/`)).length, g).toBeGreaterThanOrEqual(5);
  });

  it('replays every recorded history without nondeterminism', async () => {
    const histories = files.map((f) => {
      const recorded = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { workflowId: string; history: unknown };
      return { workflowId: recorded.workflowId, history: historyFromJSON(recorded.history) };
    });
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: {} },
      histories,
    )) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  }, 120_000);
});
