/**
 * The contract of the expression layer, as the engine and the spec layer use it. Implemented in `index.ts`
 * (Mistral evaluation rules), `yaql/` and `jinja/`. Everything here runs inside the Temporal workflow sandbox:
 * pure, deterministic, bounded, no Node APIs.
 */

/**
 * Mistral's custom functions, supplied by the engine for one evaluation. Each reads the execution state the engine
 * holds; a function that is not supplied fails with a clear error when an expression calls it.
 */
export interface MistralFunctions {
  /** `task()` → the current task; `task(name)` → the latest execution of that task, or null. */
  task?(name?: string | null): unknown;
  /** `tasks(workflow_execution_id=null, recursive=false, state=null, flat=false)`. */
  tasks?(args: { workflowExecutionId?: string | null; recursive?: boolean; state?: string | null; flat?: boolean }): unknown;
  /** `execution()` → {id, name, spec, input, params, created_at, updated_at, root_execution_id}. */
  execution?(): unknown;
  /** `env()` → the root execution's env dict ({} if none). */
  env?(): unknown;
  /** `global(name)` → workflow-level context variable or null. */
  global?(name: string): unknown;
  /** `uuid()` → a UUID4 string; deterministic inside a workflow (seeded by the engine). */
  uuid?(): string;
}

/** A step budget shared by several evaluations (see `EvalBudget.pool`). */
export interface StepPool {
  /** Steps left. */
  steps: number;
  /** The whole pool, for the message when it runs out. */
  readonly size: number;
}

/** Limits that stop runaway expressions well before Temporal's 5 s activation limit. */
export interface EvalBudget {
  /** Evaluation steps (function calls, iterations) per top-level `evaluate` call. Default 200,000. */
  maxSteps?: number;
  /**
   * Steps shared by several evaluations (all those of one engine step): each step spent is taken from `steps` too,
   * and evaluation stops when it runs out, so many cheap evaluations together cannot pass the activation limit.
   */
  pool?: StepPool;
  /** Largest collection or string an expression may build. Default 1,000,000 elements/characters. */
  maxSize?: number;
}

export interface EvalContext {
  /** The data context: `$` in YAQL, `_` in Jinja. The engine passes a plain object already layered. */
  data: unknown;
  functions?: MistralFunctions;
  budget?: EvalBudget;
}

/** A located syntax problem in one string value (offset is 0-based within that string). */
export interface ExpressionSyntaxError {
  message: string;
  offset: number;
}

/** An evaluation failure. `message` is Mistral-shaped: `Can not evaluate YAQL expression [expression=..., error=...]`. */
export class ExpressionError extends Error {
  readonly language: 'yaql' | 'jinja';
  readonly expression: string;
  constructor(language: 'yaql' | 'jinja', expression: string, message: string) {
    super(message);
    this.name = 'ExpressionError';
    this.language = language;
    this.expression = expression;
  }
}
