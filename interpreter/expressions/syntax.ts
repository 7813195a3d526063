/**
 * Validation-time checks of one string value, as Mistral's `expressions.validate` runs them when a definition is
 * uploaded: the Jinja template must parse, each `<% %>` must parse as YAQL, and one string may not mix the two
 * languages.
 */
import { findYaql, isJinja, isYaql, stripYaqlDelimiters } from './detect';
import { checkJinjaTemplate } from './jinja/index';
import type { ExpressionSyntaxError } from './types';
import { parseYaql } from './yaql/index';

/**
 * Returns the syntax problems of a string value (empty when it is fine or has no expression). Messages are
 * Mistral's: `Syntax error '...'.` for Jinja, the yaql parser's text for YAQL, and `The line already contains an
 * expression of type 'jinja'. Mixing expression types in a single line is not allowed.`
 */
export function checkSyntax(value: string): ExpressionSyntaxError[] {
  const errors: ExpressionSyntaxError[] = [];
  const jinja = isJinja(value);
  if (jinja) {
    try {
      checkJinjaTemplate(value);
    } catch (e) {
      const err = e as Error & { offset?: number };
      errors.push({ message: `Syntax error '${err.message}'.`, offset: err.offset ?? 0 });
      return errors;
    }
  }
  if (isYaql(value)) {
    if (jinja) {
      const at = value.search(/<%/);
      errors.push({
        message: "The line already contains an expression of type 'jinja'. Mixing expression types in a single line is not allowed.",
        offset: Math.max(0, at),
      });
      return errors;
    }
    for (const { text, index } of findYaql(value)) {
      const { inner, lead } = stripYaqlDelimiters(text);
      try {
        parseYaql(inner.trim());
      } catch (e) {
        const err = e as Error & { offset?: number };
        const start = index + lead + (inner.length - inner.trimStart().length);
        errors.push({ message: err.message, offset: start + (err.offset ?? 0) });
      }
    }
  }
  return errors;
}
