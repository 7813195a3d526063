/**
 * Worker settings of the end-to-end tests, set the way an operator sets them: in the environment of the worker
 * process (here the test process, which runs the worker). Import this module FIRST in a test file: the action
 * registry reads `TRAMONTANE_SMTP_*` / `TRAMONTANE_SSH_*` when it is loaded.
 *
 * - `TRAMONTANE_SMTP_CA_FILE`: the SMTP test server's self-signed certificate (generated per run, so the path is
 *   fixed here and the certificate copied to it by `trustSmtpCertificate`).
 * - `TRAMONTANE_SSH_NO_DEFAULT_KEYS=1`: only the key the workflow names is offered (no ~/.ssh/id_* or agent keys).
 */
import { copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the worker looks for the SMTP server's CA (`TRAMONTANE_SMTP_CA_FILE`). */
export const SMTP_CA_PATH = join(tmpdir(), `tram-e2e-smtp-ca-${process.pid}.pem`);

process.env.TRAMONTANE_SMTP_CA_FILE = SMTP_CA_PATH;
process.env.TRAMONTANE_SSH_NO_DEFAULT_KEYS = '1';

/** Makes the worker trust the SMTP test server's certificate (copies it to `SMTP_CA_PATH`). */
export function trustSmtpCertificate(caFile: string): void {
  copyFileSync(caFile, SMTP_CA_PATH);
}

/**
 * Points the worker's OpenStack actions at a cloud through `OS_*` variables, as an operator does on the worker host
 * (credentials stay on the worker: they are never in workflow input, env or Temporal history). Returns a function
 * that removes them again.
 */
export function useOpenStackCredentials(vars: Record<string, string>): () => void {
  const before = Object.keys(process.env).filter((k) => k.startsWith('OS_'));
  for (const k of before) delete process.env[k];
  Object.assign(process.env, vars);
  return () => {
    for (const k of Object.keys(vars)) delete process.env[k];
  };
}
