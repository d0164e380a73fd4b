import { readFileSync } from 'node:fs';
import type { ArticleInput, ArticleStore } from '../../src/store/article-store.js';
import { analyze } from '../../src/text/analyze.js';

/** Articles written for these tests, each labelled with its story (test/fixtures/stories/known-stories.json). */
export interface KnownArticle extends ArticleInput {
  id: string;
  story: string;
  published: string;
}

const file = JSON.parse(readFileSync(new URL('../fixtures/stories/known-stories.json', import.meta.url), 'utf8')) as {
  articles: KnownArticle[];
};

/** The known-story articles in publication order (the order a live feed would bring them). */
export const KNOWN: KnownArticle[] = [...file.articles].sort((a, b) => a.published.localeCompare(b.published));

/** Writes articles with the ingest analysis, as `briefbot ingest` does, in one batch. */
export async function write(store: ArticleStore, articles: readonly ArticleInput[]): Promise<void> {
  const items = articles.map((input) => ({ input, analysis: analyze(input.text, input.published) }));
  const batch = (store as Partial<{ upsertMany(i: typeof items): Promise<unknown> }>).upsertMany;
  if (batch) await batch.call(store, items);
  else for (const item of items) await store.upsert(item.input, item.analysis);
}

/** A grouping as a set of groups of article ids, comparable whatever the story ids are. */
export function partition(storyOf: ReadonlyMap<string, number>): string[][] {
  const groups = new Map<number, string[]>();
  for (const [id, story] of storyOf) groups.set(story, [...(groups.get(story) ?? []), id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0].localeCompare(b[0]));
}
