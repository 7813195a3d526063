/** Random JSON values for workflow inputs, env and expression data contexts. */
import type { Rng } from './rng';

const STRINGS = ['', 'a', 'host-1', 'x'.repeat(300), '<% $.x %>', '{{ _.x }}', 'é😀\u202e', 'null', '0', 'True', ' ', '\n', '%s', '${x}'];
const KEYS = ['a', 'b', 'x', 'name', 'hosts', 'items', 'env', 'result', '__proto__', 'constructor', 'toString', '', 'k k', '0'];

/** A random JSON value, at most `depth` levels deep. */
export function randomValue(rng: Rng, depth = 3): unknown {
  const roll = rng.int(0, depth > 0 ? 9 : 5);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, 1, -1, 2 ** 53, -(2 ** 31), 1.5, 1e308, 0.1]);
    case 3:
      return rng.int(-10, 1000);
    case 4:
    case 5:
      return rng.pick(STRINGS);
    case 6:
    case 7: {
      const n = rng.int(0, 5);
      return Array.from({ length: n }, () => randomValue(rng, depth - 1));
    }
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(0, 4); i > 0; i--) {
        Object.defineProperty(out, rng.pick(KEYS), { value: randomValue(rng, depth - 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** A random input dict for a workflow declaring `names`: usually its own parameters, sometimes extra or missing ones. */
export function randomInput(rng: Rng, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) if (rng.chance(0.85)) out[n] = randomValue(rng, 2);
  if (rng.chance(0.15)) out[rng.pick(KEYS) || 'extra'] = randomValue(rng, 1);
  return out;
}
