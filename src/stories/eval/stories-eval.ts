import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { analyze } from '../../text/analyze.js';
import type { Analysis } from '../../text/types.js';
import { DEFAULT_GROUPING, type GroupingParams } from '../params.js';
import { SqliteStories } from '../sqlite/sqlite-stories.js';
import { StoryService } from '../story-service.js';
import { singletons, sharedCapitalsBaseline } from './baselines.js';
import { bcubed, type BCubed } from './bcubed.js';

/** The labelled set (shared/eval/bbc-stories.dev.json). */
export interface LabelledStories {
  about: string;
  stories: { story: string; headline: string; articles: string[] }[];
}

/** A corpus line (shared/corpus/bbc-news-summary.dev.jsonl). */
export interface CorpusRecord {
  id: string;
  title: string;
  text: string;
}

/**
 * The two halves, by a hash of the labelled story (not of the article): a story's articles stay
 * together, so tuning on half A never sees any article of a half-B story.
 */
export function halfOf(storyId: string): 'A' | 'B' {
  return createHash('sha1').update(storyId).digest()[0] % 2 === 0 ? 'A' : 'B';
}

/** Articles fed to the store per ingest batch, as `briefbot ingest` groups right after each batch. */
const BATCH = 50;

/**
 * Groups exactly these articles, in this order (the corpus order: its articles carry no dates),
 * through the production path: written to a fresh SQLite store in batches, each batch grouped
 * right after it is written. Returns article id → story id.
 */
export async function groupThroughStore(
  records: readonly CorpusRecord[],
  params: GroupingParams,
  analyses: Map<string, Analysis>,
): Promise<Map<string, string>> {
  const store = await openSqliteStore(':memory:', { clock: () => new Date('2005-06-01T00:00:00Z') });
  try {
    const stories = new StoryService(new SqliteStories(store, params), store);
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH).map((r) => ({
        input: { id: r.id, title: r.title, text: r.text, source: 'BBC' },
        analysis: analysisOf(r, analyses),
      }));
      await store.upsertMany(batch);
      await stories.catchUp();
    }
    const ids = await stories.storyIdsOf(records.map((r) => r.id));
    return new Map([...ids].map(([id, story]) => [id, String(story)]));
  } finally {
    await store.close();
  }
}

function analysisOf(r: CorpusRecord, cache: Map<string, Analysis>): Analysis {
  let a = cache.get(r.id);
  if (!a) cache.set(r.id, (a = analyze(r.text)));
  return a;
}

export interface StoriesEvalRow {
  set: string;
  articles: number;
  system: BCubed;
  naive: BCubed;
  alone: BCubed;
}

/**
 * B-cubed of the grouping on half A (where the constants were tuned), half B (held out) and the
 * whole labelled set, each given exactly its own articles; with `fullCorpus`, also the grouping of
 * the whole corpus scored on the labelled articles (the store a team would really have).
 */
export async function storiesEval(
  labels: LabelledStories,
  corpus: readonly CorpusRecord[],
  opts: { params?: GroupingParams; fullCorpus?: boolean; analyses?: Map<string, Analysis> } = {},
): Promise<StoriesEvalRow[]> {
  const params = opts.params ?? DEFAULT_GROUPING;
  const analyses = opts.analyses ?? new Map<string, Analysis>();
  const gold = new Map<string, string>();
  for (const s of labels.stories) for (const id of s.articles) gold.set(id, s.story);
  const labelled = corpus.filter((r) => gold.has(r.id));
  const missing = gold.size - labelled.length;
  if (missing) throw new Error(`${missing} labelled articles are not in the corpus`);
  const rows: StoriesEvalRow[] = [];
  const score = async (set: string, records: readonly CorpusRecord[]) => {
    const ids = new Set(records.map((r) => r.id));
    const g = new Map([...gold].filter(([id]) => ids.has(id)));
    rows.push({
      set,
      articles: g.size,
      system: bcubed(g, await groupThroughStore(records, params, analyses)),
      naive: bcubed(g, sharedCapitalsBaseline(records)),
      alone: bcubed(g, singletons(records.map((r) => r.id))),
    });
  };
  await score(
    'half A (tuning)',
    labelled.filter((r) => halfOf(gold.get(r.id)!) === 'A'),
  );
  await score(
    'half B (held out)',
    labelled.filter((r) => halfOf(gold.get(r.id)!) === 'B'),
  );
  await score('whole labelled set', labelled);
  if (opts.fullCorpus) await score(`whole corpus (${corpus.length} articles), scored on the labelled ones`, corpus);
  return rows;
}

/** The table `npm run eval` prints. */
export function formatStoriesTable(rows: readonly StoriesEvalRow[]): string {
  const f = (b: BCubed) => `${b.precision.toFixed(3)} / ${b.recall.toFixed(3)} / ${b.f1.toFixed(3)}`;
  const lines = [
    [
      'stories: B-cubed P / R / F1',
      'articles',
      'briefbot',
      'naive (2 shared capitalised title words)',
      'every article alone',
    ],
  ];
  for (const r of rows) lines.push([r.set, String(r.articles), f(r.system), f(r.naive), f(r.alone)]);
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  return lines
    .map(
      (l, i) =>
        l.map((cell, c) => cell.padEnd(widths[c])).join(' | ') +
        (i === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('-+-')}` : ''),
    )
    .join('\n');
}

/**
 * The stories part of `npm run eval`: the table over the shared labelled set and corpus, or
 * undefined when either is absent (the eval then skips it).
 */
export async function storiesEvalReport(shared: string): Promise<string | undefined> {
  const labelsPath = join(shared, 'eval', 'bbc-stories.dev.json');
  const corpusPath = join(shared, 'corpus', 'bbc-news-summary.dev.jsonl');
  if (!existsSync(labelsPath) || !existsSync(corpusPath)) return undefined;
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as LabelledStories;
  const corpus = readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRecord);
  const rows = await storiesEval(labels, corpus, { fullCorpus: true });
  return `${formatStoriesTable(rows)}\nStories: halves by a hash of the labelled story id; constants tuned on half A only (scripts/tune-stories.ts); each row groups exactly its articles, in corpus order, through the store's incremental path.`;
}
