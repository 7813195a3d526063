/**
 * 10,000 with-items items of std.noop through the generic workflow: wall time and the largest single run's history
 * (the limit to stay under is 10,240 events; Temporal's hard limit is 51,200), plus how many runs it took.
 *
 *   npx tsx bench/scale-10k.ts
 */
import { printTable, startBench } from './support';

const N = Number(process.env.N ?? 10_000);

async function main(): Promise<void> {
  const bench = await startBench();
  try {
    for (const [label, extra] of [
      ['no concurrency limit', ''],
      ['concurrency 100', '      concurrency: 100\n'],
    ] as const) {
      const def = `version: '2.0'\nscale:\n  tasks:\n    each:\n      with-items: i in <% range(0, ${N}) %>\n${extra}      action: std.noop\n      publish:\n        n: <% task().result.len() %>\n`;
      const { seconds, view, workflowId } = await bench.runMistral(def);
      const stats = await bench.historyStats(workflowId);
      const task = view.tasks[0];
      printTable(['items', 'mode', 'state', 'published n', 'wall s', 'largest run (events)', 'runs', 'events in all runs'], [
        [N, label, view.state, String(task?.published?.n), seconds.toFixed(1), stats.largest, stats.runs, stats.total],
      ]);
    }
  } finally {
    await bench.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
