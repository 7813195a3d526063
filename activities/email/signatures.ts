/**
 * Signature of `std.email`, parameter names and order as Mistral's `SendEmailAction` constructor (class name and the
 * `missing=['from_addr', 'to_addrs', 'smtp_server']` order checked against the Mistral 15.0.0 oracle).
 * Pure data: imported inside the workflow sandbox.
 */
import type { ActionSignature } from '../types';

export const emailSignature: ActionSignature = {
  name: 'std.email',
  className: 'mistral.actions.std_actions.SendEmailAction',
  params: [
    { name: 'from_addr', required: true },
    { name: 'to_addrs', required: true },
    { name: 'smtp_server', required: true },
    { name: 'reply_to', required: false, default: null },
    { name: 'cc_addrs', required: false, default: null },
    { name: 'bcc_addrs', required: false, default: null },
    { name: 'smtp_password', required: false, default: null },
    { name: 'subject', required: false, default: null },
    { name: 'body', required: false, default: null },
    { name: 'html_body', required: false, default: null },
  ],
  secretParams: ['smtp_password'],
  description: 'Sends an email through an SMTP server.',
};

export const signatures: ActionSignature[] = [emailSignature];
