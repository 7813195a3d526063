/**
 * Hand-written Temporal workflows making the same activity calls as Tramontane does for a chain and a with-items task
 * of std.noop (a local activity) or std.sleep (a regular activity, `seconds: 0`): the baseline of bench/vs-temporal.ts.
 *
 * `same` calls carry what Tramontane's carry: the request `{input, execution: {action_execution_id}}` (task execution
 * id / item / run) and a Web UI
 * summary (`t7 std.noop`, `each[7] std.noop`), with the same timeouts and retry policy. `bare` calls carry neither
 * (an empty execution, no summary): the cheapest call a hand-written workflow could make, shown for comparison.
 * Both use the SDK's public schedule functions directly, the fastest way to pass per-call options.
 */
import { scheduleActivity, scheduleLocalActivity, uuid4, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';

export type Calls = 'same' | 'bare';

const LOCAL: LocalActivityOptions = { startToCloseTimeout: '1h', retry: { maximumAttempts: 1 } };
const REMOTE: ActivityOptions = { startToCloseTimeout: '24h', heartbeatTimeout: '30s', retry: { maximumAttempts: 1 } };

/** One call; `head` is the task (and item) as the summary shows it, `id` the action execution id Tramontane gives. */
function call(kind: 'noop' | 'sleep', calls: Calls, head: string, id: () => string): Promise<unknown> {
  const same = calls === 'same';
  const execution = same ? { action_execution_id: id() } : {};
  if (kind === 'noop') {
    return scheduleLocalActivity('std.noop', [{ input: {}, execution }], same ? { ...LOCAL, summary: `${head} std.noop` } : LOCAL);
  }
  const summary = `${head} std.sleep seconds=0`;
  return scheduleActivity('std.sleep', [{ input: { seconds: 0 }, execution }], same ? { ...REMOTE, summary } : REMOTE);
}

/** n sequential calls (tasks t0 … tn-1). */
export async function chainBaseline(n: number, kind: 'noop' | 'sleep', calls: Calls = 'same'): Promise<void> {
  for (let i = 0; i < n; i++) await call(kind, calls, `t${i}`, () => `${uuid4()}/0/1`);
}

/** n concurrent calls (items each[0] … each[n-1]). */
export async function itemsBaseline(n: number, kind: 'noop' | 'sleep', calls: Calls = 'same'): Promise<void> {
  const task = uuid4();
  await Promise.all(Array.from({ length: n }, (_, i) => call(kind, calls, `each[${i}]`, () => `${task}/${i}/1`)));
}
