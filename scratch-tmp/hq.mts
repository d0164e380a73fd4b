import fs from 'fs'; import os from 'os'; import path from 'path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/store/ingest/ingest.js';
import { analyze } from '../src/text/analyze.js';
import { createAnswerer } from '../src/text/answer/answerer.js';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hq-'));
const store = await openSqliteStore(path.join(dir, 's.db'));
await ingestPaths(['articles', '/work/shared/corpus/bbc-news-summary.dev.jsonl'], { store, analyze });
const ans = createAnswerer(store);
for (const q of fs.readFileSync(0,'utf8').split('\n').filter(Boolean)) {
  const r = await ans.answer(q);
  console.log(q, '\n  ->', r.answered, JSON.stringify(r.answer), '|', (r.citations[0]?.quote ?? r.sections[0].text).slice(0, 140));
}
