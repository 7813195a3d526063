/** The Jinja2 syntax tree: expression nodes and template statements, as Jinja2's parser builds them. */

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin';
export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';

export interface CallArgs {
  args: Expr[];
  kwargs: [string, Expr][];
  dynArgs?: Expr;
  dynKwargs?: Expr;
}

export type Expr =
  | { t: 'const'; value: unknown }
  | { t: 'name'; name: string; pos: number }
  | { t: 'list'; items: Expr[] }
  | { t: 'tuple'; items: Expr[] }
  | { t: 'dict'; items: [Expr, Expr][] }
  | { t: 'getattr'; obj: Expr; attr: string; pos: number }
  | { t: 'getitem'; obj: Expr; arg: Expr; pos: number }
  | { t: 'slice'; start?: Expr; stop?: Expr; step?: Expr }
  | ({ t: 'call'; callee: Expr; pos: number } & CallArgs)
  | ({ t: 'filter'; node?: Expr; name: string; pos: number } & CallArgs)
  | ({ t: 'test'; node: Expr; name: string; pos: number } & CallArgs)
  | { t: 'not'; node: Expr }
  | { t: 'neg' | 'pos'; node: Expr; pos: number }
  | { t: 'binop'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { t: 'concat'; items: Expr[] }
  | { t: 'and' | 'or'; left: Expr; right: Expr }
  | { t: 'compare'; first: Expr; ops: [CompareOp, Expr][]; pos: number }
  | { t: 'condexpr'; test: Expr; then: Expr; else_?: Expr };

export type Target =
  | { t: 'name'; name: string; pos: number }
  | { t: 'tuple'; items: Target[] }
  | { t: 'nsref'; name: string; attr: string; pos: number };

export type Stmt =
  | { t: 'data'; text: string }
  | { t: 'print'; expr: Expr }
  | { t: 'if'; test: Expr; body: Stmt[]; else_: Stmt[] }
  | { t: 'for'; target: Target; iter: Expr; body: Stmt[]; else_: Stmt[]; filter?: Expr; pos: number }
  | { t: 'assign'; target: Target; value: Expr }
  | { t: 'assignBlock'; target: Target; filter?: Expr; body: Stmt[] }
  | { t: 'with'; targets: Target[]; values: Expr[]; body: Stmt[] }
  | { t: 'macro'; name: string; params: [string, Expr | undefined][]; body: Stmt[] }
  | { t: 'filterBlock'; filter: Expr; body: Stmt[] };
