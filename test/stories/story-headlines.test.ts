import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter, Delivery } from '../../src/adapters/adapter.js';
import { renderConsole } from '../../src/adapters/console/render.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import type { Reply } from '../../src/core/reply.js';
import { asksForHeadline, passagesIn, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { KNOWN } from './story-fixtures.js';

/** Two stories of one day: the Leeds fire (three articles) and the Arsenal match (one). */
const DAY = KNOWN.filter((a) => a.story === 'leeds-fire' || a.story === 'arsenal-chelsea');
const CHANNEL: ChannelRef = { platform: 'console', id: 'console' };

type StoryData = { id: number; headline: string; title?: string; headlineBy?: string; articleIds: string[] };
const storiesOf = (r: Reply) => (r.data as { stories: StoryData[] }).stories;
const headings = (r: Reply) => r.sections.flatMap((s) => (s.heading ? [s.heading] : []));
const headlineRequests = (fake: FakeOpenAI) => fake.requests.filter((q) => asksForHeadline(q.body));
/** What the model answered to a headline request: its one claim's text. */
const claimOf = (content: string) => (JSON.parse(content) as { claims: { text: string }[] }).claims[0]?.text;

/** The central titles, as the offline bot shows them: the reference every fallback must match. */
let centralTitles: string[];

/** A door that records what digests post to it. */
class RecordingAdapter implements Adapter {
  readonly platform = 'console' as const;
  posts: Reply[] = [];
  async start() {}
  async stop() {}
  isConnected() {
    return true;
  }
  async post(_channel: ChannelRef, reply: Reply): Promise<Delivery> {
    this.posts.push(reply);
    return { messageId: `m${this.posts.length}` };
  }
}

let dir: string;
let file: string;
let fake: FakeOpenAI;
let bot: TestBot | undefined;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  dir = mkdtempSync(join(tmpdir(), 'briefbot-headlines-'));
  file = join(dir, 'day.jsonl');
  writeFileSync(
    file,
    DAY.map(({ story: _label, ...a }, i) =>
      JSON.stringify({ ...a, published: `2005-03-01T${String(i + 6).padStart(2, '0')}:00:00Z` }),
    ).join('\n'),
  );
  const offline = await makeTestBot({ articles: [file] });
  centralTitles = headings(await brief(offline));
  await offline.close();
}, 60_000);

afterEach(async () => {
  await bot?.close();
  bot = undefined;
  fake.setDefault({ kind: 'grounded' });
});

afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const withModel = (timeoutMs = 3000) =>
  makeTestBot({
    articles: [file],
    env: {
      OPENAI_BASE_URL: fake.url,
      OPENAI_MODEL: 'fake-model',
      LLM_TIMEOUT_MS: String(timeoutMs),
      LLM_MAX_RETRIES: '0',
    },
  });

const brief = (b: TestBot): Promise<Reply> =>
  b.bot.dispatch({
    platform: 'console',
    command: 'brief',
    options: {},
    user: { id: 'U1', isAdmin: false },
    channel: CHANNEL,
  });

/** Subscribes the console channel and posts its digest now, through the ledger and a recording door. */
async function postDigest(b: TestBot): Promise<{ said: Reply; posted: Reply[] }> {
  const door = new RecordingAdapter();
  b.adapters.set('console', door);
  await b.services.digests.subscribe({ channel: CHANNEL, schedule: '0 8 * * *', timezone: 'UTC', createdBy: 'U1' });
  const said = await b.services.digests.runNow(CHANNEL);
  return { said, posted: door.posts };
}

/** Points are quoted sentences whatever wrote the headline: each line is its citation's quote. */
function expectQuotedPoints(r: Reply) {
  for (const s of r.sections.filter((x) => x.heading)) {
    for (const l of s.text.split('\n').filter((x) => x.startsWith('• '))) {
      const c = r.citations.find((x) => x.n === Number(/\[(\d+)\]$/.exec(l)![1]))!;
      expect(l).toBe(`• ${c.quote.replace(/\s+/g, ' ').trim()} [${c.n}]`);
    }
  }
}

/** /brief shows the central articles' titles with no model footer, and so does the digest preview. */
async function expectCentralTitles(b: TestBot, r: Reply): Promise<void> {
  expect(headings(r)).toEqual(centralTitles);
  expect(r.provenance).toEqual({ path: 'extractive' });
  expect(storiesOf(r).every((s) => s.headlineBy === undefined)).toBe(true);
  const digest = await b.services.digests.preview(CHANNEL);
  expect(headings(digest)).toEqual(centralTitles);
  expect(digest.provenance).toBeUndefined();
}

