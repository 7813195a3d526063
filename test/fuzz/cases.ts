/** The definition cases of a fuzz run: a pure function of (seed, index), shared by the validation and dev-server fuzz. */
import { loadCorpus } from './corpus';
import { randomDefinition } from './gen-definition';
import { mutateDefinition } from './mutate-yaml';
import { Rng } from './rng';

export const corpus = loadCorpus();
const donors = corpus.map((f) => f.text);

/**
 * The text of definition case `index`: the seed files themselves first, then every 7th a random definition, the
 * others a seed file mutated 1–3 times. `rng` continues the case's generator (for its random inputs).
 */
export function definitionCase(seed: number, index: number): { text: string; origin: string; rng: Rng } {
  const rng = Rng.forCase(seed, 'definition', index);
  if (index % 7 === 6) return { text: randomDefinition(rng), origin: 'random', rng };
  const base = corpus[index % corpus.length];
  return { text: index < corpus.length ? base.text : mutateDefinition(rng, base.text, donors), origin: base.name, rng };
}
