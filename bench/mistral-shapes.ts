/**
 * The five shapes of ../shared/tools/mistral-bench (chain100, withitems100_c10, withitems1000, join100, yaql30), run
 * unchanged on Tramontane and timed like bench.py times Mistral (POST → final state, median of RUNS), side by side
 * with the real Mistral's figures measured on this machine (../shared/tools/mistral-bench/results: the best of
 * Mistral 20.0.0 stock, 20.0.0 fixed_delay=0.1 and 15.0.0 stock, per shape).
 *
 *   npx tsx bench/mistral-shapes.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, printTable, startBench } from './support';

const RUNS = Number(process.env.RUNS ?? 3);
const dir = fileURLToPath(new URL('../../shared/tools/mistral-bench/workflows/', import.meta.url));

/** Mistral's best median wall seconds on this machine (README of mistral-bench), and our targets. */
const SHAPES: { name: string; file: string; wf: string; mistral: number; target: number; input?: () => Record<string, unknown> }[] = [
  { name: 'chain100', file: 'chain100.yaml', wf: 'bench_chain100', mistral: 4.93, target: 10 },
  { name: 'withitems100_c10', file: 'withitems100_c10.yaml', wf: 'bench_withitems100_c10', mistral: 7.12, target: 10 },
  { name: 'withitems1000', file: 'withitems1000.yaml', wf: 'bench_withitems1000', mistral: 107.05, target: 25 },
  { name: 'join100', file: 'join100.yaml', wf: 'bench_join100', mistral: 5.64, target: 10 },
  {
    name: 'yaql30',
    file: 'yaql30.yaml',
    wf: 'bench_yaql30',
    mistral: 11.42,
    target: 10,
    input: () => ({ items: Array.from({ length: 1000 }, (_, i) => ({ n: i, name: `item-${i}` })) }),
  },
];

async function main(): Promise<void> {
  const bench = await startBench();
  const rows: (string | number)[][] = [];
  try {
    await bench.runMistral(readFileSync(dir + 'warmup.yaml', 'utf8'));
    for (const s of SHAPES) {
      const def = readFileSync(dir + s.file, 'utf8');
      const walls: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const { seconds, view } = await bench.runMistral(def, { workflow: s.wf, input: s.input?.() });
        if (view.state !== 'SUCCESS') throw new Error(`${s.name}: ${view.state} ${view.state_info}`);
        walls.push(seconds);
      }
      const m = median(walls);
      const speedup = s.mistral / m;
      rows.push([s.name, m.toFixed(3), s.mistral.toFixed(2), `${speedup.toFixed(1)}×`, `≥ ${s.target}×`, speedup >= s.target ? 'yes' : 'NO']);
      console.error(`${s.name}: ${walls.map((w) => w.toFixed(3)).join(', ')}`);
    }
  } finally {
    await bench.close();
  }
  printTable(['shape', 'Tramontane median s', 'Mistral best median s', 'speed-up', 'target', 'met'], rows);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
