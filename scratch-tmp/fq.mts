import { openTextStore } from '../test/text/text-store.js';
import { createAnswerer } from '../src/text/answer/answerer.js';
import fs from 'fs';
const ts = await openTextStore();
const ans = createAnswerer(ts.store);
for (const q of fs.readFileSync(0,'utf8').split('\n').filter(Boolean)) { const r = await ans.answer(q); console.log(q, '\n  ->', r.answered, JSON.stringify(r.answer), (r.data as any)?.confidence ?? '', '|', (r.citations[0]?.quote ?? r.sections[0].text).slice(0,90)); }
await ts.close();
