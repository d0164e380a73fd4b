import { analyze } from '../src/text/analyze.js';
for (const t of ['Jean-Claude Juncker, the president of the European Commission, said the talks would go on.','Rep. Alexandria Ocasio-Cortez met Foreign Minister Ursula von der Leyen. Ocasio-Cortez said the meeting went well.']) { const r = analyze(t,'2020-01-01'); console.log(JSON.stringify(r.people), JSON.stringify(r.sentences.map(s=>s.entities))); }
import { parse } from '../src/text/nlp.js';
console.log(parse('Rep. Alexandria Ocasio-Cortez met Foreign Minister Ursula von der Leyen.').tokens.map(t=>t.value+'/'+t.pos+(t.space===''?'/NS':'')).join(' '));
