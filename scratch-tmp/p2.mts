import { parse } from '../src/text/nlp.js';
import fs from 'fs';
const text = fs.readFileSync('/work/shared/articles/us-mexico-security-dialogue.txt','utf8');
const p = parse(text); console.log(p.tokens.slice(14,22).map(t=>t.value+'/'+t.pos).join(' '));
let t0=Date.now(); for(let i=0;i<200;i++) parse(text); console.log('parse ms/doc',(Date.now()-t0)/200);
const lines = fs.readFileSync('/work/shared/corpus/bbc-news-summary.dev.jsonl','utf8').split('\n').filter(Boolean).slice(0,300).map(l=>JSON.parse(l).text);
const { analyze } = await import('../src/text/analyze.js');
t0=Date.now(); for(const l of lines) parse(l); console.log('bbc parse ms/doc',(Date.now()-t0)/300);
t0=Date.now(); for(const l of lines) analyze(l,'2005-01-01'); console.log('bbc analyze ms/doc',(Date.now()-t0)/300);
