import fs from 'fs'; import os from 'os'; import path from 'path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/store/ingest/ingest.js';
import { analyze } from '../src/text/analyze.js';
import { createAnswerer } from '../src/text/answer/answerer.js';
import { analyzeQuestion } from '../src/text/answer/question.js';
import { retrieve } from '../src/text/answer/retrieve.js';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-'));
const store = await openSqliteStore(path.join(dir, 's.db'));
console.log(await ingestPaths(['articles/us-mexico-security-dialogue.md', ...(process.argv[2] ? [process.argv[2]] : [])], { store, analyze }).then(r => [r.added, r.skipped.length]));
const qa = JSON.parse(fs.readFileSync('/work/shared/eval/dev-qa.json','utf8'));
const ans = createAnswerer(store, { threshold: 0 });
const extra = process.argv.slice(3);
for (const item of [...qa.items, ...extra.map(q=>({q}))]) {
  const q = analyzeQuestion(item.q) as any;
  const r = await ans.answer(item.q);
  const { candidates } = q.kind==='ok' ? await retrieve(store, q) : { candidates: [] as any[] };
  console.log('\n' + item.q, q.type, q.terms?.map((t:any)=>t.key+(t.focus?'*':'')+(t.proper?'^':'')+':'+t.pos).join(' '));
  console.log('  ->', r.answered, JSON.stringify(r.answer), (r.data as any)?.confidence, r.sections[0].text.slice(0,100));
  for (const c of candidates.slice(0,3)) console.log('   ', c.score.toFixed(3), c.coverage.toFixed(2), c.typeFit, c.hit.articleId.slice(0,20), c.hit.text.slice(0,90));
}
