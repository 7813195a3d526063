/**
 * The expression layer: Mistral's evaluation rules over YAQL (`yaql/`) and Jinja2 (`jinja/`), implementing the
 * contract of `types.ts`. Pure and deterministic; runs inside the Temporal workflow sandbox.
 */
export { evaluate } from './evaluate';
export { hasExpression } from './detect';
export { checkSyntax } from './syntax';
export { isTruthy } from './truthiness';
export { pyStr } from './pyrepr';
export { LocatedExpressionError } from './located-error';
export * from './types';
