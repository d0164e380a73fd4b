import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import type { Invocation } from '../../src/core/invocation.js';
import { replyToPlainText } from '../../src/core/reply.js';
import { narrowArticles } from '../../src/digest/subscription-filter.js';
import { analyze } from '../../src/text/analyze.js';
import { tempStore } from '../digest/helpers/digest-fixture.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { prose, rss2 } from './helpers/feed-docs.js';
import { FeedServer } from './helpers/feed-server.js';

async function digest(app: App, text: string, as: { admin?: boolean } = {}) {
  const base: Omit<Invocation, 'options' | 'subcommand'> = {
    platform: 'slack',
    command: 'digest',
    user: { id: 'U-ADMIN', isAdmin: as.admin !== false },
    channel: { platform: 'slack', id: 'C-DESK', workspace: 'T1' },
  };
  const r = await app.bot.dispatchText(base, text);
  return { ...r, plain: replyToPlainText(r) };
}

const titlesIn = (plain: string, candidates: string[]) => candidates.filter((t) => plain.includes(t));
const ALL = ['Dam inspection ordered', 'Rail line reopens', 'Rail strike near the dam', 'Cup final tonight'];

describe('digests that follow chosen feeds and keywords', () => {
  let server: FeedServer;
  let bot: TestBot;
  beforeAll(async () => {
    server = await FeedServer.start();
    server.serve(
      '/wire.xml',
      rss2('Example Wire', [
        {
          guid: 'w-1',
          link: 'https://wire.example/dam',
          title: 'Dam inspection ordered',
          text: prose('The dam inspection', 21),
        },
        {
          guid: 'w-2',
          link: 'https://wire.example/rail',
          title: 'Rail line reopens',
          text: prose('The rail line', 22),
        },
        {
          guid: 'w-3',
          link: 'https://wire.example/strike',
          title: 'Rail strike near the dam',
          text: `${prose('The rail strike', 23)} Workers gathered near the dam.`,
        },
      ]),
    );
    server.serve(
      '/sport.xml',
      rss2('Sports Desk', [
        {
          guid: 's-1',
          link: 'https://sport.example/cup',
          title: 'Cup final tonight',
          text: prose('The cup final', 24),
        },
      ]),
    );
    bot = await makeTestBot({ env: { FEEDS_ALLOW_PRIVATE_NETWORKS: 'true', FEEDS_MIN_INTERVAL_SECONDS: '60' } });
    await bot.feeds!.service.add({ url: server.url('/wire.xml'), name: 'Example Wire', createdBy: 'U-ADMIN' });
    await bot.feeds!.service.add({ url: server.url('/sport.xml'), createdBy: 'U-ADMIN' });
    await bot.feeds!.poller.runDue();
  });
  afterAll(async () => {
    await bot.close();
    await server.close();
  });

  it('holds several named digests in one channel, each with its filters, shown by /digest list', async () => {
    const morning = await digest(bot, 'subscribe schedule:"0 8 * * *" name:morning feed:"Example Wire"');
    expect(morning.errorCode).toBeUndefined();
    expect(morning.plain).toContain(
      'Subscribed this channel "morning": `0 8 * * *` in UTC.\nFilters: feeds: Example Wire (feed 1)',
    );
    const evening = await digest(
      bot,
      'subscribe schedule:"0 18 * * *" name:evening include:"rail line, strike" exclude:dam',
    );
    expect(evening.plain).toContain('Filters: include: "rail line", strike · exclude: dam');
    const list = await digest(bot, 'list here:true');
    expect(list.plain).toMatch(
      /slack C-DESK · evening\nSchedule: `0 18 \* \* \*` \(UTC\)\nFilters: include: "rail line", strike · exclude: dam/,
    );
    expect(list.plain).toMatch(
      /slack C-DESK · morning\nSchedule: `0 8 \* \* \*` \(UTC\)\nFilters: feeds: Example Wire \(feed 1\)/,
    );
  });

  it('applies the filters in /digest preview: feed:, then include: and exclude: (phrases, stemmed like /search)', async () => {
    const morning = await digest(bot, 'preview name:morning');
    expect(morning.plain).toContain('Its filters apply.');
    expect(titlesIn(morning.plain, ALL)).toEqual([
      'Dam inspection ordered',
      'Rail line reopens',
      'Rail strike near the dam',
    ]);
    const evening = await digest(bot, 'preview name:evening');
    // "rail line" matches as a phrase; the strike story mentions the dam, so exclude: drops it.
    expect(titlesIn(evening.plain, ALL)).toEqual(['Rail line reopens']);
  });

  it('asks which digest is meant when a channel has several and no name is given', async () => {
    const r = await digest(bot, 'preview');
    expect(r.errorCode).toBe('WHICH_DIGEST');
    expect(r.plain).toMatch(/has 2 digests \(evening, morning\): say which with name:evening/);
    expect((await digest(bot, 'now')).errorCode).toBe('WHICH_DIGEST');
  });

  it('takes filter text full of search syntax as plain words, and refuses a filter with no words at all', async () => {
    const hostile = await digest(
      bot,
      'subscribe schedule:"0 12 * * *" name:hostile include:"rail* OR (dam, NEAR(strike x), col:umn, \\"quoted\\"" exclude:"^cup -final"',
    );
    expect(hostile.errorCode).toBeUndefined();
    const preview = await digest(bot, 'preview name:hostile');
    expect(preview.errorCode).toBeUndefined();
    expect(titlesIn(preview.plain, ALL)).toEqual([]);
    const empty = await digest(bot, 'subscribe schedule:"0 12 * * *" name:empty include:"***, ()"');
    expect(empty).toMatchObject({ errorCode: 'BAD_FILTER' });
    const unknown = await digest(bot, 'subscribe schedule:"0 12 * * *" name:unknown feed:"No Such Feed"');
    expect(unknown).toMatchObject({ errorCode: 'FEED_NOT_FOUND' });
    await digest(bot, 'unsubscribe name:hostile');
  });

  it('unsubscribes one named digest and leaves the others', async () => {
    const r = await digest(bot, 'unsubscribe name:evening');
    expect(r.plain).toContain('Stopped the digest "evening"');
    const list = await digest(bot, 'list here:true');
    expect(list.plain).toContain('slack C-DESK · morning');
    expect(list.plain).not.toContain('evening');
    // One digest left: it is the one meant without a name.
    expect((await digest(bot, 'preview')).plain).toContain('Preview of the next digest "morning"');
  });
});

