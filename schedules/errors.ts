/**
 * The one error type of the cron-trigger layer: a refused request with a message a person can act on (Mistral's
 * wording where Mistral had one). The CLI prints `message` alone, never a stack trace.
 */

/** A cron trigger request that was refused (bad pattern, first time, count, input, unknown or duplicate name). */
export class CronTriggerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronTriggerError';
  }
}
