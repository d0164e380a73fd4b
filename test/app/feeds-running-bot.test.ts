import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rss2, type DocItem } from '../feeds/helpers/feed-docs.js';
import { FeedServer } from '../feeds/helpers/feed-server.js';
import { RunningBot } from './running-bot.js';

const INTERVAL_SECONDS = 3;

const FIRST: DocItem = {
  guid: 'live-1',
  link: 'https://live.example/1',
  title: 'Port authority meets unions',
  date: '2026-03-01T08:00:00Z',
  text: 'The port authority met union leaders on Monday to discuss night shifts at the container terminal. Both sides said the talks were constructive and would continue next week. A spokesperson for the unions said workers wanted clearer rules on overtime, while the authority said it would publish a draft agreement within ten days. Shipping companies have asked for a quick deal, citing delays at the terminal during the past month.',
};
const NEWS: DocItem = {
  guid: 'live-2',
  link: 'https://live.example/2',
  title: 'New harbour commissioner named',
  date: '2026-03-02T09:00:00Z',
  text: 'The city named Lena Okafor as the new harbour commissioner on Tuesday, officials said. Okafor previously ran the river ferry service and will take office next month. Council members welcomed the appointment, saying the harbour needed steady leadership after a year of disputes over dredging and night shifts. Okafor said her first task would be to settle the overtime talks between the port authority and the unions.',
};

/** The bot as `npm start` runs it, following a feed on a local server through its console door. */
describe('the running bot follows a feed', () => {
  let dir: string;
  let server: FeedServer;
  let bot: RunningBot;
  const say = (line: string, expected: RegExp, timeoutMs?: number) => bot.say(line, expected, timeoutMs);

  beforeAll(async () => {
    server = await FeedServer.start();
    server.serve('/live.xml', rss2('Harbour Wire', [FIRST]));
    dir = mkdtempSync(join(tmpdir(), 'briefbot-feeds-main-'));
    mkdirSync(join(dir, 'articles'));
    bot = await RunningBot.start(dir, {
      FEEDS_ALLOW_PRIVATE_NETWORKS: 'true',
      FEEDS_MIN_INTERVAL_SECONDS: '1',
      FEEDS_CONTACT_URL: 'https://newsroom.example/bot',
    });
  }, 60_000);

  afterAll(async () => {
    bot?.kill();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a feed from the chat and polls it at once', async () => {
    await say(
      `/feeds add ${server.url('/live.xml')} every:${INTERVAL_SECONDS}s name:"Harbour Wire"`,
      /Following feed 1 \(Harbour Wire\)/,
    );
    const until = Date.now() + 20_000;
    let listed = '';
    while (Date.now() < until && !/1 new article;/.test(listed)) {
      const from = bot.out.length;
      await say('/feeds list', /Next poll:[^\n]*/);
      listed = bot.out.slice(from);
      if (!/1 new article;/.test(listed)) await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed).toMatch(/Last success: under a minute ago \([^)]*\), 1 new article; 1 in the store from this feed/);
    expect(server.requestsTo('/live.xml')[0].headers['user-agent']).toMatch(
      /^briefbot\/[\d.]+ \(\+https:\/\/newsroom\.example\/bot\)$/,
    );
  }, 30_000);

  it('answers through /ask about an item published after that, by the next poll', async () => {
    server.serve('/live.xml', rss2('Harbour Wire', [NEWS, FIRST]));
    const pollsBefore = server.requestsTo('/live.xml').length;
    const until = Date.now() + 30_000;
    let answered = false;
    while (!answered && Date.now() < until) {
      const from = bot.out.length;
      await say(
        '/ask Who is the new harbour commissioner?',
        /(Sources|not in the store|No answer|couldn't|could not)[^\n]*/i,
      );
      const reply = bot.out.slice(from);
      answered = /Lena Okafor/.test(reply) && /Sources/.test(reply);
      if (!answered) await new Promise((r) => setTimeout(r, 250));
    }
    expect(answered).toBe(true);
    // The first poll after the item appeared brought it, so it was answerable within one interval:
    // at most one more poll started while the answer was on its way.
    const pollsSince = server.requestsTo('/live.xml').length - pollsBefore;
    expect(pollsSince).toBeGreaterThanOrEqual(1);
    expect(pollsSince).toBeLessThanOrEqual(2);
  }, 40_000);

  it('counts polls by feed id in /metrics, never by URL', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    expect(metrics).toMatch(/feed_polls_total\{feed="1",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/feed_articles_total\{feed="1",status="added"\} 2/);
    expect(metrics).not.toContain('/live.xml');
  });

  it('shuts down cleanly on SIGTERM while polling', async () => {
    const exited = new Promise<number | null>((resolve) => bot.child.once('exit', (code) => resolve(code)));
    bot.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
