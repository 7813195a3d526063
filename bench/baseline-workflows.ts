/**
 * Hand-written Temporal workflows making the same activity calls as Tramontane does for a chain and a with-items task
 * of std.noop (a local activity) or std.sleep (a regular activity, `seconds: 0`). The baseline of bench/vs-temporal.ts.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

type Stubs = Record<string, (req: { input: Record<string, unknown>; execution: Record<string, unknown> }) => Promise<unknown>>;

const local = proxyLocalActivities<Stubs>({ startToCloseTimeout: '1h', retry: { maximumAttempts: 1 } });
const remote = proxyActivities<Stubs>({
  startToCloseTimeout: '24h',
  heartbeatTimeout: '30s',
  retry: { maximumAttempts: 1 },
});

function call(kind: 'noop' | 'sleep'): Promise<unknown> {
  return kind === 'noop'
    ? local['std.noop']({ input: {}, execution: {} })
    : remote['std.sleep']({ input: { seconds: 0 }, execution: {} });
}

/** n sequential calls. */
export async function chainBaseline(n: number, kind: 'noop' | 'sleep'): Promise<void> {
  for (let i = 0; i < n; i++) await call(kind);
}

/** n concurrent calls. */
export async function itemsBaseline(n: number, kind: 'noop' | 'sleep'): Promise<void> {
  await Promise.all(Array.from({ length: n }, () => call(kind)));
}
