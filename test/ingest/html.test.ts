import { describe, expect, it } from 'vitest';
import { readHtml } from '../../src/store/ingest/readers/html.js';

const page = `<!doctype html><html lang="en"><head>
<title>World | Example News</title>
<meta property="og:title" content="Talks open in Mexico City">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2021-10-08T15:00:00Z">
<link rel="canonical" href="https://news.example/world/talks">
<style>body { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
  <h1>Talks open in Mexico City</h1>
  <p>Secretary of State Antony Blinken met Mexican officials on Friday for a high-level dialogue on security, the first such meeting in years.</p>
  <p>The two governments are expected to agree on a framework that replaces the Merida Initiative, officials said, adding that cooperation would deepen.</p>
  <script>trackReader();</script>
  <p>Ebrard said Mexico wants faster extraditions and fewer guns crossing the border from the north, and better tracing of criminal money.</p>
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Celebrity weds</a></li></ul></aside>
<footer><p>Copyright 2021 Example News. All rights reserved.</p></footer>
</body></html>`;

describe('HTML reader', () => {
  it('extracts the article text with Readability, one paragraph per block, without navigation, scripts or footer', () => {
    const [a] = readHtml(page, 'talks.html').articles;
    const paragraphs = a.text.split('\n\n');
    expect(paragraphs[0]).toMatch(/^Secretary of State Antony Blinken met Mexican officials/);
    expect(paragraphs.at(-1)).toMatch(/^Ebrard said Mexico wants faster extraditions/);
    expect(a.text).not.toMatch(/trackReader|Copyright|Celebrity|Home|color: red/);
  });

  it('takes title, author, date, canonical url and site name from meta tags', () => {
    const [a] = readHtml(page, 'talks.html').articles;
    expect(a).toMatchObject({
      title: 'Talks open in Mexico City',
      authors: ['Ana Ruiz'],
      published: '2021-10-08T15:00:00.000Z',
      url: 'https://news.example/world/talks',
      source: 'Example News',
    });
  });

  it('falls back to <title> and the page text for a bare page', () => {
    const [a] = readHtml(
      '<html><head><title>Short note</title></head><body><p>Only one line of news.</p></body></html>',
      'n.html',
    ).articles;
    expect(a).toMatchObject({ title: 'Short note', text: 'Only one line of news.' });
  });

  it('skips a page with no text', () => {
    expect(readHtml('<html><body><script>x()</script></body></html>', 'e.html')).toEqual({
      articles: [],
      skipped: [{ origin: 'e.html', reason: 'no readable text in the HTML' }],
    });
  });
});
