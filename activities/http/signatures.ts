/**
 * Signatures of `std.http` and `std.mistral_http`, parameter names and order as Mistral's `HTTPAction` constructor
 * (class names and `missing=['url']` checked against the Mistral 15.0.0 oracle). Pure data: imported inside the
 * workflow sandbox.
 */
import type { ActionParam, ActionSignature } from '../types';

const params: ActionParam[] = [
  { name: 'url', required: true },
  { name: 'method', required: false, default: 'GET' },
  { name: 'params', required: false, default: null },
  { name: 'body', required: false, default: null },
  { name: 'json', required: false, default: null },
  { name: 'headers', required: false, default: null },
  { name: 'cookies', required: false, default: null },
  { name: 'auth', required: false, default: null },
  { name: 'timeout', required: false, default: null },
  { name: 'allow_redirects', required: false, default: null },
  { name: 'proxies', required: false, default: null },
  { name: 'verify', required: false, default: null },
];

export const httpSignature: ActionSignature = {
  name: 'std.http',
  className: 'mistral.actions.std_actions.HTTPAction',
  params,
  secretParams: ['auth'],
  description: 'Sends an HTTP request; the result is {content, status, headers, url, history, encoding, reason, cookies, elapsed}.',
};

export const mistralHttpSignature: ActionSignature = {
  name: 'std.mistral_http',
  className: 'mistral.actions.std_actions.MistralHTTPAction',
  params: params.map((p) => ({ ...p })),
  secretParams: ['auth'],
  description: 'std.http plus the Mistral-* execution headers.',
};

export const signatures: ActionSignature[] = [httpSignature, mistralHttpSignature];
