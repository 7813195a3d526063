/**
 * `std.email(from_addr, to_addrs, smtp_server, reply_to=null, cc_addrs=null, bcc_addrs=null, smtp_password=null,
 * subject=null, body=null, html_body=null)`, with nodemailer, following Mistral's SendEmailAction:
 * - headers From, To (joined with ", "), Cc, Reply-To; Bcc only in the envelope (recipients = cc + bcc + to);
 * - subject defaults to "<No subject>", body to "<No body>"; with `html_body`, a multipart/alternative message;
 * - with `smtp_password` (even empty), STARTTLS is required, then login as `from_addr`; without it, plain SMTP and
 *   no STARTTLS at all (as smtplib does);
 * - result null; any failure "Failed to send an email message: <reason>".
 * TLS verification is configurable, see options.ts.
 */
import { readFile } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import { ActionError, type ActionContext, type ActionImpl } from '../types';
import { abortReason } from '../std/cancellable-sleep';
import { pyStr } from '../std/python';
import { addressList, parseSmtpServer } from './addresses';
import type { EmailOptions } from './options';
import { emailSignature } from './signatures';

/** Creates the std.email implementation with the given worker settings. */
export function createEmailAction(opts: EmailOptions): ActionImpl {
  return {
    signature: emailSignature,
    run: (input, ctx) => sendEmail(input, ctx, opts),
  };
}

const FAILED = 'Failed to send an email message: ';

async function sendEmail(input: Record<string, unknown>, ctx: ActionContext, opts: EmailOptions): Promise<null> {
  const from = pyStr(input.from_addr);
  const to = addressList('to_addrs', input.to_addrs);
  const cc = addressList('cc_addrs', input.cc_addrs);
  const bcc = addressList('bcc_addrs', input.bcc_addrs);
  const replyTo = addressList('reply_to', input.reply_to);
  const subject = input.subject ? pyStr(input.subject) : '<No subject>';
  const body = input.body ? pyStr(input.body) : '<No body>';
  const html = input.html_body ? pyStr(input.html_body) : undefined;
  const server = parseSmtpServer(pyStr(input.smtp_server));
  const password = input.smtp_password === null || input.smtp_password === undefined ? null : pyStr(input.smtp_password);
  const rcpt = [...cc, ...bcc, ...to];
  if (rcpt.length === 0) throw new ActionError(FAILED + 'no recipients (to_addrs, cc_addrs and bcc_addrs are empty)');

  let ca: string | undefined;
  if (opts.caFile) {
    try {
      ca = await readFile(opts.caFile, 'utf8');
    } catch (e) {
      throw new ActionError(FAILED + `cannot read the SMTP CA file ${opts.caFile}: ${(e as Error).message}`);
    }
  }
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: false,
    requireTLS: password !== null,
    ignoreTLS: password === null,
    auth: password !== null ? { user: from, pass: password } : undefined,
    tls: { ca, rejectUnauthorized: !opts.insecure },
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
  });

  if (ctx.signal.aborted) throw abortReason(ctx.signal);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      transport.close();
      reject(abortReason(ctx.signal));
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([
      transport.sendMail({
        from,
        to: to.join(', '),
        cc: cc.length ? cc.join(', ') : undefined,
        replyTo: replyTo.length ? replyTo.join(', ') : undefined,
        subject,
        text: body,
        html,
        envelope: { from, to: rcpt },
      }),
      aborted,
    ]);
    return null;
  } catch (e) {
    if (ctx.signal.aborted) throw abortReason(ctx.signal);
    const err = e as Error & { code?: string };
    const transient = err.code === 'ECONNECTION' || err.code === 'ETIMEDOUT' || err.code === 'ESOCKET';
    throw new ActionError(FAILED + explain(err, server), { retryable: transient && !/certificate/i.test(err.message) });
  } finally {
    if (onAbort) ctx.signal.removeEventListener('abort', onAbort);
    aborted.catch(() => {});
    transport.close();
  }
}

function explain(err: Error & { code?: string }, server: { host: string; port: number }): string {
  const where = `${server.host}:${server.port}`;
  if (/ECONNREFUSED/.test(err.message)) return `connection refused by ${where}`;
  if (err.code === 'EAUTH') return `authentication failed on ${where}: ${err.message.replace(/^Invalid login: /, '')}`;
  if (/certificate|self[- ]signed/i.test(err.message)) {
    return `TLS certificate of ${where} not trusted (${err.message}); set TRAMONTANE_SMTP_CA_FILE to its CA`;
  }
  return err.message;
}
