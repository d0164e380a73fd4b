import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { createAnswerer } from '../../src/text/answer/answerer.js';
import { openTextStore } from './text-store.js';
it('dbg', async () => {
  const ts = await openTextStore();
  for (const l of readFileSync('/work/main/test/fixtures/text/bbc-sample.jsonl', 'utf8').split('\n').filter(Boolean)) await ts.add(JSON.parse(l));
  const qs = readFileSync('/tmp/r2/qs.txt', 'utf8').split('\n').filter(Boolean);
  for (const q of qs) { const r = await createAnswerer(ts.store).answer(q); console.log(`Q: ${q}\n  -> [${r.answered}] ${r.answer} || ${r.sections.map(s=>s.text).join(' | ').slice(0,300)}`); }
  await ts.close();
});
