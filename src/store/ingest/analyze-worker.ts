import { parentPort } from 'node:worker_threads';
import { analyze } from '../../text/analyze.js';
import { contentHash } from './identity.js';

/** One analysis request from the pool, answered with the same id. */
interface Request {
  id: number;
  text: string;
  published?: string;
}

// Runs inside a worker thread of analyzer-pool.ts: the analyser is CPU-bound and pure, so
// articles can be analysed on other cores while the main thread writes to the store. The dedupe
// hash is computed here too, for the same reason.
parentPort?.on('message', (request: Request) => {
  try {
    parentPort!.postMessage({
      id: request.id,
      analysis: { ...analyze(request.text, request.published), contentHash: contentHash(request.text) },
    });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
