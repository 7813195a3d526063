/**
 * `loadDefinition`: parse + validate with the real expression syntax checker, throwing on any error.
 */
import { checkSyntax } from '../expressions';
import { SpecValidationError } from './errors';
import type { Definition } from './model';
import { parseDefinition } from './parse';

/**
 * Parses and validates a definition, checking every expression's syntax with the expression layer. Returns the
 * normalized `Definition`; throws `SpecValidationError` (message = all errors as `file:line:col: message` lines).
 */
export function loadDefinition(text: string, file?: string): Definition {
  const result = parseDefinition(text, { file, checkExpression: checkSyntax });
  if (!result.definition) throw new SpecValidationError(result.errors);
  return result.definition;
}
