import type { FeedErrorKind } from './feed-error.js';
import type { Validators } from './net/http-client.js';

/** Where a feed was declared: from chat or the CLI, or in config/default.yaml (`feeds:`). */
export type FeedOrigin = 'chat' | 'config';

/** A feed as someone adds it. */
export interface FeedInput {
  url: string;
  name?: string;
  intervalSeconds: number;
  /** Fetch the linked page of teaser items for their full text (default on). */
  fullText: boolean;
  origin: FeedOrigin;
  createdBy: string;
}

/** A followed feed with its polling state. */
export interface Feed extends FeedInput {
  id: number;
  /** The feed's own title, from its last successful parse. */
  title?: string;
  createdAt: string;
  validators: Validators;
  nextPollAt: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  /** Articles added (new, not updated) by the last successful poll that brought a body. */
  lastAdded: number;
  /** Articles added over the feed's life. */
  totalAdded: number;
  lastError?: { kind: FeedErrorKind; message: string; status?: number };
  /** When the current run of failures began (cleared by a success). */
  failingSince?: string;
  consecutiveFailures: number;
}

/** What one successful poll changes on its feed. */
export interface PollSuccess {
  at: Date;
  nextPollAt: Date;
  validators?: Validators;
  title?: string;
  added: number;
  /** True for a 304: nothing was read, so lastAdded keeps its value. */
  notModified: boolean;
  /** A permanent redirect's target: the feed's new URL. */
  movedTo?: string;
}

export interface PollFailure {
  at: Date;
  nextPollAt: Date;
  kind: FeedErrorKind;
  message: string;
  status?: number;
}

/** An item already turned into an article: its identity in the feed and what it looked like. */
export interface FeedItemRecord {
  key: string;
  articleId: string;
  /** Hash of the item as the feed gave it, so an unchanged item costs no analysis. */
  itemHash: string;
}

/**
 * Feeds and the items they brought, in the store's database (SQLite or PostgreSQL). Polls take a
 * lease on a feed, so with several replicas each feed is polled by one at a time; writes of a
 * poll's outcome only land while the lease is still the writer's.
 */
export interface FeedRepository {
  add(input: FeedInput, nextPollAt: Date, now: Date): Promise<Feed>;
  get(id: number): Promise<Feed | undefined>;
  findByUrl(url: string): Promise<Feed | undefined>;
  list(): Promise<Feed[]>;
  /** Updates name, interval, full text and origin of an existing feed (config sync). */
  update(
    id: number,
    changes: Partial<Pick<FeedInput, 'name' | 'intervalSeconds' | 'fullText' | 'origin'>>,
  ): Promise<void>;
  /** Removes the feed and its item records; its articles stay in the store. */
  remove(id: number): Promise<Feed | undefined>;

  /** Leases up to `limit` feeds due at `now` whose lease is free or expired, soonest due first. */
  leaseDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<Feed[]>;
  /** The earliest next poll of any feed, or undefined without feeds. */
  nextDueAt(): Promise<Date | undefined>;
  /** Expires every lease (single node: the previous process is gone). */
  breakLeases(): Promise<number>;
  /** Makes a feed due now (after /feeds add, or a config change). */
  pollSoon(id: number, at: Date): Promise<void>;

  /** Previously seen items of a feed among these keys. */
  knownItems(feedId: number, keys: string[]): Promise<Map<string, FeedItemRecord>>;
  /** Records a poll's items and outcome in one transaction; false when the lease was lost. */
  recordSuccess(feedId: number, owner: string, items: FeedItemRecord[], outcome: PollSuccess): Promise<boolean>;
  recordFailure(feedId: number, owner: string, outcome: PollFailure): Promise<boolean>;

  /** Of these articles, the ones that came from any of these feeds. */
  articlesFromFeeds(feedIds: number[], articleIds: string[]): Promise<Set<string>>;
  /** Articles in the store per feed (articles since removed are not counted). */
  articleCounts(): Promise<Map<number, number>>;
}
