import { openTextStore } from '../test/text/text-store.js';
import { createBriefer } from '../src/text/summarize/briefer.js';
import { replyToPlainText } from '../src/core/reply.js';
const ts = await openTextStore();
await ts.add({ id: 'follow-up', title: 'Mexico and U.S. agree security framework', published: '2021-10-09',
    text: 'Mexican Foreign Secretary Marcelo Ebrard said on Saturday that the framework would be signed soon. “This is a new chapter,” Ebrard said. Blinken met with Mexican President Andrés Manuel López Obrador at a working breakfast.' });
console.log(replyToPlainText(await createBriefer(ts.store, { points: 4 }).brief()));
await ts.close();
