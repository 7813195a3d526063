/**
 * Cuts one workflow's (or workbook member's) own text out of a definition file, the way Mistral stores each
 * workflow of a multi-workflow file as its own definition. Text-based (comments and formatting kept), using the
 * located YAML tree of the spec layer.
 */
import { readYamlTree, type YEntry, type YMap } from '../interpreter/spec/yaml-tree';

const HEADER = "version: '2.0'\n\n";

function sliceLines(lines: string[], from: number, to: number): string[] {
  const out = lines.slice(from, to);
  while (out.length && out[out.length - 1].trim() === '') out.pop();
  return out;
}

function cutEntries(text: string, entries: YEntry[], endLine: number): Map<string, string> {
  const lines = text.split(/\r?\n/);
  const out = new Map<string, string>();
  const sorted = [...entries].sort((a, b) => a.keyNode.pos.line - b.keyNode.pos.line);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    const start = e.keyNode.pos.line - 1;
    const end = i + 1 < sorted.length ? sorted[i + 1].keyNode.pos.line - 1 : endLine;
    const indent = e.keyNode.pos.col - 1;
    const body = sliceLines(lines, start, end).map((l) => (l.slice(0, indent).trim() === '' ? l.slice(indent) : l));
    out.set(e.key, HEADER + body.join('\n') + '\n');
  }
  return out;
}

/**
 * The text of each top-level entry of a workflow file (`version: '2.0'` + the entry), keyed by name. A file with one
 * workflow is stored whole, as Mistral does; call this only for files with several.
 */
export function cutTopLevel(text: string): Map<string, string> {
  const tree = readYamlTree(text);
  if (!tree.root || tree.root.kind !== 'map') return new Map();
  const entries = tree.root.entries.filter((e) => e.key !== 'version');
  return cutEntries(text, entries, text.split(/\r?\n/).length);
}

/** The text of each member of a workbook section (`workflows` or `actions`), dedented, keyed by local name. */
export function cutWorkbookSection(text: string, section: 'workflows' | 'actions'): Map<string, string> {
  const tree = readYamlTree(text);
  if (!tree.root || tree.root.kind !== 'map') return new Map();
  const root = tree.root;
  const idx = root.entries.findIndex((e) => e.key === section);
  if (idx < 0 || root.entries[idx].value.kind !== 'map') return new Map();
  const next = root.entries.filter((e) => e.keyNode.pos.line > root.entries[idx].keyNode.pos.line);
  const endLine = next.length ? Math.min(...next.map((e) => e.keyNode.pos.line)) - 1 : text.split(/\r?\n/).length;
  const map = root.entries[idx].value as YMap;
  return cutEntries(text, map.entries.filter((e) => e.key !== 'version'), endLine);
}
