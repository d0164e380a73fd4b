import fs from 'fs'; import os from 'os'; import path from 'path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/store/ingest/ingest.js';
import { analyze } from '../src/text/analyze.js';
import { analyzeQuestion } from '../src/text/answer/question.js';
import { retrieve } from '../src/text/answer/retrieve.js';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thr-'));
const store = await openSqliteStore(path.join(dir, 's.db'));
await ingestPaths(['articles', '/work/shared/corpus/bbc-news-summary.dev.jsonl'], { store, analyze });
for (const q of ['How many troops will the U.S. send to Mexico?', 'What did the Canadian prime minister announce?']) {
  const { candidates } = await retrieve(store, analyzeQuestion(q) as any);
  console.log(q); for (const c of candidates.slice(0,3)) console.log('  ', c.coverage.toFixed(3), c.hit.text.slice(0,100));
}
