/**
 * Seeded randomness for the fuzz tests. One run seed (`FUZZ_SEED`, else a fixed default so CI is reproducible);
 * every case derives its own generator from (run seed, suite, index), so one failing case replays alone with
 * `FUZZ_SEED=<seed> FUZZ_CASE=<index>`.
 */

/** The default run seed (CI runs exactly these cases). Set FUZZ_SEED=random for a fresh one. */
export const DEFAULT_SEED = 20260_7;

/** The run seed: `FUZZ_SEED` (a number, or `random`), else DEFAULT_SEED. */
export function runSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FUZZ_SEED?.trim();
  if (!raw) return DEFAULT_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED=${raw} is not an integer (or "random")`);
  return n;
}

/** `FUZZ_CASE=<index>`: run only that case of each suite (to replay a failure). */
export function onlyCase(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.FUZZ_CASE?.trim();
  return raw ? Number(raw) : undefined;
}

function hash32(...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = String(p);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A small deterministic PRNG (mulberry32) with the helpers the generators need. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** The generator of case `index` of `suite` under run seed `seed`. */
  static forCase(seed: number, suite: string, index: number): Rng {
    return new Rng(hash32(seed, suite, index));
  }
  /** Uniform float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}
