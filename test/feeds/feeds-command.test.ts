import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/open-app.js';
import type { Invocation } from '../../src/core/invocation.js';
import { replyToPlainText } from '../../src/core/reply.js';
import { runCli } from '../cli/run-cli.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { prose, rss2 } from './helpers/feed-docs.js';
import { FeedServer } from './helpers/feed-server.js';

const ENV = { FEEDS_ALLOW_PRIVATE_NETWORKS: 'true', FEEDS_MIN_INTERVAL_SECONDS: '60' };
const ITEMS = [
  {
    guid: 'cmd-1',
    link: 'https://wire.example/dam',
    title: 'Dam inspection ordered',
    text: prose('The dam inspection', 11),
  },
  { guid: 'cmd-2', link: 'https://wire.example/rail', title: 'Rail line reopens', text: prose('The rail line', 12) },
];

/** Runs "/<command> <text>" through the bot's own parsing, as a chat door does. */
async function say(app: App, text: string, as: { admin?: boolean } = {}) {
  const [command, ...rest] = text.replace(/^\//, '').split(' ');
  const base: Omit<Invocation, 'options' | 'subcommand'> = {
    platform: 'slack',
    command,
    user: { id: as.admin === false ? 'U-OTHER' : 'U-ADMIN', isAdmin: as.admin !== false },
    channel: { platform: 'slack', id: 'C-NEWS' },
  };
  const r = await app.bot.dispatchText(base, rest.join(' '));
  return { ...r, plain: replyToPlainText(r) };
}

describe('/feeds through the real bot', () => {
  let server: FeedServer;
  let bot: TestBot;
  beforeEach(async () => {
    server = await FeedServer.start();
    server.serve('/wire.xml', rss2('Example Wire', ITEMS));
    server.serve('/page.html', '<!doctype html><html><body>Not a feed</body></html>', 'text/html');
    bot = await makeTestBot({ env: ENV });
  });
  afterEach(async () => {
    await bot.close();
    await server.close();
  });

  it('adds a feed (admins only), polls it, and lists its name, URL, interval, last success, articles added and next poll', async () => {
    const refused = await say(bot, `/feeds add ${server.url('/wire.xml')}`, { admin: false });
    expect(refused.errorCode).toBe('NOT_ADMIN');

    const added = await say(bot, `/feeds add ${server.url('/wire.xml')} every:15m name:"Example Wire"`);
    expect(added.errorCode).toBeUndefined();
    expect(added.plain).toContain(`Following feed 1 (Example Wire): ${server.url('/wire.xml')}, every 15 min.`);

    const before = await say(bot, '/feeds list', { admin: false });
    expect(before.plain).toMatch(
      /Feed 1: Example Wire[\s\S]*Every 15 min · full text of teasers on[\s\S]*Last success: never \(not polled yet\)[\s\S]*Next poll: now/,
    );

    await bot.feeds!.poller.runDue();
    const after = await say(bot, '/feeds list', { admin: false });
    expect(after.plain).toMatch(
      /Last success: under a minute ago \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\), 2 new articles; 2 in the store from this feed/,
    );
    expect(after.plain).toMatch(/Next poll: in 15 min/);

    const sources = await say(bot, '/sources');
    expect(sources.plain).toMatch(/By feed[\s\S]*Feed 1, Example Wire: 2/);
    const ask = await say(bot, '/ask What was ordered at the dam?');
    expect(ask.plain).toMatch(/Dam inspection ordered/);
  });

  it("shows a failing feed's error in plain words in /feeds list and /sources", async () => {
    await say(bot, `/feeds add ${server.url('/page.html')}`);
    await bot.feeds!.poller.runDue();
    const list = await say(bot, '/feeds list');
    expect(list.plain).toMatch(/1 feed, 1 failing/);
    expect(list.plain).toMatch(/Last success: never\n/);
    expect(list.plain).toMatch(/Last error: not a feed: the server sent an HTML page for under a minute/);
    expect((await say(bot, '/sources')).plain).toMatch(/Feed 1, 127\.0\.0\.1: 0 \(failing; see \/feeds list\)/);
  });

  it('refuses bad URLs, intervals under the floor, unreadable intervals and a feed already followed, with clear messages', async () => {
    const cases: [string, string, RegExp][] = [
      ['/feeds add not a url', 'FEED_BAD_URL', /is not a URL/],
      ['/feeds add ftp://example.org/feed', 'FEED_BAD_URL', /Only http and https/],
      [
        `/feeds add ${server.url('/wire.xml')} every:30s`,
        'INTERVAL_TOO_SHORT',
        /at most every 1 min \(FEEDS_MIN_INTERVAL_SECONDS\)/,
      ],
      [`/feeds add ${server.url('/wire.xml')} every:often`, 'BAD_INTERVAL', /write it like 15m, 1h, 90s/],
      ['/feeds remove 42', 'FEED_NOT_FOUND', /No feed "42"/],
    ];
    for (const [text, code, message] of cases) {
      const r = await say(bot, text);
      expect(r.errorCode, text).toBe(code);
      expect(r.plain, text).toMatch(message);
    }
    await say(bot, `/feeds add ${server.url('/wire.xml')}`);
    const again = await say(bot, `/feeds add ${server.url('/wire.xml')}`);
    expect(again).toMatchObject({ errorCode: 'FEED_EXISTS' });
    // Slack hands a link over as <url|label>: the same feed.
    const wrapped = await say(bot, `/feeds add <${server.url('/wire.xml')}|${server.url('/wire.xml').slice(7)}>`);
    expect(wrapped).toMatchObject({ errorCode: 'FEED_EXISTS' });
    expect(await bot.feeds!.service.list()).toHaveLength(1);
  });

  it('removes a feed by id or URL (admins only); its articles stay in the store', async () => {
    await say(bot, `/feeds add ${server.url('/wire.xml')}`);
    await bot.feeds!.poller.runDue();
    const count = await bot.store.articleCount();
    expect((await say(bot, '/feeds remove 1', { admin: false })).errorCode).toBe('NOT_ADMIN');
    const removed = await say(bot, `/feeds remove ${server.url('/wire.xml')}`);
    expect(removed.plain).toContain('Stopped following feed 1 (Example Wire). Its articles stay in the store.');
    expect(await bot.store.articleCount()).toBe(count);
    expect((await say(bot, '/feeds list')).plain).toMatch(/No feeds yet/);
  });
});

