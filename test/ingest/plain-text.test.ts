import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPlainText, stripTrailingDebris } from '../../src/store/ingest/readers/plain-text.js';

const rawPath = fileURLToPath(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url));

describe('plain-text reader', () => {
  it('reads the collected article: infers a title from its first sentence and drops the trailing "leave a reply"', () => {
    const raw = readFileSync(rawPath, 'utf8');
    const { articles, skipped } = readPlainText(raw, rawPath);
    expect(skipped).toEqual([]);
    expect(articles).toHaveLength(1);
    const [a] = articles;
    expect(a.title.startsWith('U.S. Secretary of State Antony Blinken is joining')).toBe(true);
    expect(a.title.length).toBeLessThanOrEqual(101);
    expect(a.text.endsWith('Some information for this report came from Reuters.')).toBe(true);
    expect(a.text).not.toMatch(/leave a reply/i);
    // Everything before the debris is kept as collected.
    expect(raw.startsWith(a.text)).toBe(true);
    expect(a.origin).toBe(rawPath);
  });

  it('removes a run of debris lines at the end only, keeping the same words inside the article', () => {
    const text = [
      'Headline',
      '',
      'Readers were asked to leave a reply in the comments.',
      'Share this with friends.',
      '',
      'Share this',
      '12 Comments',
      'Related articles',
      '',
      '',
    ].join('\n');
    expect(stripTrailingDebris(text)).toBe(
      ['Headline', '', 'Readers were asked to leave a reply in the comments.', 'Share this with friends.'].join('\n'),
    );
  });

  it('takes a short first line followed by a blank line as the headline and keeps the body apart', () => {
    const { articles } = readPlainText(
      'Storm hits the coast\n\nHeavy rain fell overnight. Roads were closed.\n',
      'storm.txt',
    );
    expect(articles[0]).toMatchObject({
      title: 'Storm hits the coast',
      text: 'Heavy rain fell overnight. Roads were closed.',
    });
  });

  it('does not cut an inferred title at abbreviations such as U.S. or Mr.', () => {
    const { articles } = readPlainText('Mr. Smith of the U.S. delegation arrived on Monday. Talks followed.', 'x.txt');
    expect(articles[0].title).toBe('Mr. Smith of the U.S. delegation arrived on Monday');
  });

  it('skips a file with nothing but debris as having no text', () => {
    expect(readPlainText('\n\nleave a reply\n', 'empty.txt')).toEqual({
      articles: [],
      skipped: [{ origin: 'empty.txt', reason: 'no text' }],
    });
  });

  it('accepts Windows line endings', () => {
    const { articles } = readPlainText('Title here\r\n\r\nBody line one.\r\nBody line two.\r\n', 'w.txt');
    expect(articles[0]).toMatchObject({ title: 'Title here', text: 'Body line one.\nBody line two.' });
  });
});
