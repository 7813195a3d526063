/**
 * The seed corpus the fuzz tests mutate: the shared seed workflows, the project's examples and the engine
 * rehearsals (real Mistral definitions that the oracle ran), plus the expressions found in them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import YAML from 'yaml';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Directories of `.yaml` seed definitions (the shared examples sit beside the checkout). */
export const CORPUS_DIRS = [join(repoRoot, '../shared/examples'), join(repoRoot, 'examples'), join(repoRoot, 'test/engine/rehearsals')];

export interface SeedFile {
  name: string;
  text: string;
}

/** The definition in a seed file: rehearsal files wrap theirs in a `yaml:` field. */
function definitionText(text: string): string {
  try {
    const doc = YAML.parse(text) as { yaml?: unknown } | null;
    if (doc && typeof doc === 'object' && typeof doc.yaml === 'string') return doc.yaml;
  } catch {
    // a deliberately broken seed (upgrade_kernel_seed_broken.yaml) is a fine seed too
  }
  return text;
}

/** Every seed definition, sorted by path (stable order: the same seed gives the same cases). */
export function loadCorpus(): SeedFile[] {
  const out: SeedFile[] = [];
  for (const dir of CORPUS_DIRS) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.yaml') || f.endsWith('.yml')) out.push({ name: join(dir, f).slice(repoRoot.length - 1), text: definitionText(readFileSync(join(dir, f), 'utf8')) });
    }
  }
  return out;
}

/** The `<% %>` and `{{ }}` expressions written in the corpus (deduplicated, sorted). */
export function corpusExpressions(files: SeedFile[]): string[] {
  const found = new Set<string>();
  for (const { text } of files) {
    for (const m of text.matchAll(/<%.*?%>|\{\{.*?\}\}/g)) found.add(m[0]);
  }
  return [...found].sort();
}
