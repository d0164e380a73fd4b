import { describe, expect, it } from 'vitest';
import type { SubscriptionInput } from '../../src/core/services.js';
import type { DigestRepository } from '../../src/digest/types.js';

const T = (iso: string) => new Date(iso);
const input = (id: string, over: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
  channel: { platform: 'slack', id, workspace: 'T1' },
  schedule: '0 8 * * *',
  timezone: 'UTC',
  createdBy: 'U1',
  ...over,
});

/**
 * The behaviour every DigestRepository must show (SQLite now; the PostgreSQL ledger for replicas
 * runs the same suite). `open` returns a fresh, empty repository and a cleanup.
 */
export function describeDigestRepository(name: string, open: () => Promise<{ repo: DigestRepository; close(): Promise<void> }>) {
  describe(`DigestRepository contract: ${name}`, () => {
    const withRepo = (fn: (repo: DigestRepository) => Promise<void>) => async () => {
      const r = await open();
      try {
        await fn(r.repo);
      } finally {
        await r.close();
      }
    };

    it('keeps one subscription per channel: subscribing again updates it', withRepo(async (repo) => {
      const a = await repo.upsertSubscription(input('C1', { topic: 'security' }), T('2026-03-01T00:00:00Z'));
      expect(a.created).toBe(true);
      const b = await repo.upsertSubscription(input('C1', { schedule: '0 9 * * *', quiet: true }), T('2026-03-01T01:00:00Z'));
      expect(b.created).toBe(false);
      expect(b.subscription.id).toBe(a.subscription.id);
      expect(b.subscription).toMatchObject({ schedule: '0 9 * * *', quiet: true, scheduleFrom: '2026-03-01T01:00:00.000Z' });
      expect(await repo.listSubscriptions()).toHaveLength(1);
      expect((await repo.deleteSubscription(input('C1').channel))?.id).toBe(a.subscription.id);
      expect(await repo.deleteSubscription(input('C1').channel)).toBeUndefined();
    }));

    it('records each (subscription, slot) once however often it is inserted', withRepo(async (repo) => {
      const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
      const row = { subscriptionId: s.id, scheduledFor: '2026-03-01T08:00:00.000Z', kind: 'schedule' as const, state: 'claimed' as const, coversTo: '2026-03-01T08:00:00.000Z' };
      expect(await repo.insertRuns([row, row], T('2026-03-01T08:00:00Z'))).toBe(1);
      expect(await repo.insertRuns([{ ...row, coversTo: '2026-03-01T09:00:00.000Z' }], T('2026-03-01T09:00:00Z'))).toBe(0);
      expect((await repo.recentRuns(s.id, 10)).map((r) => r.coversTo)).toEqual(['2026-03-01T08:00:00.000Z']);
      expect(await repo.latestSlot(s.id)).toBe('2026-03-01T08:00:00.000Z');
    }));

    it('leases a due row to one owner until the lease expires, oldest row of a subscription first', withRepo(async (repo) => {
      const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
      const mk = (slot: string) => ({ subscriptionId: s.id, scheduledFor: slot, kind: 'schedule' as const, state: 'claimed' as const, coversTo: slot, nextAttemptAt: slot });
      await repo.insertRuns([mk('2026-03-01T08:00:00.000Z'), mk('2026-03-02T08:00:00.000Z')], T('2026-03-02T08:00:00Z'));
      const now = T('2026-03-02T08:00:00Z');
      const a = await repo.leaseDue('A', now, 60_000, 10);
      expect(a.map((r) => r.scheduledFor)).toEqual(['2026-03-01T08:00:00.000Z']);
      expect(await repo.leaseDue('B', now, 60_000, 10)).toEqual([]);
      // A dies; after its lease B takes the row over, and only B can finish it.
      const later = T('2026-03-02T08:01:01Z');
      const b = await repo.leaseDue('B', later, 60_000, 10);
      expect(b.map((r) => r.id)).toEqual([a[0].id]);
      expect(await repo.markPosted(a[0].id, 'A', 'M-A', later)).toBe(false);
      expect(await repo.markPosting(b[0].id, 'B', later)).toBe(true);
      expect(await repo.markPosted(b[0].id, 'B', 'M-B', later)).toBe(true);
      expect((await repo.getSubscription(s.id))?.watermark).toBe('2026-03-01T08:00:00.000Z');
      // Now the second slot is the oldest active one.
      expect((await repo.leaseDue('B', later, 60_000, 10)).map((r) => r.scheduledFor)).toEqual(['2026-03-02T08:00:00.000Z']);
    }));

    it('moves the watermark only with a successful post, and never backwards', withRepo(async (repo) => {
      const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
      const now = T('2026-03-03T00:00:00Z');
      await repo.insertRuns([{ subscriptionId: s.id, scheduledFor: '2026-03-02T08:00:00.000Z', kind: 'schedule', state: 'claimed', coversTo: '2026-03-02T08:00:00.000Z' }], now);
      const [r] = await repo.leaseDue('A', now, 60_000, 1);
      await repo.markPosting(r.id, 'A', now);
      await repo.markRetry(r.id, 'A', 'http_503: down', T('2026-03-03T00:05:00Z'), now);
      expect((await repo.getSubscription(s.id))?.watermark).toBeUndefined();
      expect(await repo.leaseDue('A', now, 60_000, 1)).toEqual([]); // waits for its retry time
      expect((await repo.nextAttemptAt(now))?.toISOString()).toBe('2026-03-03T00:05:00.000Z');
      const [again] = await repo.leaseDue('A', T('2026-03-03T00:05:00Z'), 60_000, 1);
      expect(again).toMatchObject({ id: r.id, attempts: 1, state: 'claimed', lastError: 'http_503: down' });
      await repo.markEnded(again.id, 'A', 'failed', 'gave up', now);
      expect((await repo.getSubscription(s.id))?.watermark).toBeUndefined();
      expect((await repo.getRun(r.id))?.state).toBe('failed');
    }));

    it('breaks every lease on a single-node restart', withRepo(async (repo) => {
      const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
      const now = T('2026-03-02T08:00:00Z');
      await repo.insertRuns([{ subscriptionId: s.id, scheduledFor: '2026-03-02T08:00:00.000Z', kind: 'schedule', state: 'claimed', coversTo: '2026-03-02T08:00:00.000Z' }], now);
      const [r] = await repo.leaseDue('dead', now, 3_600_000, 1);
      await repo.markPosting(r.id, 'dead', now);
      // Someone else's live lease: look again when it expires, not before.
      expect((await repo.nextAttemptAt(now))?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
      expect(await repo.breakLeases()).toBe(1);
      const [taken] = await repo.leaseDue('new', now, 60_000, 1);
      expect(taken).toMatchObject({ id: r.id, state: 'posting', attempts: 1 });
    }));
  });
}
