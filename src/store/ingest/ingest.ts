import { isUserError } from '../../core/errors.js';
import type { ArticleInput, ArticleStore, UpsertResult } from '../article-store.js';
import type { Analysis, Analyzer } from '../../text/types.js';
import { formatOfName } from './formats.js';
import { streamJsonLines } from './jsonl-stream.js';
import { completeFromFile, limitArticle } from './read-file.js';
import { readWithinBudget, type ReadBudget } from './read-budget.js';
import type { Skip } from './readers/reader.js';
import { expandPaths } from './walk.js';

/** The outcome of an ingest run. */
export interface IngestReport {
  added: number;
  updated: number;
  /** Every file, line or item not stored, with the reason (duplicates included). */
  skipped: Skip[];
  /** Things worth knowing that did not stop anything (e.g. a file decoded as windows-1252). */
  notes: { origin: string; note: string }[];
  /** Files read (skipped files included). */
  files: number;
}

/** Progress detail passed beside done/total (which count bytes, so big JSONL files move the bar). */
export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  /** Articles read so far (stored or not): what a progress display counts. */
  articlesRead: number;
  added: number;
  updated: number;
  skipped: number;
}

/** The analyser, or an asynchronous one (e.g. a worker-thread pool) with the same contract. */
export type IngestAnalyzer = Analyzer | ((text: string, published?: string) => Analysis | Promise<Analysis>);

export interface IngestDeps extends ReadBudget {
  store: ArticleStore;
  analyze: IngestAnalyzer;
  /** done and total are bytes of input; detail counts files and outcomes. */
  onProgress?: (done: number, total: number, detail: IngestProgress) => void;
  /** Articles per store transaction (default 200). */
  batchSize?: number;
  /** Runs after each batch is written (stories group the new articles here), before the next is. */
  afterBatch?: () => Promise<unknown>;
}

/** A store that can write many articles in one transaction (the SQLite store can). */
interface BatchStore {
  upsertMany(items: readonly { input: ArticleInput; analysis: Analysis }[]): Promise<UpsertResult[]>;
}

function canBatch(store: ArticleStore): store is ArticleStore & BatchStore {
  return typeof (store as Partial<BatchStore>).upsertMany === 'function';
}

/**
 * Ingests files, folders (recursively; see walk.ts for what is ignored) and JSON Lines streams.
 * One bad file, line or article never stops the batch: it is reported in `skipped`. Only a store
 * failure (locked, read-only) ends the run, by throwing its UserError; batches already written stay.
 */
export async function ingestPaths(paths: readonly string[], deps: IngestDeps): Promise<IngestReport> {
  const report: IngestReport = { added: 0, updated: 0, skipped: [], notes: [], files: 0 };
  const { files, skipped } = await expandPaths(paths);
  report.skipped.push(...skipped);
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const batchSize = Math.max(1, deps.batchSize ?? 200);
  let doneBytes = 0;
  let articlesRead = 0;
  let pending: ArticleInput[] = [];

  const progress = (bytes: number) =>
    deps.onProgress?.(Math.min(bytes, totalBytes), totalBytes, {
      filesDone: report.files,
      filesTotal: files.length,
      articlesRead,
      added: report.added,
      updated: report.updated,
      skipped: report.skipped.length,
    });

  // Batches whose analyses are running, oldest first. Writing the oldest while the next ones are
  // analysed keeps a worker pool busy during the (synchronous) store transaction; batches are
  // still written in input order, so duplicates and replacements resolve as in a serial run.
  const analysing: AnalysingBatch[] = [];
  const writeOldest = () => writeBatch(analysing.shift()!, deps, report);
  const flush = async () => {
    if (pending.length === 0) return;
    analysing.push(startAnalyses(pending, deps));
    pending = [];
    while (analysing.length > BATCHES_AHEAD) await writeOldest();
  };
  const add = async (input: ArticleInput) => {
    articlesRead++;
    pending.push(input);
    if (pending.length >= batchSize) await flush();
  };

  for (const file of files) {
    if (formatOfName(file.path) === 'jsonl') {
      await streamJsonLines(
        file.path,
        async (event) => {
          if ('skip' in event) return void report.skipped.push(event.skip);
          const limited = limitArticle(completeFromFile(event.article, file, 'jsonl'));
          report.notes.push(...limited.notes);
          if (limited.skip) report.skipped.push(limited.skip);
          if (limited.article) await add(limited.article);
        },
        (bytes) => progress(doneBytes + bytes),
      );
    } else {
      // Within a time budget, and cut to the prose limits before any analysis (see prose-limits.ts).
      const read = await readWithinBudget(file, deps);
      report.skipped.push(...read.skipped);
      report.notes.push(...read.notes);
      for (const article of read.articles) await add(article);
    }
    report.files++;
    doneBytes += file.size;
    progress(doneBytes);
  }
  await flush();
  while (analysing.length) await writeOldest();
  progress(totalBytes);
  return report;
}

