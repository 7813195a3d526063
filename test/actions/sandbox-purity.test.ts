import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Signatures and input checking are imported inside the Temporal workflow sandbox: their whole import graph must
// stay free of Node builtins and npm packages.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const entries = [
  'activities/input.ts',
  'activities/std/signatures.ts',
  'activities/std/wait_ssh.ts',
  'activities/http/signatures.ts',
  'activities/email/signatures.ts',
  'activities/ssh/signatures.ts',
];

function importGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    const spec = m[1]!;
    if (!spec.startsWith('.')) {
      seen.add(`external:${spec}`);
      continue;
    }
    importGraph(join(dirname(file), spec) + '.ts', seen);
  }
  return seen;
}

describe('sandbox-safe modules', () => {
  it.each(entries)('%s imports only relative, sandbox-safe modules', (entry) => {
    const graph = [...importGraph(join(root, entry))];
    expect(graph.filter((f) => f.startsWith('external:'))).toEqual([]);
    for (const f of graph) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/\b(process|Buffer|setTimeout|Date\.now|Math\.random)\b/);
    }
  });
});