describe('feeds declared in the configuration', () => {
  let server: FeedServer;
  let dir: string;
  beforeAll(async () => {
    server = await FeedServer.start();
    server.serve('/wire.xml', rss2('Example Wire', ITEMS));
    dir = mkdtempSync(join(tmpdir(), 'briefbot-feedcfg-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (feeds: string) => {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, `feeds:${feeds}\n`);
    return openApp({
      role: 'test',
      storePath: join(dir, 'store.db'),
      env: { ...ENV, BRIEFBOT_CONFIG: file, LOG_LEVEL: 'silent' },
    });
  };

  it('follows the listed feeds, refuses to remove them from chat, and drops them when they leave the list', async () => {
    const url = server.url('/wire.xml');
    let app = await open(`\n  - url: ${url}\n    name: Configured Wire\n    every: 30m\n    fullText: false`);
    try {
      const [feed] = await app.feeds!.service.list();
      expect(feed).toMatchObject({
        url,
        name: 'Configured Wire',
        intervalSeconds: 1800,
        fullText: false,
        origin: 'config',
      });
      const r = await say(app, '/feeds remove 1');
      expect(r.errorCode).toBe('FEED_FROM_CONFIG');
      expect((await say(app, '/feeds list')).plain).toMatch(/from the configuration/);
    } finally {
      await app.close();
    }
    app = await open(' []');
    try {
      expect(await app.feeds!.service.list()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('briefbot feeds (command line)', () => {
  it('adds a feed in one command and lists it as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-feedcli-'));
    try {
      const store = join(dir, 'store.db');
      const env = { ...ENV, BRIEFBOT_ARTICLES: join(dir, 'none') };
      const add = await runCli(
        ['feeds', 'add', 'http://127.0.0.1:9/news.rss', '--every', '20m', '--name', 'CLI Wire', '--store', store],
        { env },
      );
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      expect(add.stdout).toContain('Following feed 1 (CLI Wire): http://127.0.0.1:9/news.rss, every 20 min.');
      const list = await runCli(['feeds', 'list', '--json', '--store', store], { env });
      const data = JSON.parse(list.stdout);
      expect(data.data.feeds).toEqual([
        expect.objectContaining({
          id: 1,
          name: 'CLI Wire',
          url: 'http://127.0.0.1:9/news.rss',
          intervalSeconds: 1200,
          articles: 0,
        }),
      ]);
      const bad = await runCli(['feeds', 'add', 'http://127.0.0.1:9/news.rss', '--store', store], { env });
      expect(bad.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
