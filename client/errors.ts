/**
 * The one error type the client throws for refusals users should read (unknown execution, invalid state change,
 * invalid input, invalid definition): `message` is a clear one-line (or `file:line:col`-per-line) text.
 */
export class TramontaneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TramontaneError';
  }
}
