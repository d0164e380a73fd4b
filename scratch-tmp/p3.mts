import fs from 'fs';
const lines = fs.readFileSync('/work/shared/corpus/bbc-news-summary.dev.jsonl','utf8').split('\n').filter(Boolean).slice(0,600).map(l=>JSON.parse(l).text);
const { analyze } = await import('../src/text/analyze.js');
for(const l of lines) analyze(l,'2005-01-01');
