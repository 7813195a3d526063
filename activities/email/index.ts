/**
 * Worker-side implementation of std.email. `actions` reads its settings from the environment (see options.ts for
 * `TRAMONTANE_SMTP_CA_FILE` / `TRAMONTANE_SMTP_INSECURE` and the TLS default); `createEmailActions` takes them
 * explicitly.
 */
import type { ActionImpl } from '../types';
import { emailOptionsFromEnv, type EmailOptions } from './options';
import { createEmailAction } from './send-email';

export type { EmailOptions } from './options';
export { emailOptionsFromEnv } from './options';

/** Builds std.email with the environment's settings overridden by `overrides`. */
export function createEmailActions(overrides: Partial<EmailOptions> = {}): ActionImpl[] {
  return [createEmailAction({ ...emailOptionsFromEnv(), ...overrides })];
}

export const actions: ActionImpl[] = createEmailActions();
