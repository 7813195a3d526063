/**
 * The normalized, typed model of a Mistral v2 definition.
 *
 * The spec layer (`parse.ts`, `validate.ts`) turns YAML text into these plain, JSON-serializable objects; the engine
 * consumes them and never looks at YAML again. Values that may hold expressions are typed `unknown` (any JSON value,
 * possibly containing `<% %>` / `{{ }}` strings): the expression layer evaluates them at run time.
 *
 * Names follow Mistral's DSL; `camelCase` stands for the dashed keywords (`on-success` → `onSuccess`).
 */

/** 1-based line and column of a node in the source text. */
export interface SourcePos {
  line: number;
  col: number;
}

/** A workflow/action input declaration: `- name` (required) or `- name: default` (optional, default used as-is). */
export interface InputParam {
  name: string;
  required: boolean;
  /** Present only when `required` is false; may be null. Never evaluated. */
  default?: unknown;
}

/** One entry of an on-* clause: a task name or an engine command (`fail`, `succeed`, `pause`, `noop`). */
export interface Transition {
  /** Task name, or engine command name when `command` is set. */
  target: string;
  /** Engine command, when `target` is one of fail/succeed/pause/noop (the command wins over a task of that name). */
  command?: 'fail' | 'succeed' | 'pause' | 'noop';
  /** Guard (`- task: <% cond %>`); undefined means "always". */
  condition?: unknown;
  /** Inline params (`fail msg="x"` or `fail(msg=<% %>)`); only `msg` matters for commands, ignored for tasks. */
  params: Record<string, unknown>;
  pos?: SourcePos;
}

/** Advanced publish form inside an on-* clause (`publish: {branch: {...}, global: {...}, atomic: {...}}`). */
export interface ClausePublish {
  branch?: Record<string, unknown>;
  global?: Record<string, unknown>;
  /** Accepted by the schema, ignored by Mistral. Kept for completeness. */
  atomic?: Record<string, unknown>;
}

/** A whole on-success / on-error / on-complete clause (simple or advanced form, normalized). */
export interface Clause {
  /** In declaration order. Empty for an advanced clause without `next`. */
  next: Transition[];
  /** Only in the advanced form. */
  publish?: ClausePublish;
}

/** `retry:` policy (dict or one-line `count=3 delay=1 break-on=<% %>` form). Each value may be an expression. */
export interface RetryPolicy {
  count: unknown;
  delay: unknown;
  breakOn?: unknown;
  continueOn?: unknown;
}

/** Task policies. Each value may be an expression; undefined = not set. */
export interface Policies {
  retry?: RetryPolicy;
  waitBefore?: unknown;
  waitAfter?: unknown;
  timeout?: unknown;
  pauseBefore?: unknown;
  failOn?: unknown;
  concurrency?: unknown;
}

/** `with-items` entry: `var in <expr>` (expr may also be an inline JSON list, already parsed). */
export interface WithItems {
  var: string;
  /** An expression string (`<% $.hosts %>`) or a literal list. */
  collection: unknown;
}

export interface TaskSpec {
  name: string;
  description?: string;
  tags: string[];
  /** Action name without inline params (may itself be an expression). Undefined for workflow tasks; the engine
   * treats a task with neither `action` nor `workflow` as `std.noop`. */
  action?: string;
  /** Subworkflow name without inline params (may be an expression). */
  workflow?: string;
  /** Params parsed from `action: name k=v ...` / `workflow: name k=v`. Inline values win over `input` on merge. */
  inlineParams: Record<string, unknown>;
  /** The `input:` block: a dict (values may hold expressions) or a single expression string evaluating to a dict. */
  input: Record<string, unknown> | string;
  publish: Record<string, unknown>;
  publishOnError: Record<string, unknown>;
  withItems?: WithItems[];
  /** Default true. Used raw, never evaluated (a non-empty string counts as true), as in Mistral. */
  keepResult: unknown;
  target?: unknown;
  /** As written on the task; undefined = not set (then task-defaults, then false). */
  safeRerun?: unknown;
  policies: Policies;
  /** Direct workflows: undefined means "not set on the task" (task-defaults may then apply). */
  onSuccess?: Clause;
  onError?: Clause;
  onComplete?: Clause;
  /** Direct workflows: `join: all` | N (`one` is normalized to 1). */
  join?: 'all' | number;
  /** Reverse workflows: static task names. Empty when not set. */
  requires: string[];
  /** The task exactly as written (plain YAML data, expressions unevaluated): what `task().spec` shows. */
  raw?: Record<string, unknown>;
  pos?: SourcePos;
}

export interface TaskDefaults {
  onSuccess?: Clause;
  onError?: Clause;
  onComplete?: Clause;
  requires: string[];
  policies: Policies;
  safeRerun?: unknown;
}

export interface WorkflowSpec {
  /** Full name: `<workbook>.<name>` for workbook workflows. */
  name: string;
  /** Workbook name when the workflow came from a workbook (for `<wb>.x` lookups of actions/workflows). */
  workbook?: string;
  type: 'direct' | 'reverse';
  description?: string;
  tags: string[];
  input: InputParam[];
  /** Undefined when absent: the output is then the merged final context. */
  output?: Record<string, unknown>;
  outputOnError?: Record<string, unknown>;
  vars: Record<string, unknown>;
  taskDefaults: TaskDefaults;
  /** In source order. */
  tasks: Record<string, TaskSpec>;
  pos?: SourcePos;
}

/** Ad-hoc action (`actions:` of a workbook, or a standalone action file). */
export interface AdhocActionSpec {
  /** Full name: `<workbook>.<name>` for workbook actions. */
  name: string;
  workbook?: string;
  description?: string;
  tags: string[];
  /** Base action name (system or ad-hoc, full name), without inline params. */
  base: string;
  /** Inline params of `base: std.echo output="x"`. */
  baseInlineParams: Record<string, unknown>;
  /** Evaluated with `$` = the ad-hoc action's input (defaults applied). */
  baseInput: Record<string, unknown>;
  input: InputParam[];
  /** Evaluated with `$` = the base action's result; undefined = pass through. */
  output?: unknown;
  pos?: SourcePos;
}

/** One parsed and validated document: a workflow file, a workbook, or an action file. */
export interface Definition {
  kind: 'workflows' | 'workbook' | 'actions';
  /** Workbook name (kind = workbook). */
  name?: string;
  description?: string;
  tags: string[];
  /** Keyed by full name, in source order. */
  workflows: Record<string, WorkflowSpec>;
  /** Keyed by full name, in source order. */
  actions: Record<string, AdhocActionSpec>;
}
