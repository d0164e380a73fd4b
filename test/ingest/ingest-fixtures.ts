import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes files (path relative to root → content) and returns the root. */
export function writeTree(root: string, files: Record<string, string | Buffer>): string {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}

export const SAMPLE = {
  text: 'Harbour reopens\n\nThe harbour reopened on Monday after the storm. Fishing boats returned at dawn.\n\nShare this\n',
  markdown:
    '---\nid: md-bridge\ntitle: Bridge repairs begin\npublished: 2024-03-02\nsource: City Desk\n---\n\nRepairs on the old bridge began on Saturday. Traffic was diverted.\n',
  html: '<!doctype html><html><head><title>Library opens</title><meta name="author" content="Ana Ruiz"></head><body><article><h1>Library opens</h1><p>The new library opened its doors to readers on Tuesday, with a collection of forty thousand books and a reading garden.</p><p>The mayor said the building would stay open late on weekdays.</p></article></body></html>',
  json: JSON.stringify([
    {
      id: 'json-1',
      title: 'Market prices',
      text: 'Vegetable prices at the market rose this week.',
      published: '2024-03-01',
    },
    {
      id: 'json-2',
      title: 'School concert',
      text: 'The school choir gave its spring concert on Friday.',
      authors: 'Bo Chen',
    },
  ]),
  jsonl: [
    '{"id":"jl-1","title":"Rail strike","text":"Train drivers went on strike on Wednesday.","publish_date":"2024-02-28"}',
    '{"id":"jl-2","title":"Broken", ',
    '{"id":"jl-3","title":"Ferry timetable","text":"A new ferry timetable starts in April."}',
  ].join('\n'),
  rss: '<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Wire</title><item><title>Lighthouse</title><guid>cw-1</guid><link>https://coast.example/lighthouse</link><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate><description>&lt;p&gt;The lighthouse was repainted red and white.&lt;/p&gt;</description></item></channel></rss>',
};
