import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredSubscription } from '../../src/digest/types.js';
import { PgDigestRepository } from '../../src/digest/postgres/pg-digest-repository.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from '../store/postgres-test-db.js';

const run = await shouldRunPostgres('postgres-ledger');
const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.skipIf(!run)('the PostgreSQL delivery ledger shared by replicas', () => {
  const schema = testSchema('bb_ledger');
  // One pool per "replica", as separate processes would have.
  const stores: PostgresStore[] = [];
  const repos: PgDigestRepository[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const store = await openPostgresStore(TEST_DATABASE_URL, { schema });
      stores.push(store);
      repos.push(new PgDigestRepository(store));
    }
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await dropSchema(schema);
  });

  const subscribe = (repo: PgDigestRepository, id: string) =>
    repo.upsertSubscription(
      { channel: { platform: 'slack', id }, schedule: '0 8 * * *', timezone: 'UTC', createdBy: 'u' },
      T0,
    );
  const dueRun = (subscriptionId: string, slot = T0) => ({
    subscriptionId,
    scheduledFor: slot.toISOString(),
    kind: 'schedule' as const,
    state: 'claimed' as const,
    coversTo: slot.toISOString(),
    nextAttemptAt: slot.toISOString(),
  });

  it('creates one subscription when three replicas subscribe the same channel at once', async () => {
    const results = await Promise.all(repos.map((r) => subscribe(r, 'C-same')));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.subscription.id)).size).toBe(1);
  });

  it('gives each due run to exactly one of three replicas leasing at the same moment', async () => {
    const subs: StoredSubscription[] = [];
    for (let i = 0; i < 120; i++) subs.push((await subscribe(repos[0], `C-${i}`)).subscription);
    // Every replica records the same slots; the unique key keeps one row each.
    const inserted = await Promise.all(
      repos.map((r) =>
        r.insertRuns(
          subs.map((s) => dueRun(s.id)),
          T0,
        ),
      ),
    );
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(120);

    const leased: number[][] = [[], [], []];
    for (let round = 0; round < 20; round++) {
      const batches = await Promise.all(repos.map((r, i) => r.leaseDue(`replica-${i}`, at(1_000), 60_000, 7)));
      batches.forEach((rows, i) => {
        leased[i].push(...rows.map((row) => row.id));
      });
      if (batches.every((b) => b.length === 0)) break;
    }
    const all = leased.flat();
    expect(all).toHaveLength(120);
    expect(new Set(all).size).toBe(120);
    expect(leased.filter((l) => l.length > 0).length).toBeGreaterThan(1);
  });

  it('lets another replica take over a run once its lease has expired, and shuts the old holder out', async () => {
    const sub = (await subscribe(repos[0], 'C-lease')).subscription;
    await repos[0].insertRuns([dueRun(sub.id, at(10_000))], at(10_000));
    const [mine] = (await repos[0].leaseDue('replica-0', at(10_000), 5_000, 500)).filter(
      (r) => r.subscriptionId === sub.id,
    );
    expect(mine).toBeDefined();
    expect(await repos[0].markPosting(mine.id, 'replica-0', at(10_001))).toBe(true);

    // While the lease lasts nobody else gets the row.
    const early = await repos[1].leaseDue('replica-1', at(14_000), 5_000, 500);
    expect(early.map((r) => r.id)).not.toContain(mine.id);

    // replica-0 "dies"; after the lease, replica-1 takes the row over, still marked as posting.
    const late = (await repos[1].leaseDue('replica-1', at(15_001), 5_000, 500)).find((r) => r.id === mine.id)!;
    expect(late).toMatchObject({ state: 'posting', attempts: 1, claimedBy: 'replica-1' });

    // The old holder can no longer change the row; the new one posts it and moves the watermark.
    expect(await repos[0].markPosted(mine.id, 'replica-0', 'm-old', at(15_002))).toBe(false);
    expect(await repos[1].markPosting(mine.id, 'replica-1', at(15_003))).toBe(true);
    expect(await repos[1].markPosted(mine.id, 'replica-1', 'm-new', at(15_004))).toBe(true);
    expect(await repos[0].getRun(mine.id)).toMatchObject({ state: 'posted', messageId: 'm-new', attempts: 2 });
    expect((await repos[2].getSubscription(sub.id))!.watermark).toBe(at(10_000).toISOString());
  });

  it('never moves a watermark backwards, and retries wait for their time', async () => {
    const sub = (await subscribe(repos[0], 'C-order')).subscription;
    await repos[0].insertRuns([dueRun(sub.id, at(20_000)), dueRun(sub.id, at(30_000))], at(30_000));
    const [first] = (await repos[0].leaseDue('r', at(30_000), 5_000, 500)).filter((r) => r.subscriptionId === sub.id);
    // Only the oldest active run of a subscription is handed out.
    expect(first.scheduledFor).toBe(at(20_000).toISOString());
    await repos[0].markPosting(first.id, 'r', at(30_001));
    await repos[0].markRetry(first.id, 'r', 'http_503', at(90_000), at(30_002));
    expect((await repos[0].leaseDue('r', at(60_000), 5_000, 500)).filter((r) => r.subscriptionId === sub.id)).toEqual(
      [],
    );
    expect((await repos[0].nextAttemptAt(at(60_000)))!.getTime()).toBeLessThanOrEqual(at(90_000).getTime());
    const [again] = (await repos[0].leaseDue('r', at(90_000), 5_000, 500)).filter((r) => r.subscriptionId === sub.id);
    expect(again.id).toBe(first.id);
    await repos[0].markPosting(again.id, 'r', at(90_001));
    await repos[0].markPosted(again.id, 'r', 'm1', at(90_002));
    const [second] = (await repos[0].leaseDue('r', at(90_003), 5_000, 500)).filter((r) => r.subscriptionId === sub.id);
    await repos[0].markPosting(second.id, 'r', at(90_004));
    await repos[0].markPosted(second.id, 'r', 'm2', at(90_005));
    expect((await repos[0].getSubscription(sub.id))!.watermark).toBe(at(30_000).toISOString());
    // A late run covering less (a /digest now queued earlier) posts, but the watermark stays put.
    await repos[0].insertRuns([{ ...dueRun(sub.id, at(25_000)), kind: 'now' }], at(90_006));
    const [stale] = (await repos[0].leaseDue('r', at(90_006), 5_000, 500)).filter((r) => r.subscriptionId === sub.id);
    expect(stale.coversTo).toBe(at(25_000).toISOString());
    await repos[0].markPosting(stale.id, 'r', at(90_007));
    expect(await repos[0].markPosted(stale.id, 'r', 'm3', at(90_008))).toBe(true);
    expect((await repos[0].getSubscription(sub.id))!.watermark).toBe(at(30_000).toISOString());
  });
});
