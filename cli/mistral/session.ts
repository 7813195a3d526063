/**
 * Runs a Mistral-style command against the configured deployment: connects (`Tramontane.connect()`), runs, closes,
 * and turns any failure into one clear line on stderr with exit status 1 — never a stack trace.
 */
import { Tramontane } from '../../client/index';

/** Connects, runs `fn`, closes; failures print `message` and set exit status 1. `fn` may return an exit status. */
export async function withTramontane(fn: (t: Tramontane) => Promise<number | void>): Promise<void> {
  let t: Tramontane | undefined;
  try {
    t = await Tramontane.connect();
    const code = await fn(t);
    if (typeof code === 'number') process.exitCode = code;
  } catch (err) {
    fail(err);
  } finally {
    await t?.close().catch(() => {});
  }
}

/** Runs a command that needs no connection, with the same error handling. */
export async function offline(fn: () => Promise<number | void> | number | void): Promise<void> {
  try {
    const code = await fn();
    if (typeof code === 'number') process.exitCode = code;
  } catch (err) {
    fail(err);
  }
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}
