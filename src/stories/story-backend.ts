import type { ArticleMeta } from '../store/article-store.js';
import type { Vector } from './vectors.js';

/** One article of a story, as reads give it: its metadata and its signature (for centrality). */
export interface StoryMember {
  meta: ArticleMeta;
  signature: Vector;
}

/** A story with its articles in grouping order. */
export interface StoryRecord {
  id: number;
  centroid: Vector;
  members: StoryMember[];
}

/**
 * Where stories are kept: one implementation per store backend (SQLite, PostgreSQL), with the same
 * tables and the same grouping (group-batch.ts) in between the reads and the writes.
 */
export interface StoryBackend {
  /** Groups up to `limit` articles that have no story yet, oldest first, in one transaction; returns how many. */
  assignPending(limit: number): Promise<number>;
  /** The story of each of these articles (ungrouped ones are absent). */
  storyIdsOf(articleIds: readonly string[]): Promise<Map<string, number>>;
  /** These stories with all their current articles. */
  stories(ids: readonly number[]): Promise<StoryRecord[]>;
  /** Stories with an article published at or after `since` (every story without it). */
  storyIdsSince(since?: string): Promise<number[]>;
}

/** Rows of `stories` as the backends read and write them. */
export interface StoryRow {
  id: number;
  first_seq: number;
  size: number;
  centroid: string;
  first_time: string;
  last_time: string;
  last_dated: string | null;
}
