import fs from 'fs'; import os from 'os'; import path from 'path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/store/ingest/ingest.js';
import { analyze } from '../src/text/analyze.js';
import { createAnswerer } from '../src/text/answer/answerer.js';
const qa = JSON.parse(fs.readFileSync('/work/shared/eval/dev-qa.json','utf8'));
for (const extra of [[], ['/work/shared/corpus/bbc-news-summary.dev.jsonl']]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thr-'));
  const store = await openSqliteStore(path.join(dir, 's.db'));
  const t0 = Date.now();
  await ingestPaths(['articles', ...extra], { store, analyze });
  console.log('ingest ms', Date.now() - t0);
  const ans = createAnswerer(store, { threshold: 0 });
  for (const item of qa.items) { const r = await ans.answer(item.q); console.log(item.none ? 'NONE' : 'ANS ', (r.data as any)?.confidence ?? '-', r.answered, JSON.stringify(r.answer).slice(0,60)); }
  await store.close();
}
const rows = fs.readFileSync('/work/shared/corpus/bbc-news-summary.dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
let t0 = Date.now(); for (const r of rows) analyze(r.text, '2005-01-01'); const ms = Date.now()-t0;
console.log('analyze', rows.length, 'articles in', ms, 'ms =', (rows.length*1000/ms).toFixed(0), '/s');
const { parse } = await import('../src/text/nlp.js');
t0 = Date.now(); for (const r of rows) parse(r.text); const ms2 = Date.now()-t0;
console.log('wink parse alone', (rows.length*1000/ms2).toFixed(0), '/s');
