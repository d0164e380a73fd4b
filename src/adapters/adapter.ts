import type { BotPort } from '../core/bot.js';
import type { ChannelRef, Platform } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';

/** What a post returned: the platform's id of the (first) message, for the delivery ledger. */
export interface Delivery {
  messageId?: string;
}

export interface PostOptions {
  /** A unique marker (e.g. the digest run id) put into the message so a repost can be detected. */
  marker?: string;
}

/** A door into the bot: it translates platform payloads to invocations and replies back; no business logic. */
export interface Adapter {
  readonly platform: Exclude<Platform, 'cli'>;
  /** Connect and start turning platform events into `bot.dispatch` calls. */
  start(bot: BotPort): Promise<void>;
  /** Graceful: stop taking new work, finish in-flight replies, disconnect. Idempotent. */
  stop(): Promise<void>;
  /** Post a reply to a channel (digests). Throws DeliveryError on failure. */
  post(channel: ChannelRef, reply: Reply, opts?: PostOptions): Promise<Delivery>;
  /** True while connected and able to take commands (readiness). */
  isConnected(): boolean;
  /**
   * Where the platform lets the bot read recent channel history: the id of a message that carries
   * `marker`, if one was already posted. Lets the ledger avoid reposting after a crash.
   */
  findMarker?(channel: ChannelRef, marker: string): Promise<string | undefined>;
}
