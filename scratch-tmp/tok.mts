import { parse } from '../src/text/nlp.js';
const p = parse('It was a predicted extra £250m. Turnover for the quarter was up. It fell to 294.3m. On top of that, it saved $375m. As part of it, they were 5m. Then.');
console.log(p.tokens.map(t=>t.value+'/'+t.type).join(' ')); console.log(p.sentenceSpans);