describe('story headlines', () => {
  it('without a model are the central articles’ titles, with no footer', async () => {
    expect(centralTitles).toHaveLength(2);
    expect(centralTitles).toContain('Henry double sinks Chelsea');
    bot = await makeTestBot({ articles: [file] });
    const r = await brief(bot);
    await expectCentralTitles(bot, r);
  });

  it('with a model are its verified headlines, written from each story’s key sentences, asked for once per story', async () => {
    bot = await withModel();
    const [requests, replies] = [fake.requests.length, fake.replies.length];
    const r = await brief(bot);
    const asked = headlineRequests(fake).filter((q) => fake.requests.indexOf(q) >= requests);
    expect(asked).toHaveLength(2);
    const written = fake.replies.slice(replies).map(claimOf);
    expect(headings(r).sort()).toEqual([...written].sort());
    for (const [i, s] of storiesOf(r).entries()) {
      expect(s.headlineBy).toBe('llm');
      expect(s.title).toBe(centralTitles[i]);
      expect(s.headline).not.toBe(s.title);
    }
    // Each request carries only its own story's sentences, the central article's lead first.
    const sent = asked.map((q) => passagesIn(q.body).map((p) => p.text));
    const arsenal = sent.find((p) => p[0].startsWith('Thierry Henry scored twice'))!;
    expect(arsenal.length).toBeGreaterThan(0);
    for (const p of arsenal) expect(DAY.find((a) => a.story === 'arsenal-chelsea')!.text).toContain(p);
    // Only the headlines are the model's: the footer says so, and the points stay quotes.
    expect(r.provenance).toEqual({
      path: 'extractive',
      footer: "headlines written by fake-model from each story's articles; key points quoted from them",
    });
    expectQuotedPoints(r);
    expect(renderConsole(r)).toContain('headlines written by fake-model');

    // The digest of the same stories reuses them: no second call for the same story and articles.
    const { said, posted } = await postDigest(bot);
    expect(said.sections[0].text).toMatch(/^Posted the digest/);
    expect(headings(posted[0])).toEqual(headings(r));
    expect(posted[0].provenance?.footer).toMatch(/^headlines written by fake-model/);
    expectQuotedPoints(posted[0]);
    expect(fake.requests.length - requests).toBe(2);
  });

  it('a headline with words its passages do not support is rejected and the central title shown', async () => {
    fake.setDefault({ kind: 'headline', text: 'Mayor Sadiq Khan blames arsonists for 200 deaths in London' });
    bot = await withModel();
    const before = headlineRequests(fake).length;
    const r = await brief(bot);
    expect(headlineRequests(fake).length - before).toBe(2);
    // The verdict is remembered for these articles: the digest does not pay for it again.
    await expectCentralTitles(bot, r);
    expect(headlineRequests(fake).length - before).toBe(2);
  });

  it('a headline that is true but runs past a headline’s length keeps the central title', async () => {
    fake.setDefault({
      kind: 'headline',
      text: 'Thierry Henry scored twice as Arsenal beat Chelsea 2-1 at Highbury to close the gap at the top of the Premiership',
    });
    bot = await withModel();
    const r = await brief(bot);
    expect(headings(r)).toEqual(centralTitles);
  });

  it('a model that times out leaves the central titles, and the digest is still posted within the deadline', async () => {
    fake.setDefault({ kind: 'delay', ms: 5000 });
    bot = await withModel(300);
    const started = performance.now();
    const { said, posted } = await postDigest(bot);
    const ms = performance.now() - started;
    expect(said.sections[0].text).toMatch(/^Posted the digest/);
    expect(posted).toHaveLength(1);
    expect(headings(posted[0])).toEqual(centralTitles);
    expect(posted[0].provenance).toBeUndefined();
    expect(ms).toBeLessThan(300 + 1000 + 1500);
  });

  it('a failing server leaves the central titles and asks again next time', async () => {
    fake.setDefault({ kind: 'status', status: 500 });
    bot = await withModel();
    const before = headlineRequests(fake).length;
    expect(headings(await brief(bot))).toEqual(centralTitles);
    fake.setDefault({ kind: 'grounded' });
    const again = await brief(bot);
    expect(headlineRequests(fake).length - before).toBe(4);
    expect(storiesOf(again).every((s) => s.headlineBy === 'llm')).toBe(true);
  });
});
