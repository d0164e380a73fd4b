import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { openTextStore } from './text-store.js';
it('dbg', async () => {
  const ts = await openTextStore();
  for (const l of readFileSync('test/fixtures/text/bbc-sample.jsonl', 'utf8').split('\n').filter(Boolean)) await ts.add(JSON.parse(l));
  for (const p of await ts.store.people()) console.log(p.key, '|', p.name, '|', p.roles, '|', p.quotes.map(q => q.text.slice(0, 60)));
  await ts.close();
});
