import { randomUUID } from 'node:crypto';
import type { Reply } from '../../core/reply.js';

/** A reply shown privately that its reader may share: what to repost and who may share it. */
export interface ShareEntry {
  reply: Reply;
  command: string;
  userId: string;
  channelId: string;
  expiresAt: number;
  shared: boolean;
}

/**
 * Keeps recent ephemeral replies so the "Share in channel" button can repost exactly what the
 * user saw. The button's value is only the entry's id (well under Slack's 2,000-character cap);
 * storing the reply itself here avoids re-running the command, which could give a different
 * answer or repeat a side effect (/digest subscribe). Entries live 30 minutes, as long as a
 * response_url, and the oldest go first past `maxEntries`, so memory stays bounded. A restart
 * forgets them; the click then says to run the command again.
 */
export class ShareCache {
  private readonly entries = new Map<string, ShareEntry>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  put(entry: Omit<ShareEntry, 'expiresAt' | 'shared'>): string {
    this.sweep();
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    const id = randomUUID();
    this.entries.set(id, { ...entry, expiresAt: this.now() + this.ttlMs, shared: false });
    return id;
  }

  get(id: string): ShareEntry | undefined {
    this.sweep();
    return this.entries.get(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, e] of this.entries) {
      if (e.expiresAt > now) break; // insertion order = expiry order
      this.entries.delete(id);
    }
  }
}
