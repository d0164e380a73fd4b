/**
 * Why a poll failed, as a kind (for metrics and backoff) and a sentence in plain words (for
 * /feeds list). Every failure of a fetch or parse becomes one of these; nothing else escapes a poll.
 */
export type FeedErrorKind =
  /** The server answered with an error status. */
  | 'http'
  /** 429 or 503 with Retry-After: the server asked us to wait. */
  | 'rate_limited'
  | 'timeout'
  /** DNS, refused or reset connections, TLS. */
  | 'network'
  | 'too_large'
  | 'redirects'
  /** The body is not RSS, Atom or JSON Feed (an HTML page, malformed XML, entities, ...). */
  | 'not_feed'
  /** A private address or a scheme other than http(s): refused before any request. */
  | 'blocked'
  /** Something on our side (the store refused a write): logged in full, retried with backoff. */
  | 'internal';

export class FeedError extends Error {
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    readonly detail: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

export const isFeedError = (e: unknown): e is FeedError => e instanceof FeedError;

/** "20 s", "2 min", "5 MB": sizes and durations as /feeds list writes them. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${Number(s.toFixed(1))} s`;
  return s < 120 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;
}

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.round(bytes / 1024)} kB`;
}
