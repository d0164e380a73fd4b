import fs from 'fs';
import { splitSentences } from '../src/text/split.js';
const rows = fs.readFileSync('/work/shared/corpus/bbc-news-summary.dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
for (const id of ['bbc-business-004','bbc-business-028','bbc-business-108','bbc-business-103']) {
  const r = rows.find(x=>x.id===id);
  const ss = splitSentences(r.text);
  const key = {'bbc-business-004':'Yet aviation','bbc-business-028':'Department of Energy reported','bbc-business-108':'While the overall','bbc-business-103':'halving its dividend'}[id]!;
  const i = ss.findIndex(s=>s.text.includes(key));
  console.log(id, JSON.stringify(ss.slice(Math.max(0,i-1), i+2).map(s=>s.text)));
}
