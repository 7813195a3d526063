/**
 * Tramontane's overhead over a hand-written Temporal workflow making the same activity calls (target ≤ 1.10×):
 * a 1,000-task chain and a 1,000-item with-items, each with std.noop (local activities) and std.sleep seconds=0
 * (regular activities). Same server, same worker process, both bundles compiled alike; WARMUP full-size runs of
 * each side first (default 3 for local activities, 1 for regular ones; not counted), then RUNS rounds (default 5) in
 * alternating order. Reports the medians and the median of the per-round ratios (robust to the machine's drift).
 *
 * The baseline's calls are the same as Tramontane's: same activity, same request (with the action execution id),
 * same summary, timeouts and retry policy (bench/baseline-workflows.ts). For comparison, a second baseline makes
 * bare calls (no id, no summary): by default for the local-activity shapes only, where payloads weigh most
 * (`BARE=1` for all shapes, `BARE=0` for none).
 *
 *   npx tsx bench/vs-temporal.ts
 *   ONLY=chain/noop,with-items/sleep RUNS=11 npx tsx bench/vs-temporal.ts    # some of the four shapes, more rounds
 */
import { median, printTable, startBench } from './support';

const N = Number(process.env.N ?? 1000);
const RUNS = Number(process.env.RUNS ?? 5);
/**
 * Full-size runs of each side before timing (JIT, caches, connections): a worker in production runs warm. Local
 * activity shapes are CPU-bound in the worker and need more; regular ones wait on the server (about 50 s per run).
 */
const warmups = (kind: 'noop' | 'sleep'): number => Number(process.env.WARMUP ?? (kind === 'noop' ? 3 : 1));
const ONLY = process.env.ONLY?.split(',');
const bare = (kind: 'noop' | 'sleep'): boolean => (process.env.BARE === undefined ? kind === 'noop' : process.env.BARE === '1');

function chainYaml(n: number, action: string): string {
  const lines = ["version: '2.0'", 'chain:', '  tasks:'];
  for (let i = 0; i < n; i++) {
    lines.push(`    t${i}:`, `      action: ${action}`);
    if (i + 1 < n) lines.push(`      on-success: t${i + 1}`);
  }
  return lines.join('\n');
}

function itemsYaml(n: number, action: string): string {
  return ["version: '2.0'", 'items:', '  tasks:', '    each:', `      with-items: i in <% range(0, ${n}) %>`, `      action: ${action}`].join('\n');
}

async function main(): Promise<void> {
  const bench = await startBench({ baseline: true });
  const rows: (string | number)[][] = [];
  try {
    for (const shape of ['chain', 'with-items'] as const) {
      for (const kind of ['noop', 'sleep'] as const) {
        if (ONLY && !ONLY.includes(`${shape}/${kind}`)) continue;
        const action = kind === 'noop' ? 'std.noop' : 'std.sleep seconds=0';
        const def = shape === 'chain' ? chainYaml(N, action) : itemsYaml(N, action);
        const ours: number[] = [];
        const same: number[] = [];
        const bareCalls: number[] = [];
        const runOurs = async (): Promise<number> => {
          const { seconds, view } = await bench.runMistral(def);
          if (view.state !== 'SUCCESS') throw new Error(`${shape}/${kind}: ${view.state} ${view.state_info}`);
          return seconds;
        };
        const type = shape === 'chain' ? 'chainBaseline' : 'itemsBaseline';
        const sides: [number[], () => Promise<number>][] = [
          [ours, runOurs],
          [same, () => bench.runBaseline(type, [N, kind, 'same'])],
        ];
        if (bare(kind)) sides.push([bareCalls, () => bench.runBaseline(type, [N, kind, 'bare'])]);
        for (let w = 0; w < warmups(kind); w++) for (const [, run] of sides) await run();
        for (let r = 0; r < RUNS; r++) {
          for (const [times, run] of r % 2 === 0 ? sides : [...sides].reverse()) times.push(await run());
        }
        const row = (label: string, base: number[]): (string | number)[] => {
          const o = median(ours);
          const b = median(base);
          const roundRatio = median(ours.map((x, i) => x / base[i]));
          return [`${shape} ${N} × ${action}`, label, o.toFixed(2), b.toFixed(2), `${(o / b).toFixed(2)}×`, `${roundRatio.toFixed(2)}×`];
        };
        rows.push(row('same calls', same));
        if (bareCalls.length) rows.push(row('bare calls', bareCalls));
        const list = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(',');
        console.error(`${shape} ${kind}: ours ${list(ours)} same ${list(same)}${bareCalls.length ? ` bare ${list(bareCalls)}` : ''}`);
      }
    }
  } finally {
    await bench.close();
  }
  printTable(['shape', 'hand-written baseline', 'Tramontane s (median)', 'hand-written s (median)', 'ratio of medians', 'median of round ratios'], rows);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
