/** The step and size budget of one top-level evaluation (see `EvalBudget` in `types.ts`). */
import type { EvalBudget, StepPool } from './types';

/**
 * Steps per top-level evaluation. Sized so a runaway expression stops in well under a second of CPU: the workflow
 * sandbox fails (and retries) an activation that runs over 2 s, so the budget must bite long before that.
 */
export const DEFAULT_MAX_STEPS = 200_000;
/** Largest collection or string an expression may build. */
export const DEFAULT_MAX_SIZE = 1_000_000;

/** Raised when an expression exceeds its budget; the message says which limit and how to read it. */
export class BudgetExceeded extends Error {
  readonly pyType = 'BudgetExceeded';
  constructor(message: string) {
    super(message);
    this.name = 'BudgetExceeded';
  }
}

/** The message when a shared step pool runs out (both expression languages). */
export function poolExhausted(pool: StepPool): string {
  return (
    `the expressions of one workflow step exceeded their shared budget of ${pool.size} evaluation steps ` +
    `(too much expression work at once: fewer items, or simpler expressions per item)`
  );
}

/** Counts evaluation steps and checks the size of built values against the limits. */
export class Budget {
  readonly maxSteps: number;
  readonly maxSize: number;
  readonly pool: StepPool | undefined;
  steps = 0;
  constructor(limits: EvalBudget = {}) {
    this.maxSteps = limits.maxSteps ?? DEFAULT_MAX_STEPS;
    this.maxSize = limits.maxSize ?? DEFAULT_MAX_SIZE;
    this.pool = limits.pool;
  }
  /** Spends `n` steps; throws `BudgetExceeded` past the limit or when the shared pool runs out. */
  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.maxSteps) {
      throw new BudgetExceeded(`expression evaluation exceeded its budget of ${this.maxSteps} steps (runaway loop?)`);
    }
    if (this.pool && (this.pool.steps -= n) < 0) throw new BudgetExceeded(poolExhausted(this.pool));
  }
  /** Checks that a string/collection of `n` characters/elements may be built. */
  size(n: number): void {
    if (n > this.maxSize) {
      throw new BudgetExceeded(`expression result too large: ${n} elements or characters (limit ${this.maxSize})`);
    }
  }
}