describe('the subscription filter on a large window', () => {
  it("finds every article with a common word even when their sentences exceed one search's cap", async () => {
    const tmp = await tempStore(() => new Date('2026-03-02T12:00:00Z'));
    try {
      // Every run of 25 articles (one search) holds 20 with fifty short harbour sentences each
      // (1,000 strong hits, the store's cap per search) and 5 that mention the harbour once, in a
      // long sentence: a single capped search per chunk would rank those five out.
      const ids: string[] = [];
      const weak: string[] = [];
      for (let i = 0; i < 50; i++) {
        const isWeak = i % 5 === 4;
        const text = isWeak
          ? `Bulletin ${i} is mostly about inland roads, bridges, schools, clinics, markets, parks and libraries across the whole region and its many towns, villages and farms, with only a brief word on the harbour at the very end of a long day.`
          : Array.from({ length: 50 }, (_, k) => `Harbour news ${k}.`).join(' ') + ` Bulletin ${i}.`;
        const id = `bulletin-${i}`;
        ids.push(id);
        if (isWeak) weak.push(id);
        await tmp.store.upsert(
          { id, title: `Bulletin ${i}`, text, published: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString() },
          analyze(text),
        );
      }
      const metas = await tmp.store.listArticles();
      const included = await narrowArticles(metas, { include: ['harbour'] }, { store: tmp.store });
      expect(included.map((m) => m.id).sort()).toEqual([...ids].sort());
      expect(weak).toHaveLength(10);
      const excluded = await narrowArticles(metas, { exclude: ['harbour'] }, { store: tmp.store });
      expect(excluded).toEqual([]);
    } finally {
      await tmp.cleanup();
    }
  });
});
