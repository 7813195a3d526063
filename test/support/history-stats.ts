/**
 * History sizes of an execution: every run of it (continue-as-new) and of every child workflow under it. Used by the
 * scale test and the scale benchmark to check that no run grows past Temporal's limits.
 */
import type { Client } from '@temporalio/client';

/** The largest single run (events), the number of runs, and the events of all runs together. */
export async function historyStats(client: Client, workflowId: string): Promise<{ largest: number; runs: number; total: number }> {
  const queue = [workflowId];
  let largest = 0;
  let runs = 0;
  let total = 0;
  for (let i = 0; i < queue.length; i++) {
    let runId: string | undefined;
    for (;;) {
      const events = (await client.workflow.getHandle(queue[i], runId).fetchHistory()).events ?? [];
      runs++;
      total += events.length;
      largest = Math.max(largest, events.length);
      for (const ev of events) {
        const child = ev.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId;
        if (child) queue.push(child);
      }
      runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
      if (!runId) break;
    }
  }
  return { largest, runs, total };
}
