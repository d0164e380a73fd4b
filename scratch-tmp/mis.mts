import fs from 'fs';
import { splitSentences } from '../src/text/split.js';
const rows = fs.readFileSync('/work/shared/corpus/bbc-news-summary.dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
let shown=0;
for (const r of rows.slice(0,300)) {
  const ss = splitSentences(r.text);
  const sumNorm = r.summary.replace(/\s+/g,' ');
  const covered = ss.filter(s=>sumNorm.includes(s.text.replace(/\s+/g,' '))).map(s=>s.text).join(' ').length;
  if (covered < sumNorm.length*0.9 && shown++ < 6) {
    // find summary pieces not covered
    let rest = sumNorm; for (const s of ss) rest = rest.replace(s.text.replace(/\s+/g,' '), '|');
    console.log(r.id, JSON.stringify(rest.slice(0,400)));
  }
}
