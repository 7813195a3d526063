/**
 * YAQL errors. `pyType` names the Python exception class yaql 2.0 would raise (so callers and the conformance
 * suite can classify failures); `offset` locates parse errors (0-based character index in the expression).
 */

/** Python exception class hierarchy (child → parent) for the classes yaql and its library raise. */
const PY_PARENTS: Record<string, string> = {
  YaqlException: 'Exception',
  ResolutionError: 'YaqlException',
  FunctionResolutionError: 'ResolutionError',
  MethodResolutionError: 'ResolutionError',
  NoFunctionRegisteredException: 'FunctionResolutionError',
  NoMatchingFunctionException: 'FunctionResolutionError',
  AmbiguousFunctionException: 'FunctionResolutionError',
  NoMethodRegisteredException: 'MethodResolutionError',
  NoMatchingMethodException: 'MethodResolutionError',
  AmbiguousMethodException: 'MethodResolutionError',
  ArgumentException: 'YaqlException',
  MappingTranslationException: 'YaqlException',
  YaqlParsingException: 'YaqlException',
  YaqlGrammarException: 'YaqlParsingException',
  YaqlLexicalException: 'YaqlParsingException',
  CollectionTooLargeException: 'YaqlException',
  MemoryQuotaExceededException: 'YaqlException',
  BudgetExceededException: 'YaqlException',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  LookupError: 'Exception',
  ZeroDivisionError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  ArithmeticError: 'Exception',
  TypeError: 'Exception',
  ValueError: 'Exception',
  StopIteration: 'Exception',
  AssertionError: 'Exception',
};

/** An error raised while parsing or evaluating a YAQL expression. */
export class YaqlError extends Error {
  pyType: string;
  offset?: number;
  constructor(pyType: string, message: string, offset?: number) {
    super(message);
    this.name = 'YaqlError';
    this.pyType = pyType;
    if (offset !== undefined) this.offset = offset;
  }
}

/**
 * True when `err` is a YaqlError whose Python class is `pyType` or a subclass of it (for example a
 * `NoMatchingFunctionException` is also a `FunctionResolutionError` and a `YaqlException`).
 */
export function isPyError(err: unknown, pyType: string): boolean {
  if (!(err instanceof YaqlError)) return false;
  let t: string | undefined = err.pyType;
  while (t) {
    if (t === pyType) return true;
    t = PY_PARENTS[t];
  }
  return false;
}

/** Shorthand to build a YaqlError. */
export function pyErr(pyType: string, message: string): YaqlError {
  return new YaqlError(pyType, message);
}
