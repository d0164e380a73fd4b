import type { Logger } from 'pino';
import type { ArticleInput, ArticleStore } from '../store/article-store.js';
import { upsertAll, type IngestAnalyzer } from '../store/ingest/ingest.js';
import type { Analysis } from '../text/types.js';
import { decodeBody } from './decode-body.js';
import { feedLabel } from './describe-feed.js';
import { FeedError, isFeedError } from './feed-error.js';
import { feedArticleId, isTeaser, itemHash, itemKey } from './feed-items.js';
import { withFullText } from './full-text.js';
import type { FeedHttpClient } from './net/http-client.js';
import { parseFeedBody } from './parse-feed.js';
import { nextAfterFailure, nextAfterSuccess, type PollPolicy } from './schedule.js';
import type { Feed, FeedItemRecord, FeedRepository } from './types.js';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/** Items read from one response at most (feeds list the newest first); the rest wait for later polls. */
export const MAX_ITEMS_PER_POLL = 200;
/** Linked pages fetched for full text in one poll; items beyond it are read on the next poll. */
export const FULL_TEXT_PER_POLL = 20;

export interface PollDeps {
  repo: FeedRepository;
  store: ArticleStore;
  http: FeedHttpClient;
  analyze: IngestAnalyzer;
  policy: PollPolicy;
  clock: () => Date;
  logger: Logger;
  /** This process's name in leases. */
  owner: string;
  random?: () => number;
  /** Aborted on shutdown: requests end, nothing is recorded against the feed. */
  signal?: AbortSignal;
}

/** The outcome of one poll. */
export interface PollReport {
  feedId: number;
  outcome: 'ok' | 'not_modified' | 'error' | 'lost_lease' | 'stopped';
  added: number;
  updated: number;
  /** Items seen before, unchanged: no analysis, no write. */
  unchanged: number;
  error?: { kind: FeedError['kind']; message: string };
  ms: number;
}

/**
 * One poll of one leased feed: a conditional GET, the body parsed by the ingest readers, new and
 * changed items (by guid, else link) analysed and stored, teasers completed from their page, and
 * the outcome recorded with the next poll time. Every failure becomes a FeedError recorded on the
 * feed with a backoff; nothing thrown here reaches other feeds.
 */
export async function pollFeed(feed: Feed, deps: PollDeps): Promise<PollReport> {
  const started = performance.now();
  const report = (r: Omit<PollReport, 'feedId' | 'ms'>): PollReport => ({
    feedId: feed.id,
    ms: performance.now() - started,
    ...r,
  });
  const counts = { added: 0, updated: 0, unchanged: 0 };
  try {
    const res = await deps.http.get(feed.url, {
      accept: FEED_ACCEPT,
      validators: feed.validators,
      signal: deps.signal,
    });
    const now = deps.clock();
    const next = nextAfterSuccess(feed, now, deps.policy);
    if (res.status === 304) {
      const ok = await deps.repo.recordSuccess(feed.id, deps.owner, [], {
        at: now,
        nextPollAt: next,
        validators: res.validators,
        added: 0,
        notModified: true,
        movedTo: res.movedTo,
      });
      return report({ outcome: ok ? 'not_modified' : 'lost_lease', ...counts });
    }
    const decoded = decodeBody(res.body, res.contentType);
    if (!decoded.ok) throw new FeedError('not_feed', `not a feed: ${decoded.reason}`);
    const parsed = await parseFeedBody(decoded.text, res.finalUrl, res.contentType);
    const { records, deferred } = await storeItems(feed, parsed.items, parsed.title, counts, deps);
    // Items left for the next poll must come back in full, so no validators are kept this time.
    const validators = deferred ? {} : res.validators;
    const ok = await deps.repo.recordSuccess(feed.id, deps.owner, records, {
      at: deps.clock(),
      nextPollAt: next,
      validators,
      title: parsed.title,
      added: counts.added,
      notModified: false,
      movedTo: res.movedTo,
    });
    return report({ outcome: ok ? 'ok' : 'lost_lease', ...counts });
  } catch (e) {
    if (deps.signal?.aborted) return report({ outcome: 'stopped', ...counts });
    const error = isFeedError(e)
      ? e
      : new FeedError('internal', `internal error: ${(e as Error)?.message ?? String(e)}`.slice(0, 300));
    if (!isFeedError(e)) deps.logger.error({ err: e, feed: feed.id }, 'feed poll failed unexpectedly');
    const now = deps.clock();
    const ok = await deps.repo
      .recordFailure(feed.id, deps.owner, {
        at: now,
        nextPollAt: nextAfterFailure(feed, error, now, deps.policy, deps.random),
        kind: error.kind,
        message: error.message,
        status: error.detail.status,
      })
      .catch((recordError: unknown) => {
        deps.logger.warn(
          { err: recordError, feed: feed.id },
          'feed: could not record a failed poll; its lease will expire',
        );
        return false;
      });
    return report({
      outcome: ok ? 'error' : 'lost_lease',
      ...counts,
      error: { kind: error.kind, message: error.message },
    });
  }
}

