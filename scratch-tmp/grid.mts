import fs from 'fs';
import { splitSentences } from '../src/text/split.js';
import { rouge } from '../src/text/eval/rouge.js';
import { leadSummary, textRankSummary } from '../src/text/summarize/baselines.js';
import { rankedSummary } from '../src/text/summarize/centrality.js';
const rows = fs.readFileSync('/work/shared/corpus/bbc-news-summary.dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
const N = +(process.argv[2] ?? 400);
const data = rows.slice(0, N).map(r => ({ r, ss: splitSentences(r.text).map(s=>s.text) }));
function evalM(name: string, f: (ss: string[], k: number, title: string) => number[]) {
  let a=0,b=0,c=0;
  for (const {r, ss} of data) { const k = Math.max(1, Math.round(0.4*ss.length)); const idx=f(ss,k,r.title); const s=rouge(idx.map(i=>ss[i]).join(' '), r.summary); a+=s.rouge1;b+=s.rouge2;c+=s.rougeL; }
  console.log(name.padEnd(50), (100*a/data.length).toFixed(1), (100*b/data.length).toFixed(1), (100*c/data.length).toFixed(1));
}
evalM('lead', (ss,k)=>leadSummary(ss,k));
evalM('textrank', (ss,k)=>textRankSummary(ss,k));
const grid = JSON.parse(process.argv[3] ?? '[{}]');
for (const w of grid) { evalM(JSON.stringify(w), (ss,k,t)=>rankedSummary(ss,k,{title: w.noTitle?undefined:t, weights:w})); }
import { contentWords, tfidfVectors, similarityMatrix } from '../src/text/summarize/vectors.js';
import { topK } from '../src/text/summarize/baselines.js';
function freqScore(ss: string[], k: number, norm: boolean, useStop=true) {
  const ws = ss.map(s => useStop ? contentWords(s) : s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  const f = new Map<string, number>(); for (const w of ws) for (const x of w) f.set(x, (f.get(x)??0)+1);
  const mx = Math.max(1,...f.values());
  const sc = ws.map(w => { let s=0; for (const x of w) s += f.get(x)!/mx; return norm ? s/Math.max(1,w.length) : s; });
  return topK(sc, k);
}
//evalM('freq sum', (ss,k)=>freqScore(ss,k,false));
evalM('freq avg', (ss,k)=>freqScore(ss,k,true));
//evalM('freq sum nostop', (ss,k)=>freqScore(ss,k,false,false));
//evalM('degree', (ss,k)=>{ const m=similarityMatrix(tfidfVectors(ss.map(contentWords))); return topK(m.map(r=>r.reduce((a,b)=>a+b,0)),k); });
//evalM('length', (ss,k)=>topK(ss.map(s=>contentWords(s).length),k));
import { pagerank } from '../src/text/summarize/pagerank.js';
function overlapGraph(ss: string[], stop: boolean) {
  const ws = ss.map(s => new Set(stop ? contentWords(s) : s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)));
  const n=ss.length; const m = Array.from({length:n},()=>new Float64Array(n));
  for (let i=0;i<n;i++) for (let j=i+1;j<n;j++){ let c=0; for (const w of ws[i]) if (ws[j].has(w)) c++; const d=Math.log(ws[i].size+1)+Math.log(ws[j].size+1); const v = d>0? c/d:0; m[i][j]=v;m[j][i]=v; }
  return m;
}
function tfGraph(ss: string[], stop: boolean) {
  const vs = ss.map(s => { const ws = stop ? contentWords(s) : s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean); const m=new Map<string,number>(); for(const w of ws) m.set(w,(m.get(w)??0)+1); let q=0; for(const v of m.values()) q+=v*v; return {weights:m, norm:Math.sqrt(q)}; });
  return similarityMatrix(vs as any);
}
//evalM('tr overlap stop', (ss,k)=>topK(pagerank(overlapGraph(ss,true)),k));
//evalM('tr overlap nostop', (ss,k)=>topK(pagerank(overlapGraph(ss,false)),k));
//evalM('tr tf stop', (ss,k)=>topK(pagerank(tfGraph(ss,true)),k));
//evalM('tr tf nostop', (ss,k)=>topK(pagerank(tfGraph(ss,false)),k));
//evalM('tr tfidf nostop', (ss,k)=>topK(pagerank(similarityMatrix(tfidfVectors(ss.map(s=>s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean))))),k));
