import { parentPort } from 'node:worker_threads';
import { limitArticles, readArticleFile } from './read-file.js';
import type { FoundFile } from './walk.js';

// Runs inside a worker thread of read-budget.ts: one large file is read, decoded, parsed and cut
// to prose limits here, so a file that takes too long can be stopped without stopping the run.
parentPort?.once('message', async (file: FoundFile) => {
  try {
    parentPort!.postMessage({ result: limitArticles(await readArticleFile(file)) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
