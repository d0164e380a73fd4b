import type { FeedErrorKind } from './feed-error.js';
import type { Feed, FeedOrigin } from './types.js';

/** A row of the feeds table as either backend returns it (text or Date times, 0/1 or boolean flags). */
export type FeedRow = Record<string, unknown>;

const iso = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

/** One feed from its row, the same for SQLite and PostgreSQL. */
export function toFeed(r: FeedRow): Feed {
  const kind = str(r.last_error_kind) as FeedErrorKind | undefined;
  return {
    id: Number(r.id),
    url: String(r.url),
    name: str(r.name),
    title: str(r.title),
    intervalSeconds: Number(r.interval_seconds),
    fullText: r.full_text === true || r.full_text === 1,
    origin: String(r.origin) as FeedOrigin,
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at)!,
    validators: { etag: str(r.etag), lastModified: str(r.last_modified) },
    nextPollAt: iso(r.next_poll_at)!,
    lastAttemptAt: iso(r.last_attempt_at),
    lastSuccessAt: iso(r.last_success_at),
    lastAdded: Number(r.last_added ?? 0),
    totalAdded: Number(r.total_added ?? 0),
    lastError: kind
      ? {
          kind,
          message: str(r.last_error) ?? kind,
          status: r.last_status === null || r.last_status === undefined ? undefined : Number(r.last_status),
        }
      : undefined,
    failingSince: iso(r.failing_since),
    consecutiveFailures: Number(r.consecutive_failures ?? 0),
  };
}
