import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { userAgent } from '../../src/feeds/user-agent.js';
import { prose, rss2 } from './helpers/feed-docs.js';
import { FeedServer } from './helpers/feed-server.js';
import { makePollHarness, type PollHarness } from './helpers/poll-harness.js';

const doc = (i: number) =>
  rss2(`Wire ${i}`, [
    { guid: `p-${i}`, link: `https://p.example/${i}`, title: `Report ${i}`, text: prose(`Topic number ${i}`, i) },
  ]);

describe('polling as a good citizen', () => {
  let server: FeedServer | undefined;
  let h: PollHarness | undefined;
  afterEach(async () => {
    await h?.close();
    await server?.close();
    h = undefined;
    server = undefined;
  });

  it('sends at most one request at a time to a host, and no more than the global cap overall', async () => {
    server = await FeedServer.start(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    h = await makePollHarness({ concurrency: 2 });
    const hosts = ['127.0.0.1', '127.0.0.2', '127.0.0.3'];
    for (let i = 0; i < 12; i++) {
      const path = `/f${i}.xml`;
      // Each answer takes a moment, so requests that were allowed to overlap would.
      server.route(path, (_req, res) => {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.end(doc(i));
        }, 40);
      });
      await h.add(server.url(path, hosts[i % 3]));
    }
    const reports = await h.poller.runDue();
    expect(reports.filter((r) => r.outcome !== 'ok').map((r) => r.error)).toEqual([]);
    expect(reports).toHaveLength(12);
    expect(Object.fromEntries(server.maxInFlightPerHost)).toEqual({ '127.0.0.1': 1, '127.0.0.2': 1, '127.0.0.3': 1 });
    expect(server.maxInFlight).toBe(2);
  });

  it('reads gzip and brotli bodies', async () => {
    server = await FeedServer.start();
    h = await makePollHarness();
    server.serve('/gz.xml', gzipSync(doc(1)), 'application/rss+xml', { 'content-encoding': 'gzip' });
    server.serve('/br.xml', brotliCompressSync(doc(2)), 'application/rss+xml', { 'content-encoding': 'br' });
    for (const path of ['/gz.xml', '/br.xml']) {
      const feed = await h.add(server.url(path));
      const [report] = await h.pollNext(feed.id);
      expect(report, path).toMatchObject({ outcome: 'ok', added: 1 });
    }
    expect((await h.articles()).map((a) => a.title).sort()).toEqual(['Report 1', 'Report 2']);
  });

  it('decodes by the charset of the Content-Type header, else of the XML declaration', async () => {
    server = await FeedServer.start();
    h = await makePollHarness();
    // Cyrillic in two single-byte charsets whose bytes mean other letters in windows-1252 (the
    // fallback for bytes that are not UTF-8): only the declared charset reads them right.
    const encode = (text: string, offset: number) =>
      Buffer.from(
        [...text].map((ch) => {
          const cp = ch.codePointAt(0)!;
          return cp >= 0x410 && cp <= 0x44f ? cp - offset : cp;
        }),
      );
    const iso88595 = (t: string) => encode(t, 0x360);
    const cp1251 = (t: string) => encode(t, 0x350);
    const feedText = (title: string, decl: string) =>
      rss2(title, [
        {
          guid: title,
          link: `https://cs.example/${title.length}`,
          title,
          text: `${prose('Trade', title.length)} ${title}.`,
        },
      ]).replace('<?xml version="1.0" encoding="UTF-8"?>', decl);
    server.serve(
      '/header.xml',
      iso88595(feedText('Переговоры о границе', '<?xml version="1.0" encoding="windows-1251"?>')),
      'application/rss+xml; charset=ISO-8859-5',
    );
    server.serve(
      '/decl.xml',
      cp1251(feedText('Новости дня', '<?xml version="1.0" encoding="windows-1251"?>')),
      'application/rss+xml',
    );
    for (const path of ['/header.xml', '/decl.xml']) {
      const feed = await h.add(server.url(path));
      const [report] = await h.pollNext(feed.id);
      expect(report.outcome, path).toBe('ok');
    }
    const titles = (await h.articles()).map((a) => a.title).sort();
    expect(titles).toEqual(['Новости дня', 'Переговоры о границе']);
  });

  it('names briefbot, its version and the contact URL in the User-Agent', () => {
    expect(userAgent('https://newsroom.example/bot')).toMatch(
      /^briefbot\/\d+\.\d+\.\d+ \(\+https:\/\/newsroom\.example\/bot\)$/,
    );
    expect(userAgent(undefined)).toMatch(/^briefbot\/\d+\.\d+\.\d+ \(feed poller; operator contact not configured\)$/);
  });
});
