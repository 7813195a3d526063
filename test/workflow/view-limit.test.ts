/**
 * `viewWithinLimit`: the execution view a query answers stays under Temporal's payload limit, leaving out the largest
 * values first and whole tasks only as a last resort.
 */
import { describe, expect, it } from 'vitest';
import { viewWithinLimit } from '../../interpreter/view-limit';
import { jsonBytes } from '../../interpreter/payload-limit';
import type { ExecutionView, TaskView } from '../../interpreter/engine/types';

const task = (name: string, result: unknown, published: Record<string, unknown> = {}): TaskView => ({
  id: name, name, type: 'ACTION', state: 'SUCCESS', state_info: null, published, result,
  action_executions: 1, retry_no: 0, created_at: 'c', updated_at: 'u',
});
const view = (tasks: TaskView[], output: unknown = {}): ExecutionView => ({
  id: 'x', workflow_name: 'wf', state: 'SUCCESS', state_info: null, input: { small: 1 }, output, params: {}, tasks,
  created_at: 'c', updated_at: 'u',
});

describe('the execution view under the payload limit', () => {
  it('returns a view that fits unchanged (the same object)', () => {
    const v = view([task('a', 'r')]);
    expect(viewWithinLimit(v, 10_000)).toBe(v);
  });

  it('leaves out the largest values first and keeps the rest, states and names', () => {
    const v = view([task('a', 'x'.repeat(6_000)), task('b', 'y'.repeat(3_000), { p: 'z'.repeat(2_000) }), task('c', 'ok')], 'o'.repeat(1_000));
    const out = viewWithinLimit(v, 8_000);
    expect(jsonBytes(out)).toBeLessThanOrEqual(8_000);
    expect(out.tasks.map((t) => [t.name, t.state])).toEqual([['a', 'SUCCESS'], ['b', 'SUCCESS'], ['c', 'SUCCESS']]);
    expect(out.tasks[0].result).toBe("<6002 bytes, left out: the execution view is over Temporal's payload limit>");
    expect(out.tasks[1].result).toBe('y'.repeat(3_000)); // the next largest fitted once the first was gone
    expect(out.tasks[1].published).toEqual({ p: 'z'.repeat(2_000) });
    expect(out.output).toBe('o'.repeat(1_000));
    expect(v.tasks[0].result).toBe('x'.repeat(6_000)); // the original is untouched
  });

  it('leaves out the last tasks when many small ones are still too much, and says how many', () => {
    const v = view(Array.from({ length: 500 }, (_, i) => task(`t${i}`, i)));
    const out = viewWithinLimit(v, 20_000);
    expect(jsonBytes(out)).toBeLessThanOrEqual(20_000);
    expect(out.tasks.length + out.tasks_omitted!).toBe(500);
    expect(out.tasks[0].name).toBe('t0');
    expect(out.tasks_omitted).toBeGreaterThan(300);
  });
});
