/** An `ExpressionError` that also says where, for a caret under the offending text. */
import { ExpressionError } from './types';

export class LocatedExpressionError extends ExpressionError {
  /** 0-based offset in the evaluated string value, when known. */
  readonly offset?: number;
  /** The Python exception class behind the failure (`KeyError`, `UndefinedError`, ...). */
  readonly pyType: string;
  constructor(language: 'yaql' | 'jinja', expression: string, message: string, pyType: string, offset?: number) {
    super(language, expression, message);
    this.pyType = pyType;
    if (offset !== undefined) this.offset = offset;
  }
}
