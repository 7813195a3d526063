/**
 * Errors of the OpenStack client layer and how their messages read: like python-*client exceptions,
 * `<API message> (HTTP <status>) (Request-ID: <id>)`.
 */

/** A failed call: an HTTP error answer, a network failure, or a client-side check (NotFound from `*_find`, ...). */
export class OpenStackApiError extends Error {
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** True for transient failures worth retrying (5xx, network). */
  readonly retryable: boolean;
  constructor(message: string, opts: { status?: number; retryable?: boolean } = {}) {
    super(message);
    this.name = 'OpenStackApiError';
    this.status = opts.status;
    this.retryable = opts.retryable ?? false;
  }
}

/**
 * Extracts the human message from an OpenStack error body: `{"itemNotFound": {"message": ...}}` (Nova, Cinder),
 * `{"error": {"message": ...}}` (Keystone), `{"message": ...}`, or the raw text; falls back to the HTTP reason.
 */
export function apiMessage(status: number, body: unknown, text: string): string {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b.message === 'string') return b.message;
    for (const v of Object.values(b)) {
      if (typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>).message === 'string') {
        return (v as Record<string, string>).message!;
      }
    }
  }
  const t = text.trim();
  if (t && t.length < 500 && !t.startsWith('<')) return t;
  return REASONS[status] ?? `HTTP error ${status}`;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'The request you have made requires authentication.',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The error for an HTTP error answer: 5xx (and 429) retryable, everything else not. */
export function httpError(status: number, body: unknown, text: string, requestId: string | null): OpenStackApiError {
  const rid = requestId ? ` (Request-ID: ${requestId})` : '';
  return new OpenStackApiError(`${apiMessage(status, body, text)} (HTTP ${status})${rid}`, {
    status,
    retryable: status >= 500 || status === 429,
  });
}
