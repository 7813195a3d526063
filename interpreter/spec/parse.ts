/**
 * `parseDefinition`: YAML text → validated `Definition` plus every located error found.
 */
import { CheckContext, type ExpressionChecker } from './check-context';
import { readDefinition } from './document';
import { ErrorSink, type SpecError } from './errors';
import type { Definition } from './model';
import { readYamlTree } from './yaml-tree';

export interface ParseOptions {
  /** File name used in errors (default `<definition>`). */
  file?: string;
  /** Expression syntax checker, called on every string where expressions are allowed. */
  checkExpression?: ExpressionChecker;
}

export interface ParseResult {
  /** Present when there is no error. */
  definition?: Definition;
  /** Sorted by position; empty when the definition is valid. */
  errors: SpecError[];
}

/**
 * Parses and validates a Mistral v2 workflow file, workbook or ad-hoc action file. Never throws for bad input:
 * YAML syntax errors, schema errors, graph errors and expression syntax errors all come back in `errors`, each with
 * the line and column it refers to, as many as can be found in one pass.
 */
export function parseDefinition(text: string, opts: ParseOptions = {}): ParseResult {
  const sink = new ErrorSink(opts.file ?? '<definition>');
  const tree = readYamlTree(text);
  for (const p of tree.problems) sink.add(p.pos, p.message);
  if (tree.problems.length > 0 && !tree.root) return { errors: sink.sorted() };
  const ctx = new CheckContext(sink, tree, opts.checkExpression);
  let definition: Definition | undefined;
  try {
    definition = readDefinition(ctx, tree.root);
  } catch (e) {
    sink.add({ line: 1, col: 1 }, `Internal error while validating: ${e instanceof Error ? e.message : String(e)}`);
  }
  const errors = sink.sorted();
  return errors.length === 0 && definition ? { definition, errors } : { errors };
}
