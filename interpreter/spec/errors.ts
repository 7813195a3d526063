/**
 * Located definition errors: what `parseDefinition` returns and `loadDefinition` throws.
 */
import type { SourcePos } from './model';

/** One problem in a definition, at a 1-based line and column of `file`. */
export interface SpecError {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Formats an error the way compilers do: `file:line:col: message`. */
export function formatSpecError(e: SpecError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

/** Thrown by `loadDefinition` when a definition is invalid; `message` lists every error, one per line. */
export class SpecValidationError extends Error {
  readonly errors: SpecError[];
  constructor(errors: SpecError[]) {
    super(errors.map(formatSpecError).join('\n'));
    this.name = 'SpecValidationError';
    this.errors = errors;
  }
}

/** Collects located errors while a definition is checked, so that several can be reported at once. */
export class ErrorSink {
  readonly errors: SpecError[] = [];
  constructor(readonly file: string) {}

  /** Records `message` at `pos`. */
  add(pos: SourcePos | undefined, message: string): void {
    const p = pos ?? { line: 1, col: 1 };
    if (this.errors.some((e) => e.line === p.line && e.col === p.col && e.message === message)) return;
    this.errors.push({ file: this.file, line: p.line, col: p.col, message });
  }

  /** Errors sorted by position (stable for equal positions). */
  sorted(): SpecError[] {
    return [...this.errors].sort((a, b) => a.line - b.line || a.col - b.col);
  }
}
