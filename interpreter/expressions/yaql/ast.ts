/**
 * The YAQL syntax tree, shaped like yaql's `expressions.py`: every operator is a call of a function named
 * `#operator_<op>`, `#unary_operator_<op>`, `*equal`, `#indexer`, `#list`, `#map` or `#call`.
 */

export type YaqlAst = ConstNode | VarNode | CallNode | WrapNode | MappingNode | NoValueNode;

/** A literal. `keyword` marks a bare identifier (yaql's KeywordConstant): it evaluates to its own name. */
export interface ConstNode {
  t: 'const';
  value: unknown;
  keyword: boolean;
  pos: number;
}

/** `$`, `$name`, `$1` (yaql's GetContextValue). */
export interface VarNode {
  t: 'var';
  name: string;
  pos: number;
}

/**
 * A function call. `usesReceiver` is true only for a plain `name(...)` call, which can be a method call when it
 * appears on the right of `.`; operator calls never take a receiver.
 */
export interface CallNode {
  t: 'call';
  name: string;
  args: YaqlAst[];
  usesReceiver: boolean;
  pos: number;
}

/** A parenthesized expression. */
export interface WrapNode {
  t: 'wrap';
  expr: YaqlAst;
  pos: number;
}

/** `source => destination` inside an argument list (keyword argument or dict entry). */
export interface MappingNode {
  t: 'mapping';
  source: YaqlAst;
  destination: YaqlAst;
  pos: number;
}

/** An empty positional argument slot, as in `f(1, , 3)`. */
export interface NoValueNode {
  t: 'novalue';
  pos: number;
}
