import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DIGEST_COMPONENT, DIGEST_MIGRATIONS } from '../../src/digest/sqlite/migrations.js';
import { SqliteDigestRepository } from '../../src/digest/sqlite/sqlite-digest-repository.js';
import { runMigrations } from '../../src/store/migrations.js';

describe('digest schema v2 on SQLite (several subscriptions per channel)', () => {
  it('keeps every subscription, run and watermark of a v1 store, and the ledger still follows its subscriptions', async () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(db, DIGEST_COMPONENT, DIGEST_MIGRATIONS.slice(0, 1));
    db.exec(`INSERT INTO digest_subscriptions (id, platform, channel_id, workspace, schedule, timezone, topic, quiet, created_by, created_at, updated_at, schedule_from, watermark)
      VALUES ('s1', 'slack', 'C1', 'T1', '0 8 * * *', 'UTC', 'security', 1, 'U1', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-03-02T08:00:00.000Z');
      INSERT INTO digest_runs (subscription_id, scheduled_for, kind, state, covers_to, created_at, updated_at)
      VALUES ('s1', '2026-03-02T08:00:00Z', 'schedule', 'posted', '2026-03-02T08:00:00Z', 'x', 'x'),
             ('s1', '2026-03-03T08:00:00Z', 'schedule', 'claimed', '2026-03-03T08:00:00Z', 'x', 'x');`);
    const repo = await SqliteDigestRepository.open({ db });
    const [sub] = await repo.listSubscriptions();
    expect(sub).toMatchObject({ id: 's1', topic: 'security', quiet: true, watermark: '2026-03-02T08:00:00.000Z' });
    expect(sub.name).toBeUndefined();
    expect((await repo.recentRuns('s1', 10)).map((r) => r.state)).toEqual(['claimed', 'posted']);
    // New runs keep counting after the copied ids, and still go when their subscription goes.
    await repo.insertRuns(
      [
        {
          subscriptionId: 's1',
          scheduledFor: '2026-03-04T08:00:00.000Z',
          kind: 'schedule',
          state: 'claimed',
          coversTo: '2026-03-04T08:00:00.000Z',
        },
      ],
      new Date(),
    );
    expect((await repo.recentRuns('s1', 1))[0].id).toBe(3);
    await repo.deleteSubscription({ platform: 'slack', id: 'C1' });
    expect(db.prepare('SELECT count(*) AS n FROM digest_runs').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