/** New and changed items → articles in the store; returns what to record and whether items were left over. */
async function storeItems(
  feed: Feed,
  items: ArticleInput[],
  title: string | undefined,
  counts: { added: number; updated: number; unchanged: number },
  deps: PollDeps,
): Promise<{ records: FeedItemRecord[]; deferred: boolean }> {
  const keyed = new Map<string, ArticleInput>();
  for (const item of items.slice(0, MAX_ITEMS_PER_POLL)) {
    const key = itemKey(item);
    if (!keyed.has(key)) keyed.set(key, item);
  }
  const known = await deps.repo.knownItems(feed.id, [...keyed.keys()]);
  const source = feedLabel({ name: feed.name, title, url: feed.url });
  const todo: { key: string; hash: string; input: ArticleInput }[] = [];
  let fullTextBudget = FULL_TEXT_PER_POLL;
  let deferred = items.length > MAX_ITEMS_PER_POLL;
  for (const [key, item] of keyed) {
    const hash = itemHash(item);
    if (known.get(key)?.itemHash === hash) {
      counts.unchanged++;
      continue;
    }
    let input: ArticleInput = {
      ...item,
      id: feedArticleId(feed.id, key, item),
      source,
      origin: `feed ${feed.id}: ${item.url ?? key}`,
    };
    if (feed.fullText && isTeaser(item.text) && item.url) {
      if (fullTextBudget-- <= 0) {
        deferred = true;
        continue;
      }
      input = await withFullText(input, { http: deps.http, logger: deps.logger, signal: deps.signal });
    }
    todo.push({ key, hash, input });
  }
  if (!todo.length) return { records: [], deferred };
  const analysed: { key: string; hash: string; input: ArticleInput; analysis: Analysis }[] = [];
  const records: FeedItemRecord[] = [];
  for (const t of todo) {
    // A turn of the event loop between analyses keeps chat answering while a large feed is read.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      analysed.push({ ...t, analysis: await deps.analyze(t.input.text, t.input.published) });
    } catch (e) {
      deps.logger.warn({ err: e, feed: feed.id, item: t.key }, 'feed: item skipped, analysis failed');
      records.push({ key: t.key, articleId: '', itemHash: t.hash });
    }
  }
  const results = await upsertAll(
    deps.store,
    analysed.map((a) => ({ input: a.input, analysis: a.analysis })),
  );
  results.forEach((r, i) => {
    if (r.status === 'added') counts.added++;
    else if (r.status === 'updated') counts.updated++;
    // A duplicate's id is the article it duplicates: the item is recorded against it.
    records.push({ key: analysed[i].key, articleId: r.id, itemHash: analysed[i].hash });
  });
  return { records, deferred };
}
