/**
 * The state shared by all checks of one definition: where errors go, how positions are computed, and the optional
 * expression-syntax checker.
 */
import type { ErrorSink } from './errors';
import type { SourcePos } from './model';
import type { YamlTree, YNode, YScalar } from './yaml-tree';

/** Checks the expressions in one string value; offsets are 0-based within that string. */
export type ExpressionChecker = (value: string) => { message: string; offset: number }[];

export class CheckContext {
  constructor(
    readonly sink: ErrorSink,
    readonly tree: YamlTree,
    readonly checkExpression?: ExpressionChecker,
  ) {}

  /** Records an error located at `node` (or at `pos`). */
  error(at: YNode | SourcePos | undefined, message: string): void {
    const pos = at === undefined ? undefined : 'kind' in at ? at.pos : at;
    this.sink.add(pos, message);
  }

  /** Runs the expression checker on every string inside `node` (any depth; dict keys are not expressions). */
  expressions(node: YNode | undefined): void {
    if (!node || !this.checkExpression) return;
    if (node.kind === 'scalar') {
      if (typeof node.value === 'string') this.expressionIn(node, node.value, 0);
    } else if (node.kind === 'seq') {
      node.items.forEach((i) => this.expressions(i));
    } else {
      node.entries.forEach((e) => this.expressions(e.value));
    }
  }

  /** Runs the expression checker on `value`, a part of `node`'s string that starts at index `base`. */
  expressionIn(node: YScalar, value: string, base: number): void {
    if (!this.checkExpression || !/<%|\{\{|\{%/.test(value)) return;
    let problems: { message: string; offset: number }[];
    try {
      problems = this.checkExpression(value);
    } catch (e) {
      problems = [{ message: e instanceof Error ? e.message : String(e), offset: 0 }];
    }
    for (const p of problems) {
      this.sink.add(this.tree.posInScalar(node, base + Math.max(0, p.offset)), p.message);
    }
  }
}
