/**
 * Worker-side settings of std.email.
 *
 * TLS verification: Mistral's `smtplib.starttls()` uses Python's default context, which does not verify the server
 * certificate. Tramontane verifies it by default (against the system CAs), because `smtp_password` is sent right
 * after STARTTLS and an unverified channel would hand it to any man-in-the-middle. Servers with a private CA: set
 * `TRAMONTANE_SMTP_CA_FILE=/path/ca.pem` (it replaces the system CAs for this connection, as Node's `tls.ca` does);
 * to restore Mistral's behaviour knowingly, set `TRAMONTANE_SMTP_INSECURE=1`.
 */
export interface EmailOptions {
  /** PEM file of the CA(s) that sign the SMTP server certificate; null = system CAs. */
  caFile: string | null;
  /** Skip certificate verification (Mistral's behaviour). */
  insecure: boolean;
  /** Connection, greeting and socket-inactivity timeout. */
  timeoutMs: number;
}

/** Reads the email options from the environment (`TRAMONTANE_SMTP_*`). */
export function emailOptionsFromEnv(env: Record<string, string | undefined> = process.env): EmailOptions {
  const t = Number(env.TRAMONTANE_SMTP_TIMEOUT);
  return {
    caFile: env.TRAMONTANE_SMTP_CA_FILE || null,
    insecure: env.TRAMONTANE_SMTP_INSECURE === '1',
    timeoutMs: (Number.isFinite(t) && t > 0 ? t : 60) * 1000,
  };
}
