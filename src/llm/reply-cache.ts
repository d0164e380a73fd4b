import { createHash } from 'node:crypto';
import type { Passage } from './passage.js';

/**
 * Identical requests (same kind, question and passages) within the TTL share one result.
 * In-flight promises are shared too, so a burst of the same /ask costs one request.
 * Failures are never kept: the next identical request tries the model again.
 */
export class ReplyCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly clock: () => Date,
    private readonly ttlMs: number,
    private readonly maxEntries = 200,
  ) {}

  static key(parts: { kind: string; model: string; question: string; passages: readonly Passage[] }): string {
    const material = JSON.stringify([
      parts.kind,
      parts.model,
      parts.question.trim().toLowerCase(),
      parts.passages.map((p) => [p.articleId, p.sentenceIdx, p.text]),
    ]);
    return createHash('sha256').update(material).digest('hex');
  }

  get(key: string): Promise<T> | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.clock().getTime() - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  /** Stores the pending value; `keep` decides once it settles whether it stays. */
  set(key: string, value: Promise<T>, keep: (v: T) => boolean): void {
    if (this.ttlMs <= 0) return;
    this.entries.set(key, { at: this.clock().getTime(), value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    value.then(
      (v) => {
        if (!keep(v) && this.entries.get(key)?.value === value) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      },
    );
  }
}
