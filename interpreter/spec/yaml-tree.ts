/**
 * YAML text → a small located tree (maps, sequences, scalars with their source positions).
 *
 * Mistral loads definitions with PyYAML's safe loader (YAML 1.1: `yes`/`no`/`on`/`off` are booleans, `010` is
 * octal), so we parse as YAML 1.1 too. Mistral's hardened loader does **not** expand anchors and aliases: it reads
 * `&name ...` and `*name` as plain text. We do the same for scalars and flow collections written on one line
 * (`b: *foo` → the string `"*foo"`, `a: &x [1, 2]` → the string `"&x [1, 2]"`). An anchor in front of a block
 * collection is a parse error in Mistral ("mapping values are not allowed here"); we report it as a located error
 * that says why. Duplicate keys are an error here (PyYAML silently keeps the last one). Timestamps stay the text
 * written (PyYAML would make a datetime that Mistral cannot serialize).
 */
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { SourcePos } from './model';

interface NodeBase {
  pos: SourcePos;
  /** 0-based source offset of the node start. */
  offset: number;
}

export interface YScalar extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** How the scalar was written; used to map offsets inside string values back to the source. */
  style: 'plain' | 'single' | 'double' | 'literal' | 'folded';
}

export interface YEntry {
  key: string;
  keyNode: YScalar;
  value: YNode;
}

export interface YMap extends NodeBase {
  kind: 'map';
  entries: YEntry[];
}

export interface YSeq extends NodeBase {
  kind: 'seq';
  items: YNode[];
}

export type YNode = YScalar | YMap | YSeq;

/** A located problem found while reading the YAML text. */
export interface YamlProblem {
  pos: SourcePos;
  message: string;
}

export interface YamlTree {
  root?: YNode;
  problems: YamlProblem[];
  /** Maps a 0-based source offset to a 1-based line and column. */
  posAt(offset: number): SourcePos;
  /** Maps an offset inside a scalar's string value to its approximate source position. */
  posInScalar(node: YScalar, index: number): SourcePos;
}

const STYLE: Record<string, YScalar['style']> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/**
 * Parses YAML text into a located tree. Never throws: syntax errors come back as `problems` with the line and
 * column where the parser stopped (message prefixed `Definition could not be parsed:` like Mistral's).
 */
export function readYamlTree(text: string): YamlTree {
  const lineCounter = new LineCounter();
  const problems: YamlProblem[] = [];
  const posAt = (offset: number): SourcePos => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line, col: p.col };
  };
  const tree: YamlTree = { problems, posAt, posInScalar: (node, index) => scalarPos(text, posAt, node, index) };

  let doc;
  try {
    doc = parseDocument(text, { lineCounter, version: '1.1', merge: false, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    problems.push({ pos: { line: 1, col: 1 }, message: `Definition could not be parsed: ${errorText(e)}` });
    return tree;
  }
  if (doc.errors.length > 0) {
    for (const err of doc.errors.slice(0, 1)) {
      let at = err.pos[0];
      while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at += 1;
      problems.push({
        pos: posAt(at),
        message: `Definition could not be parsed: ${parserMessage(err.message, err.code)}`,
      });
    }
    return tree;
  }
  if (doc.contents === null) return tree;
  tree.root = convert(doc.contents as YamlNode, text, posAt, problems);
  return tree;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}

function parserMessage(message: string, code: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'BAD_ALIAS' || code === 'BAD_SCALAR_START') {
    return `${first} (Mistral reads '*', '&' and '@' at the start of a value as text: quote such values)`;
  }
  if (code === 'MULTILINE_IMPLICIT_KEY') return `${first} (could not find expected ':'; check the indentation)`;
  return first;
}

