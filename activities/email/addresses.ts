import { ActionError } from '../types';

/**
 * Normalizes an address parameter to a list. Mistral expects lists (it joins them with ", "; a plain string there is
 * split into characters or fails with "can only concatenate list (not "str") to list", checked against the Mistral
 * 15.0.0 oracle). Tramontane also accepts a string, read as a comma-separated list, as the Mistral docs describe.
 */
export function addressList(name: string, value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new ActionError(`Failed to send an email message: ${name} must be a list of addresses, got ${JSON.stringify(value)}`);
}

/** Splits Mistral's `smtp_server` (`host` or `host:port`, default port 25). */
export function parseSmtpServer(value: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(value.trim());
  if (!m || !m[1]) throw new ActionError(`Failed to send an email message: invalid smtp_server '${value}'`);
  return { host: m[1], port: m[2] ? Number(m[2]) : 25 };
}
