import type { ChannelRef, Platform } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import type { ThreadTopics } from '../core/services.js';

/**
 * What the chat doors keep between messages, in the article store's database so that it survives
 * a restart and every replica sees the same: thread topics for follow-ups, answers waiting for
 * "Share in channel", claims that make one replica answer each interaction, and Slack installations.
 * Every table is bounded: rows expire, and the oldest go first past a cap.
 */
export interface ChatStore {
  readonly threads: ChatThreads;
  readonly shares: ShareStore;
  readonly claims: ClaimStore;
  readonly installations: InstallationRows;
}

/** Lifetimes and caps of the chat tables. */
export const CHAT_LIMITS = {
  /** A follow-up within this long of the thread's last question inherits its topic. */
  threadTtlMs: 30 * 60_000,
  maxThreads: 10_000,
  /** As long as a Slack response_url lives. */
  shareTtlMs: 30 * 60_000,
  maxShares: 2_000,
  /** A reply bigger than this (as JSON) is not kept for sharing; the button is left off. */
  maxShareBytes: 256 * 1024,
  /** Longer than any interaction token (15 minutes) or Slack event retry (about an hour). */
  claimTtlMs: 2 * 60 * 60_000,
  /** Expired claims are swept every this many claims, so a claim costs one insert. */
  claimSweepEvery: 100,
} as const;

/** The limits as numbers (tests tighten them). */
export type ChatLimits = { [K in keyof typeof CHAT_LIMITS]: number };

/** Thread topics, plus carrying a topic over to the bot's reply (Discord reply chains continue from it). */
export interface ChatThreads extends ThreadTopics {
  follow(channel: ChannelRef, fromThread: string, toThread: string): Promise<void>;
}

/** A private answer its reader may repost visibly; the button carries only the id. */
export interface ShareEntry {
  id: string;
  platform: Exclude<Platform, 'cli'>;
  /** Slack team or Discord guild: a click from another workspace finds nothing. */
  workspace?: string;
  channelId: string;
  userId: string;
  command: string;
  reply: Reply;
  shared: boolean;
}

export interface ShareStore {
  /** Keeps the answer; undefined when it is too large to keep (no share button then). */
  put(entry: Omit<ShareEntry, 'id' | 'shared'>): Promise<string | undefined>;
  get(id: string): Promise<ShareEntry | undefined>;
  /** Marks it shared; false when it already was (a double click, or a click on another replica). */
  claim(id: string): Promise<boolean>;
  /** Undoes claim() after a post that failed, so the reader can try again. */
  release(id: string): Promise<void>;
}

/** First come, first served: exactly one caller gets true for a key, across every replica. */
export interface ClaimStore {
  claim(key: string): Promise<boolean>;
}

/**
 * Claims `key`; when the store cannot be reached, reports why and answers anyway: answering
 * (perhaps twice) beats leaving the person unanswered.
 */
export async function claimOrAnswerAnyway(
  claims: ClaimStore,
  key: string,
  onError: (err: unknown) => void,
): Promise<boolean> {
  try {
    return await claims.claim(key);
  } catch (err) {
    onError(err);
    return true;
  }
}

/** One Slack installation as stored: what identifies it in the clear, the tokens sealed. */
export interface InstallationRow {
  /** "T:<team>" or "E:<enterprise>" (an org-wide install). */
  key: string;
  teamId?: string;
  enterpriseId?: string;
  installerUserId?: string;
  /** The installation without its tokens, as JSON. */
  data: string;
  /** The tokens, encrypted (see src/adapters/slack/oauth/token-cipher.ts). */
  secret: string;
}

export interface InstallationRows {
  save(row: InstallationRow): Promise<void>;
  find(key: string): Promise<InstallationRow | undefined>;
  /** True when there was one to remove. */
  remove(key: string): Promise<boolean>;
}
