/**
 * A small seeded pseudo-random generator (mulberry32), so a crash run's chaos schedule and host timings are the same
 * for the same seed.
 */

/** A generator of floats in [0, 1) and helpers, fully determined by `seed`. */
export interface SeededRandom {
  /** Next float in [0, 1). */
  next(): number;
  /** Uniform float in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number;
}

/** Creates the mulberry32 generator for `seed` (any 32-bit integer). */
export function seededRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
  };
}
