import fs from 'fs';
import { analyze } from '../src/text/analyze.js';
const rows = fs.readFileSync('/work/shared/corpus/bbc-news-summary.dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
const pick = [0, 5, 400, 800, 1200, 1500, 1700];
for (const i of pick) { const a = analyze(rows[i].text, '2005-01-01'); console.log(rows[i].id, a.people.map(p=>`${p.name} [${p.role ?? ''} | ${p.affiliation ?? ''}] x${p.mentions}`).join('; ')); console.log('   quotes:', a.quotes.slice(0,3).map(q=>q.speakerKey+': '+q.text.slice(0,50)).join(' || ')); }
const counts = new Map<string, number>();
for (const r of rows) for (const p of analyze(r.text, '2005-01-01').people) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
console.log([...counts].sort((a,b)=>b[1]-a[1]).slice(0,60).map(([n,c])=>n+':'+c).join(', '));
