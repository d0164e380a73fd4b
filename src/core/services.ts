import type { Logger } from 'pino';
import type { ArticleStore } from '../store/article-store.js';
import type { Feed } from '../feeds/types.js';
import type { StoryService } from '../stories/story-service.js';
import type { HeadlineWriter } from '../briefing/headlines.js';
import type { Reply } from './reply.js';
import type { ChannelRef } from './invocation.js';

/** Answers a question from the store: cited, or an honest "not in the store". */
export interface Answerer {
  answer(question: string): Promise<Reply>;
}

/** Key points on the coverage or a topic, each cited. */
export interface Briefer {
  brief(topic?: string): Promise<Reply>;
}

/** People and events in the coverage. */
export interface Cast {
  who(name?: string): Promise<Reply>;
  timeline(topic?: string): Promise<Reply>;
  /** Display names of people whose name matches the typed prefix (for autocomplete). */
  peopleNames(prefix: string, limit?: number): Promise<string[]>;
}

/**
 * What a digest keeps of the new articles: only those from these feeds (ids), mentioning any of
 * `include`, and mentioning none of `exclude` (words or phrases, matched like /search terms).
 */
export interface SubscriptionFilter {
  feeds?: number[];
  include?: string[];
  exclude?: string[];
}

/** A channel's digest subscription as the user gives it. */
export interface SubscriptionInput {
  channel: ChannelRef;
  /** Tells several digests of one channel apart ("morning", "security"); '' or absent for the default one. */
  name?: string;
  filter?: SubscriptionFilter;
  /** Five-field cron expression, e.g. "0 8 * * 1-5". */
  schedule: string;
  /** IANA timezone, e.g. "America/Mexico_City". */
  timezone: string;
  topic?: string;
  /** When true, a digest with nothing new is skipped rather than posted. */
  quiet?: boolean;
  createdBy: string;
}

export interface Subscription extends SubscriptionInput {
  id: string;
  createdAt: string;
  /** ISO time up to which articles have been covered by a successfully posted digest. */
  watermark?: string;
  /** Last delivery error recorded against the subscription (e.g. not_in_channel). */
  lastError?: string;
}

/** Digest subscriptions and runs, behind the /digest command. */
export interface DigestService {
  /** `timezoneNote` says how a typed timezone was read when it was not an IANA name as given ("EST" → America/New_York). */
  subscribe(
    input: SubscriptionInput,
  ): Promise<{ subscription: Subscription; created: boolean; nextRuns: Date[]; timezoneNote?: string }>;
  /**
   * `name` picks one of a channel's digests; without it, the channel's only digest (or its
   * unnamed one), and a UserError naming them when there are several.
   */
  unsubscribe(channel: ChannelRef, name?: string): Promise<Subscription | undefined>;
  find(channel: ChannelRef, name?: string): Promise<Subscription | undefined>;
  /**
   * Human-readable status of subscriptions (all, or one channel's), with next runs, filters and
   * errors. With `from`, only those of the same platform and workspace (Slack team, Discord guild).
   */
  list(channel?: ChannelRef, from?: ChannelRef): Promise<Reply>;
  /** What a digest would say now for this channel (or an ad-hoc topic), with its filters applied. */
  preview(channel: ChannelRef, topic?: string, name?: string): Promise<Reply>;
  /** Posts the next digest for this channel now. */
  runNow(channel: ChannelRef, name?: string): Promise<Reply>;
}

/** Followed feeds (RSS, Atom, JSON Feed), behind /feeds, /sources and digest feed filters. */
export interface FeedService {
  /** The floor of every feed's interval (FEEDS_MIN_INTERVAL_SECONDS). */
  readonly minIntervalSeconds: number;
  add(input: { url: string; every?: string; name?: string; fullText?: boolean; createdBy: string }): Promise<Feed>;
  /** By id or URL; the feed's articles stay in the store. */
  remove(ref: string): Promise<Feed>;
  list(): Promise<Feed[]>;
  /** Articles in the store per feed id. */
  articleCounts(): Promise<Map<number, number>>;
  /** Feeds by id, URL or name; a UserError names any reference that matches none. */
  resolve(refs: string[]): Promise<Feed[]>;
  /** Of these articles, the ones that came from any of these feeds. */
  articlesFromFeeds(feedIds: number[], articleIds: string[]): Promise<Set<string>>;
}

/**
 * What each conversation thread is about, so that a follow-up naming no topic of its own can
 * inherit it. Kept in the store (bounded, expiring), so it survives a restart and is shared by replicas.
 */
export interface ThreadTopics {
  topicOf(channel: ChannelRef, thread: string): Promise<string | undefined>;
  remember(channel: ChannelRef, thread: string, topic: string): Promise<void>;
}

/** Status of the optional LLM path, shown by /sources. */
export interface LlmStatus {
  describe(): string;
}

export interface Services {
  store: ArticleStore;
  answerer: Answerer;
  briefer: Briefer;
  cast: Cast;
  digests: DigestService;
  /** Absent where the store keeps no feed table (and in narrow test harnesses). */
  feeds?: FeedService;
  /** Articles grouped into stories; absent where the store keeps none (test doubles). */
  stories?: StoryService;
  llm?: LlmStatus;
  /** Writes story headlines for /brief's top stories (the LLM path); absent offline. */
  headlines?: HeadlineWriter;
  clock: () => Date;
  logger: Logger;
  /** Platform user ids (or console user names) with admin rights, from config. */
  admins: readonly string[];
  /** Thread topics for follow-ups; without it every question stands alone. */
  threads?: ThreadTopics;
}