/** Batches analysed ahead of the one being written: enough that the workers never wait for a write. */
const BATCHES_AHEAD = 2;

interface AnalysingBatch {
  batch: ArticleInput[];
  /** Settled, never rejected: a failed analysis skips its article, and an abandoned run leaves no unhandled rejection. */
  analysed: Promise<PromiseSettledResult<Analysis>[]>;
}

function startAnalyses(batch: ArticleInput[], deps: IngestDeps): AnalysingBatch {
  // Each analysis starts on a fresh turn of the event loop, so a bot ingesting dropped files keeps
  // answering chat between articles; an asynchronous analyser (a worker pool) gets every analysis
  // of the batch started before any is awaited, so they run in parallel.
  const analysed = (async () => {
    const started: Promise<Analysis>[] = [];
    for (const input of batch) {
      await new Promise((resolve) => setImmediate(resolve));
      started.push(Promise.resolve().then(() => deps.analyze(input.text, input.published)));
    }
    return Promise.allSettled(started);
  })();
  return { batch, analysed };
}

async function writeBatch(
  { batch, analysed: pendingAnalyses }: AnalysingBatch,
  deps: IngestDeps,
  report: IngestReport,
): Promise<void> {
  const analysed = await pendingAnalyses;
  const items: { input: ArticleInput; analysis: Analysis }[] = [];
  analysed.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') items.push({ input: batch[i], analysis: outcome.value });
    else
      report.skipped.push({
        origin: originOf(batch[i]),
        reason: `analysis failed: ${(outcome.reason as Error)?.message ?? outcome.reason}`,
      });
  });
  if (items.length === 0) return;
  let results: UpsertResult[];
  try {
    results = canBatch(deps.store) ? await deps.store.upsertMany(items) : await sequential(deps.store, items);
  } catch (error) {
    if (isUserError(error) || items.length === 1) throw error;
    // An unexpected failure inside a batch: write one by one so only the culprit is skipped.
    results = [];
    for (const item of items) {
      try {
        results.push(await deps.store.upsert(item.input, item.analysis));
      } catch (single) {
        if (isUserError(single)) throw single;
        results.push({
          status: 'skipped',
          id: item.input.id ?? '',
          reason: `not stored: ${(single as Error).message}`,
        });
      }
    }
  }
  results.forEach((result, i) => {
    if (result.status === 'added') report.added++;
    else if (result.status === 'updated') report.updated++;
    else report.skipped.push({ origin: originOf(items[i].input), reason: result.reason ?? 'skipped' });
  });
  await deps.afterBatch?.();
}

/** Writes analysed articles in one transaction where the store can (upsertMany), else one by one. */
export function upsertAll(
  store: ArticleStore,
  items: { input: ArticleInput; analysis: Analysis }[],
): Promise<UpsertResult[]> {
  return canBatch(store) ? store.upsertMany(items) : sequential(store, items);
}

async function sequential(
  store: ArticleStore,
  items: { input: ArticleInput; analysis: Analysis }[],
): Promise<UpsertResult[]> {
  const results: UpsertResult[] = [];
  for (const item of items) results.push(await store.upsert(item.input, item.analysis));
  return results;
}

/** Readers of multi-article formats give origins like "feed.xml item 3" or "a.jsonl line 7". */
function originOf(input: ArticleInput): string {
  return input.origin ?? input.id ?? input.title;
}
