import type { Logger } from 'pino';
import type { ArticleStore } from '../store/article-store.js';
import type { StoryService } from '../stories/story-service.js';
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

/** A channel's digest subscription as the user gives it. */
export interface SubscriptionInput {
  channel: ChannelRef;
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
  subscribe(input: SubscriptionInput): Promise<{ subscription: Subscription; created: boolean; nextRuns: Date[] }>;
  unsubscribe(channel: ChannelRef): Promise<Subscription | undefined>;
  find(channel: ChannelRef): Promise<Subscription | undefined>;
  /** Human-readable status of subscriptions (all, or one channel's), with next runs and errors. */
  list(channel?: ChannelRef): Promise<Reply>;
  /** What a digest would say now for this channel (or an ad-hoc topic). */
  preview(channel: ChannelRef, topic?: string): Promise<Reply>;
  /** Posts the next digest for this channel now. */
  runNow(channel: ChannelRef): Promise<Reply>;
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
  /** Articles grouped into stories; absent where the store keeps none (test doubles). */
  stories?: StoryService;
  llm?: LlmStatus;
  clock: () => Date;
  logger: Logger;
  /** Platform user ids (or console user names) with admin rights, from config. */
  admins: readonly string[];
}
