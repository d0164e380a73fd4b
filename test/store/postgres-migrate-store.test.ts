import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { runMigrateStore } from '../../src/store/migrate-store.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ArticleStore } from '../../src/store/article-store.js';
import { analyze } from '../../src/text/analyze.js';
import { article } from './analysis-fixture.js';
import { SqliteDigestRepository } from '../../src/digest/sqlite/sqlite-digest-repository.js';
import { PgDigestRepository } from '../../src/digest/postgres/pg-digest-repository.js';
import type { DigestRepository } from '../../src/digest/types.js';
import { SqliteFeedRepository } from '../../src/feeds/sqlite/sqlite-feed-repository.js';
import { PgFeedRepository } from '../../src/feeds/postgres/pg-feed-repository.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from './postgres-test-db.js';

const run = await shouldRunPostgres('postgres-migrate-store');

/** Everything a reader of the store can see, minus scores (bm25 and ts_rank differ in scale). */
async function view(store: ArticleStore) {
  const strip = <T extends { score: number }>(hits: T[]) => hits.map(({ score: _s, ...rest }) => rest);
  const ids = (await store.listArticles()).map((a) => a.id);
  return {
    stats: await store.stats(),
    list: await store.listArticles(),
    articles: await Promise.all(ids.map((id) => store.get(id))),
    sentences: await Promise.all(ids.map(async (id) => strip(await store.sentencesOf(id)))),
    people: await store.people(),
    dated: await store.datedSentences(),
    search: strip(await store.searchSentences(['Blinken', 'Ebrard', 'security'], { limit: 50 }))
      .map((h) => `${h.articleId}#${h.idx}`)
      .sort(),
  };
}

