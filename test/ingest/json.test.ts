import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/store/ingest/readers/json.js';
import { readJsonLines } from '../../src/store/ingest/readers/jsonl.js';

describe('JSON reader', () => {
  it('reads one article object with every documented field', () => {
    const json = JSON.stringify({
      id: 'a-1',
      title: 'Talks',
      text: 'The talks opened.',
      url: 'https://news.example/a-1',
      source: 'Wire',
      authors: 'Ana Ruiz',
      publish_date: '2021-10-08',
    });
    expect(readJson(json, 'a.json').articles).toEqual([
      {
        id: 'a-1',
        title: 'Talks',
        text: 'The talks opened.',
        url: 'https://news.example/a-1',
        source: 'Wire',
        authors: ['Ana Ruiz'],
        published: '2021-10-08',
        origin: 'a.json',
      },
    ]);
  });

  it('reads an array, keeps the good items and skips the bad ones by number', () => {
    const json = JSON.stringify([
      { id: 1, title: 'One', text: 'First story.', authors: ['A', 'B'], published: '2021-10-08T12:00:00Z' },
      { title: 'No text' },
      'not an object',
      { text: 'Untitled story body. Second sentence.' },
    ]);
    const { articles, skipped } = readJson(json, 'list.json');
    expect(articles.map((a) => a.title)).toEqual(['One', 'Untitled story body']);
    expect(articles[0]).toMatchObject({
      id: '1',
      authors: ['A', 'B'],
      published: '2021-10-08T12:00:00.000Z',
      origin: 'list.json item 1',
    });
    expect(skipped).toEqual([
      { origin: 'list.json', reason: 'item 2: no "text" field' },
      { origin: 'list.json', reason: 'item 3: not a JSON object' },
    ]);
  });

  it('reads an { "articles": [...] } wrapper', () => {
    expect(readJson('{"articles":[{"title":"W","text":"Wrapped."}]}', 'w.json').articles.map((a) => a.text)).toEqual([
      'Wrapped.',
    ]);
  });

  it('skips a file that is not JSON with the parser message', () => {
    const { articles, skipped } = readJson('{"title": "broken",', 'bad.json');
    expect(articles).toEqual([]);
    expect(skipped[0].reason).toMatch(/^invalid JSON: /);
  });

  it('treats an unparseable date as missing rather than failing', () => {
    const [a] = readJson('{"title":"T","text":"Body.","published":"sometime soon"}', 'd.json').articles;
    expect(a.published).toBeUndefined();
  });
});

describe('JSON Lines reader', () => {
  it('reads one article per line, skipping blank lines and reporting a bad line by its number', () => {
    const jsonl = [
      '{"id":"x1","title":"One","text":"First."}',
      '',
      '{"id":"x2","title":"Two"',
      '{"id":"x3","title":"Three","text":"Third.","published":"2021-10-08"}',
      '[1,2]',
    ].join('\n');
    const { articles, skipped } = readJsonLines(jsonl, 'feed.jsonl');
    expect(articles.map((a) => a.id)).toEqual(['x1', 'x3']);
    expect(articles[1]).toMatchObject({ published: '2021-10-08', origin: 'feed.jsonl line 4' });
    expect(skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^line 3: invalid JSON/),
      'line 5: not a JSON object',
    ]);
  });
});
