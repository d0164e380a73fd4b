import type { Adapter, Delivery, PostOptions } from '../../src/adapters/adapter.js';
import type { BotPort } from '../../src/core/bot.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import type { Reply } from '../../src/core/reply.js';
import { TokenBucket } from './rate-limit.js';

/** One message the platform would have received. */
export interface Recorded {
  channel: string;
  marker?: string;
  at: number;
  sections: number;
}

/** Slack: about 1 message a second per channel (chat.postMessage), short bursts allowed. */
export const SLACK_RATE = { perSecond: 1, burst: 3 };
/** Discord: 50 requests a second per bot (the global limit). */
export const DISCORD_RATE = { perSecond: 50, burst: 50 };

/**
 * A digest door that records what it is given instead of calling a platform, waiting out the
 * platform's rate limit first: per channel for Slack, global for Discord. Nothing goes on the network.
 */
export class RecordingAdapter implements Adapter {
  readonly posts: Recorded[] = [];
  private readonly buckets = new Map<string, TokenBucket>();
  private nextId = 0;

  constructor(readonly platform: 'slack' | 'discord') {}

  async start(_bot: BotPort): Promise<void> {}
  async stop(): Promise<void> {}
  isConnected(): boolean {
    return true;
  }

  async post(channel: ChannelRef, reply: Reply, opts?: PostOptions): Promise<Delivery> {
    const key = this.platform === 'slack' ? channel.id : '*';
    const rate = this.platform === 'slack' ? SLACK_RATE : DISCORD_RATE;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(rate.perSecond, rate.burst)));
    await bucket.take();
    this.posts.push({
      channel: channel.id,
      marker: opts?.marker,
      at: performance.now(),
      sections: reply.sections.length,
    });
    return { messageId: `${this.platform}-${++this.nextId}` };
  }
}
