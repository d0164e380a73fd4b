import { limitArticles, readArticleFile, type FileReadResult } from './read-file.js';
import { startIngestWorker } from './start-worker.js';
import type { FoundFile } from './walk.js';

/** Files up to this size are read in the calling thread: the readers are linear and a worker costs its start-up. */
export const INLINE_READ_BYTES = 2 * 1024 * 1024;
/** How long reading and parsing one larger file may take before it is skipped (the run goes on). */
export const READ_BUDGET_MS = 5000;

export interface ReadBudget {
  inlineReadBytes?: number;
  readBudgetMs?: number;
}

/**
 * Reads one file within a time budget. Small files are read inline; larger ones in a worker
 * thread that is stopped when the budget runs out, so one pathological file (a parser that goes
 * quadratic on it) is skipped with its reason instead of holding up every file after it.
 * Never throws, like readArticleFile.
 */
export async function readWithinBudget(file: FoundFile, budget: ReadBudget = {}): Promise<FileReadResult> {
  if (file.size <= (budget.inlineReadBytes ?? INLINE_READ_BYTES)) return limitArticles(await readArticleFile(file));
  const ms = budget.readBudgetMs ?? READ_BUDGET_MS;
  const worker = startIngestWorker('read-worker');
  let timer: NodeJS.Timeout | undefined;
  const skip = (reason: string): FileReadResult => ({
    articles: [],
    skipped: [{ origin: file.path, reason }],
    notes: [],
  });
  try {
    return await new Promise<FileReadResult>((resolve) => {
      timer = setTimeout(
        () =>
          resolve(
            skip(`took longer than ${ms / 1000} s to read (the limit for one file); skipped, the other files go on`),
          ),
        ms,
      );
      worker.once('message', (msg: { result?: FileReadResult; error?: string }) =>
        resolve(msg.result ?? skip(`unreadable: ${msg.error}`)),
      );
      worker.once('error', (error) => resolve(skip(`unreadable: ${error.message}`)));
      worker.once('exit', (code) => resolve(skip(`unreadable: the reader stopped (exit code ${code})`)));
      worker.postMessage(file);
    });
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
