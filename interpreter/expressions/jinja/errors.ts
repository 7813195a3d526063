/** Errors raised by the Jinja engine, carrying the Python exception type Jinja2 would have raised. */

/**
 * A Jinja failure. `message` is exactly what Python's `str(exception)` gives (Mistral puts it in its
 * `Can not evaluate Jinja expression [...]` text); `pyType` is the Python class (`TemplateSyntaxError`,
 * `UndefinedError`, `TypeError`, ...); `offset` locates syntax errors in the source (0-based).
 */
export class JinjaError extends Error {
  readonly pyType: string;
  readonly offset?: number;
  constructor(pyType: string, message: string, offset?: number) {
    super(message);
    this.name = 'JinjaError';
    this.pyType = pyType;
    this.offset = offset;
  }
}

/** A `TemplateSyntaxError` at `offset`. */
export function syntaxError(message: string, offset: number): JinjaError {
  return new JinjaError('TemplateSyntaxError', message, offset);
}

/** A Python `TypeError` raised while rendering. */
export function typeError(message: string): JinjaError {
  return new JinjaError('TypeError', message);
}
