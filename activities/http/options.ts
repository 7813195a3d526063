/** Worker-side settings of std.http / std.mistral_http. */
export interface HttpOptions {
  /** Timeout (connect and read, seconds) when the `timeout` parameter is null; Mistral's `[action_std_http] default_timeout`. */
  defaultTimeoutS: number;
  /** User-Agent sent unless the workflow gives one. */
  userAgent: string;
}

/** Reads the HTTP options from the environment (`TRAMONTANE_HTTP_DEFAULT_TIMEOUT`, default 60 s). */
export function httpOptionsFromEnv(env: Record<string, string | undefined> = process.env): HttpOptions {
  const t = Number(env.TRAMONTANE_HTTP_DEFAULT_TIMEOUT);
  return { defaultTimeoutS: Number.isFinite(t) && t > 0 ? t : 60, userAgent: 'tramontane-std.http' };
}