describe.skipIf(!run)('briefbot migrate-store from SQLite to PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bb-migrate-'));
  const path = join(dir, 'source.db');
  const schemas: string[] = [];
  const newSchema = () => {
    const s = testSchema('bb_migrate');
    schemas.push(s);
    return s;
  };

  beforeAll(async () => {
    const sqlite = await openSqliteStore(path);
    const text = readFileSync(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url), 'utf8');
    await sqlite.upsert(
      { id: 'dialogue', title: 'U.S.-Mexico security dialogue', source: 'VOA', published: '2021-10-08', text },
      analyze(text, '2021-10-08'),
    );
    const paris = article(
      ['Blinken held a news conference in Paris on Wednesday.', 'He said France was a strong partner.'],
      {
        people: [{ key: 'antony blinken', name: 'Antony Blinken', role: 'U.S. Secretary of State', mentions: 1 }],
        quotes: [{ speakerKey: 'antony blinken', text: 'France is a strong partner.', sentenceIdx: 1, direct: false }],
      },
    );
    await sqlite.upsert(
      {
        id: 'paris',
        title: 'Blinken in Paris',
        url: 'https://news.example/paris',
        published: '2021-10-06',
        text: paris.text,
      },
      paris.analysis,
    );
    const undated = article(['An undated note about the harbour and its security.']);
    await sqlite.upsert({ title: 'Harbour note', text: undated.text }, undated.analysis);
    // Two subscribed channels: one with a posted digest (watermark moved), one with a run still due.
    const digests = await SqliteDigestRepository.open(sqlite);
    const t = new Date('2026-01-05T08:00:00.000Z');
    const a = (
      await digests.upsertSubscription(
        {
          channel: { platform: 'slack', id: 'C1', workspace: 'T1' },
          schedule: '0 8 * * 1-5',
          timezone: 'America/Mexico_City',
          topic: 'security',
          createdBy: 'U1',
        },
        t,
      )
    ).subscription;
    const b = (
      await digests.upsertSubscription(
        {
          channel: { platform: 'discord', id: '42' },
          schedule: '0 9 * * *',
          timezone: 'UTC',
          quiet: true,
          createdBy: 'U2',
        },
        t,
      )
    ).subscription;
    await digests.insertRuns(
      [
        {
          subscriptionId: a.id,
          scheduledFor: '2026-01-06T14:00:00.000Z',
          kind: 'schedule',
          state: 'claimed',
          coversTo: '2026-01-06T14:00:00.000Z',
          nextAttemptAt: '2026-01-06T14:00:00.000Z',
        },
        {
          subscriptionId: b.id,
          scheduledFor: '2026-01-06T09:00:00.000Z',
          kind: 'schedule',
          state: 'claimed',
          coversTo: '2026-01-06T09:00:00.000Z',
          nextAttemptAt: '2026-01-06T09:00:00.000Z',
        },
      ],
      t,
    );
    const [run] = (await digests.leaseDue('old-process', new Date('2026-01-06T14:00:01.000Z'), 60_000, 10)).filter(
      (r) => r.subscriptionId === a.id,
    );
    await digests.markPosting(run.id, 'old-process', new Date('2026-01-06T14:00:02.000Z'));
    await digests.markPosted(run.id, 'old-process', 'msg-1', new Date('2026-01-06T14:00:03.000Z'));
    // A followed feed that brought the Paris article, and a named digest that follows it.
    const feeds = await SqliteFeedRepository.open(sqlite);
    const feed = await feeds.add(
      {
        url: 'https://news.example/world.rss',
        name: 'World',
        intervalSeconds: 900,
        fullText: true,
        origin: 'chat',
        createdBy: 'U1',
      },
      t,
      t,
    );
    await feeds.leaseDue('old-process', t, 60_000, 1);
    await feeds.recordSuccess(feed.id, 'old-process', [{ key: 'paris-guid', articleId: 'paris', itemHash: 'h1' }], {
      at: t,
      nextPollAt: t,
      validators: { etag: '"w1"' },
      added: 1,
      notModified: false,
    });
    await digests.upsertSubscription(
      {
        channel: { platform: 'slack', id: 'C1', workspace: 'T1' },
        name: 'world',
        schedule: '0 7 * * *',
        timezone: 'UTC',
        filter: { feeds: [feed.id], include: ['paris'] },
        createdBy: 'U1',
      },
      t,
    );
    await sqlite.close();
  });

  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every article with its stored analysis and times, verifies the counts, and reads back the same', async () => {
    const schema = newSchema();
    const report = await runMigrateStore({ from: `sqlite:${path}`, to: TEST_DATABASE_URL }, { schema });
    expect(report.copied).toBe(3);
    expect(report.alreadyThere).toBe(0);
    expect(report.target).toEqual(report.source);
    expect(report.source.articles).toBe(3);
    expect(report.source.people).toBeGreaterThan(1);

    expect(report.digests).toEqual({ source: { subscriptions: 3, runs: 2 }, target: { subscriptions: 3, runs: 2 } });
    expect(report.feeds).toEqual({ source: { feeds: 1, items: 1 }, copied: { feeds: 1, items: 1 } });

    const sqlite = await openSqliteStore(path, { readonly: true });
    const pg = await openPostgresStore(TEST_DATABASE_URL, { schema });
    try {
      const [a, b] = [await view(sqlite), await view(pg)];
      expect(b).toEqual(a);
      // Subscriptions, watermarks and the ledger read back the same through the PostgreSQL ledger.
      const ledger = async (repo: DigestRepository) => {
        const subs = await repo.listSubscriptions();
        const runs = await Promise.all(subs.map((s) => repo.recentRuns(s.id, 10)));
        return { subs, runs: runs.flat().map(({ id: _id, claimedBy: _c, leaseUntil: _l, ...rest }) => rest) };
      };
      const before = await ledger(await SqliteDigestRepository.open(sqlite));
      const after = await ledger(new PgDigestRepository(pg));
      expect(after).toEqual(before);
      expect(after.subs.find((s) => s.channel.id === 'C1' && !s.name)!.watermark).toBe('2026-01-06T14:00:00.000Z');
      expect(after.subs.find((s) => s.name === 'world')!.filter).toEqual({ feeds: [1], include: ['paris'] });
      // The feed keeps its id (the digest filter names it), its state and what it brought.
      const pgFeeds = new PgFeedRepository(pg);
      const sqliteFeeds = await SqliteFeedRepository.open(sqlite);
      const strip = ({ createdAt: _c, ...f }: Awaited<ReturnType<typeof pgFeeds.list>>[number]) => f;
      expect((await pgFeeds.list()).map(strip)).toEqual((await sqliteFeeds.list()).map(strip).map((f) => ({ ...f })));
      expect([...(await pgFeeds.articleCounts())]).toEqual([[1, 1]]);
      expect(await pgFeeds.articlesFromFeeds([1], ['paris', 'dialogue'])).toEqual(new Set(['paris']));
      // New feeds on PostgreSQL are numbered after the copied ones.
      const t = new Date();
      expect(
        (
          await pgFeeds.add(
            {
              url: 'https://news.example/other.rss',
              intervalSeconds: 900,
              fullText: true,
              origin: 'chat',
              createdBy: 'U1',
            },
            t,
            t,
          )
        ).id,
      ).toBe(2);
    } finally {
      await sqlite.close();
      await pg.close();
    }
  });

  it('resumes safely when run again: nothing is copied twice and the counts still verify', async () => {
    const schema = newSchema();
    await runMigrateStore({ from: `sqlite:${path}`, to: TEST_DATABASE_URL }, { schema });
    const again = await runMigrateStore({ from: `sqlite:${path}`, to: TEST_DATABASE_URL }, { schema });
    expect(again).toMatchObject({ copied: 0, alreadyThere: 3 });
    expect(again.target).toEqual(again.source);
  });

  it('refuses to call the copy verified when the target already held a different article under the same id', async () => {
    const schema = newSchema();
    const pg = await openPostgresStore(TEST_DATABASE_URL, { schema });
    const other = article(['A different story that happens to use the id paris.']);
    await pg.upsert({ id: 'paris', title: 'Other', text: other.text }, other.analysis);
    await pg.close();
    const error = await runMigrateStore({ from: `sqlite:${path}`, to: TEST_DATABASE_URL }, { schema }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('MIGRATION_MISMATCH');
    expect((error as UserError).message).toMatch(/articles 3 → 3, sentences|sentences \d+ → \d+/);
  });

  it('names the flag when --from or --to is malformed', async () => {
    await expect(runMigrateStore({ from: 'mysql:db', to: TEST_DATABASE_URL })).rejects.toThrow(
      /--from must be sqlite:PATH/,
    );
    await expect(runMigrateStore({ from: `sqlite:${path}`, to: 'postgres//nope' })).rejects.toThrow(/--to/);
  });
});
