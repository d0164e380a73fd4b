import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../../src/store/ingest/readers/markdown.js';

describe('Markdown reader', () => {
  it('takes title, date, source, url, authors and id from YAML front matter', () => {
    const md = [
      '---',
      'id: talks-2021',
      'title: "Talks: day one"',
      'date: 2021-10-08',
      'source: Wire Service',
      'url: https://news.example/talks',
      'authors: [Ana Ruiz, Bo Chen]',
      '---',
      '',
      'The talks opened on Friday.',
      '',
    ].join('\n');
    expect(readMarkdown(md, 'talks.md')).toEqual({
      articles: [
        {
          id: 'talks-2021',
          title: 'Talks: day one',
          published: '2021-10-08',
          source: 'Wire Service',
          url: 'https://news.example/talks',
          authors: ['Ana Ruiz', 'Bo Chen'],
          text: 'The talks opened on Friday.',
          origin: 'talks.md',
        },
      ],
      skipped: [],
    });
  });

  it('accepts published and a single author string, and a heading as the title when front matter has none', () => {
    const md = '---\npublished: 2021-10-08T14:30:00-05:00\nauthor: Ana Ruiz\n---\n# Talks open\n\nBody text.';
    const [a] = readMarkdown(md, 'a.md').articles;
    expect(a).toMatchObject({
      title: 'Talks open',
      published: '2021-10-08T19:30:00.000Z',
      authors: ['Ana Ruiz'],
      text: 'Body text.',
    });
  });

  it('reads Markdown without front matter', () => {
    const [a] = readMarkdown('Just a paragraph of news. And more.', 'b.md').articles;
    expect(a).toMatchObject({ title: 'Just a paragraph of news', text: 'Just a paragraph of news. And more.' });
    expect(a.published).toBeUndefined();
  });

  it('drops Markdown markup from the text: links, emphasis, list bullets and inline HTML', () => {
    const md = [
      '# Ferry news',
      '',
      'The *new* ferry was named by [the mayor](https://city.example/mayor) on **Monday**.',
      '',
      '- It seats 300 people.',
      '- It runs every hour.',
      '',
      'Tickets cost 3 &amp; 4 euros.<script>alert(1)</script>',
    ].join('\n');
    const [a] = readMarkdown(md, 'ferry.md').articles;
    expect(a.title).toBe('Ferry news');
    expect(a.text).toBe(
      'The new ferry was named by the mayor on Monday.\n\nIt seats 300 people.\n\nIt runs every hour.\n\nTickets cost 3 & 4 euros.',
    );
  });

  it('never runs JavaScript front matter: the file is refused', () => {
    const md = '---js\n{ title: (globalThis.__briefbotPwned = true, "x") }\n---\nBody.';
    expect(() => readMarkdown(md, 'evil.md')).toThrow(/not accepted/);
    expect((globalThis as Record<string, unknown>).__briefbotPwned).toBeUndefined();
  });

  it('reads the shipped article with its headline, date and the collected text without the page debris', () => {
    const shipped = fileURLToPath(new URL('../../articles/us-mexico-security-dialogue.md', import.meta.url));
    const raw = readFileSync(
      fileURLToPath(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url)),
      'utf8',
    );
    const [a] = readMarkdown(readFileSync(shipped, 'utf8'), shipped).articles;
    expect(a).toMatchObject({
      id: 'us-mexico-security-dialogue',
      title: 'U.S. and Mexico hold High-Level Security Dialogue in Mexico City',
      published: '2021-10-08',
      source: 'Unknown (scraped)',
    });
    // The collected text, paragraph for paragraph; only the no-break spaces that ended some lines go.
    const collected = raw.slice(0, raw.lastIndexOf('\n\nleave a reply'));
    expect(a.text).toBe(
      collected
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n'),
    );
    expect(a.text).toContain('Some information for this report came from Reuters.');
  });
});
