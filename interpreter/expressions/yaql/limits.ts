/** Resource limits: yaql's iterator limit and our step/size budgets against runaway expressions. */
import { YaqlError } from './errors';

export { DEFAULT_MAX_STEPS, DEFAULT_MAX_SIZE } from '../budget';

/** yaql's `CollectionTooLargeException` (only raised when an iterator limit is configured). */
export function CollectionTooLarge(max: number): YaqlError {
  return new YaqlError('CollectionTooLargeException', `Collection length exceeds ${max} elements`);
}

export function stepBudgetExceeded(max: number): YaqlError {
  return new YaqlError(
    'BudgetExceededException',
    `Expression evaluation exceeded the limit of ${max} steps (function calls and iterations)`,
  );
}

export function sizeBudgetExceeded(max: number, size: number): YaqlError {
  return new YaqlError(
    'BudgetExceededException',
    `Expression built a value of ${size} elements/characters, over the limit of ${max}`,
  );
}
