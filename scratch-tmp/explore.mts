import fs from 'fs';
import { splitSentences } from '../src/text/split.js';
const rows = fs.readFileSync('/work/shared/corpus/bbc-news-summary.dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
let sel=0,tot=0, lenSel=0, lenNot=0, nSel=0,nNot=0; const posHist=new Array(10).fill(0), posTot=new Array(10).fill(0);
let miss=0; let ratio=0;
for (const r of rows.slice(0,600)) {
  const ss = splitSentences(r.text);
  const sumNorm = r.summary.replace(/\s+/g,' ');
  const inS = ss.map(s=>sumNorm.includes(s.text.replace(/\s+/g,' ')));
  const k = inS.filter(Boolean).length; ratio += k/ss.length;
  ss.forEach((s,i)=>{ const b=Math.min(9,Math.floor(10*i/ss.length)); posTot[b]++; const w=s.text.split(/\s+/).length; if(inS[i]){posHist[b]++; lenSel+=w;nSel++;} else {lenNot+=w;nNot++;} });
  const covered = ss.filter((s,i)=>inS[i]).map(s=>s.text).join(' ').length; if (covered < sumNorm.length*0.9) miss++;
}
console.log('avg selected ratio', ratio/600, 'avg len sel', lenSel/nSel, 'not', lenNot/nNot, 'miss', miss);
console.log(posHist.map((h,i)=>(h/posTot[i]).toFixed(2)).join(' '));