function convert(node: YamlNode, text: string, posAt: (o: number) => SourcePos, problems: YamlProblem[]): YNode {
  const offset = node.range?.[0] ?? 0;
  if (isAlias(node)) {
    return plainText(text.slice(offset, node.range?.[1] ?? offset), offset, posAt);
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) {
    const start = text.lastIndexOf(`&${anchor}`, offset);
    const end = node.range?.[1] ?? offset;
    const sameLine = start >= 0 && !text.slice(start, isScalar(node) ? offset : end).includes('\n');
    const flowOrScalar = isScalar(node) || (node as { flow?: boolean }).flow === true;
    if (start >= 0 && sameLine && flowOrScalar) {
      return plainText(text.slice(start, end).replace(/\s*\n\s*/g, ' ').trimEnd(), start, posAt);
    }
    problems.push({
      pos: posAt(start >= 0 ? start : offset),
      message:
        `Definition could not be parsed: YAML anchors are not supported: Mistral reads '&${anchor}' as plain text, ` +
        'so the block below it cannot be parsed; write the values out instead',
    });
  }
  if (isMap(node)) {
    const entries: YEntry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const keyConv: YScalar =
        keyNode && (isScalar(keyNode) || isAlias(keyNode))
          ? (convert(keyNode, text, posAt, problems) as YScalar)
          : { kind: 'scalar', value: null, style: 'plain', offset, pos: posAt(offset) };
      if (keyNode && !isScalar(keyNode) && !isAlias(keyNode)) {
        problems.push({ pos: posAt(keyNode.range?.[0] ?? offset), message: 'Invalid DSL: keys must be plain names' });
      }
      const valueNode = pair.value as YamlNode | null;
      const value: YNode = valueNode
        ? convert(valueNode, text, posAt, problems)
        : { kind: 'scalar', value: null, style: 'plain', offset: keyConv.offset, pos: keyConv.pos };
      entries.push({ key: keyString(keyConv.value, keyNode), keyNode: keyConv, value });
    }
    return { kind: 'map', entries, offset, pos: posAt(offset) };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) =>
      item === null
        ? ({ kind: 'scalar', value: null, style: 'plain', offset, pos: posAt(offset) } as YScalar)
        : convert(item as YamlNode, text, posAt, problems),
    );
    return { kind: 'seq', items, offset, pos: posAt(offset) };
  }
  const scalar = node as Scalar;
  let value: unknown = scalar.value;
  if (value instanceof Date || typeof value === 'bigint' || value instanceof Uint8Array) {
    value = scalar.source ?? text.slice(offset, node.range?.[1] ?? offset);
  }
  if (typeof value === 'symbol') value = '<<';
  // PyYAML's YAML 1.1 differs from the yaml package's: `y`/`n` are strings and `1e3` (no dot) is a string there.
  const source = scalar.type === 'PLAIN' ? text.slice(offset, node.range?.[1] ?? offset) : '';
  if (typeof value === 'boolean' && /^[yYnN]$/.test(source)) value = source;
  if (typeof value === 'number' && /^[-+]?[0-9][0-9_]*[eE]/.test(source)) value = source;
  if (typeof value === 'number' && !Number.isFinite(value)) value = String(scalar.source ?? value);
  return {
    kind: 'scalar',
    value: value as YScalar['value'],
    style: STYLE[scalar.type ?? 'PLAIN'] ?? 'plain',
    offset,
    pos: posAt(offset),
  };
}

function keyString(value: YScalar['value'], keyNode: YamlNode | null): string {
  if (value === null) return keyNode && isScalar(keyNode) && keyNode.source ? String(keyNode.source) : 'null';
  return String(value);
}

function plainText(value: string, offset: number, posAt: (o: number) => SourcePos): YScalar {
  return { kind: 'scalar', value, style: 'plain', offset, pos: posAt(offset) };
}

/** Approximate source position of character `index` of a scalar's value (exact for one-line and literal scalars). */
function scalarPos(text: string, posAt: (o: number) => SourcePos, node: YScalar, index: number): SourcePos {
  if (node.style === 'plain') return posAt(node.offset + index);
  if (node.style === 'single' || node.style === 'double') return posAt(node.offset + 1 + index);
  // Block scalar: content starts on the line after the header; map value lines to source lines.
  const value = typeof node.value === 'string' ? node.value : '';
  const before = value.slice(0, index);
  const lineNo = node.style === 'literal' ? before.split('\n').length - 1 : 0;
  const col = index - (before.lastIndexOf('\n') + 1);
  const headerEnd = text.indexOf('\n', node.offset);
  if (headerEnd < 0) return posAt(node.offset);
  const firstContent = posAt(headerEnd + 1);
  const indentMatch = /^[ \t]*/.exec(text.slice(headerEnd + 1));
  const indent = indentMatch ? indentMatch[0].length : 0;
  return node.style === 'literal'
    ? { line: firstContent.line + lineNo, col: indent + col + 1 }
    : { line: firstContent.line, col: indent + 1 };
}

/** Converts a located node to the plain JSON value it stands for. */
export function toPlain(node: YNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const e of node.entries) out[e.key] = toPlain(e.value);
  return out;
}
