/**
 * The spec layer's public surface: Mistral v2 YAML → the typed, normalized model of `model.ts`.
 * Pure and sandbox-safe (only the `yaml` package).
 */
export { type SpecError, SpecValidationError, formatSpecError } from './errors';
export { parseDefinition, type ParseOptions, type ParseResult } from './parse';
export type { ExpressionChecker } from './check-context';
export { loadDefinition } from './load';
export * from './model';
export * from './defaults';
