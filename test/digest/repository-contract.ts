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
export function describeDigestRepository(
  name: string,
  open: () => Promise<{ repo: DigestRepository; close(): Promise<void> }>,
) {
  describe(`DigestRepository contract: ${name}`, () => {
    const withRepo = (fn: (repo: DigestRepository) => Promise<void>) => async () => {
      const r = await open();
      try {
        await fn(r.repo);
      } finally {
        await r.close();
      }
    };

    it(
      'keeps one subscription per channel: subscribing again updates it',
      withRepo(async (repo) => {
        const a = await repo.upsertSubscription(input('C1', { topic: 'security' }), T('2026-03-01T00:00:00Z'));
        expect(a.created).toBe(true);
        const b = await repo.upsertSubscription(
          input('C1', { schedule: '0 9 * * *', quiet: true }),
          T('2026-03-01T01:00:00Z'),
        );
        expect(b.created).toBe(false);
        expect(b.subscription.id).toBe(a.subscription.id);
        expect(b.subscription).toMatchObject({
          schedule: '0 9 * * *',
          quiet: true,
          scheduleFrom: '2026-03-01T01:00:00.000Z',
        });
        expect(await repo.listSubscriptions()).toHaveLength(1);
        expect((await repo.deleteSubscription(input('C1').channel))?.id).toBe(a.subscription.id);
        expect(await repo.deleteSubscription(input('C1').channel)).toBeUndefined();
      }),
    );

    it(
      'keeps several named subscriptions in one channel, each with its own filter',
      withRepo(async (repo) => {
        const channel = input('C1').channel;
        const morning = await repo.upsertSubscription(
          input('C1', { name: 'morning', filter: { feeds: [3], include: ['border security'] } }),
          T('2026-03-01T00:00:00Z'),
        );
        const evening = await repo.upsertSubscription(
          input('C1', { name: 'evening', schedule: '0 18 * * *', filter: { exclude: ['sports'] } }),
          T('2026-03-01T00:00:00Z'),
        );
        const plain = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
        expect([morning.created, evening.created, plain.created]).toEqual([true, true, true]);
        expect((await repo.channelSubscriptions(channel)).map((s) => [s.name ?? '', s.schedule, s.filter])).toEqual([
          ['', '0 8 * * *', undefined],
          ['evening', '0 18 * * *', { exclude: ['sports'] }],
          ['morning', '0 8 * * *', { feeds: [3], include: ['border security'] }],
        ]);
        const again = await repo.upsertSubscription(
          input('C1', { name: 'morning', filter: undefined }),
          T('2026-03-01T01:00:00Z'),
        );
        expect(again).toMatchObject({ created: false, subscription: { id: morning.subscription.id } });
        expect(again.subscription.filter).toBeUndefined();
        expect((await repo.findSubscription(channel, 'evening'))?.id).toBe(evening.subscription.id);
        expect((await repo.findSubscription(channel))?.id).toBe(plain.subscription.id);
        expect((await repo.deleteSubscription(channel, 'evening'))?.id).toBe(evening.subscription.id);
        expect((await repo.channelSubscriptions(channel)).map((s) => s.name ?? '')).toEqual(['', 'morning']);
      }),
    );

    it(
      'records each (subscription, slot) once however often it is inserted',
      withRepo(async (repo) => {
        const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
        const row = {
          subscriptionId: s.id,
          scheduledFor: '2026-03-01T08:00:00.000Z',
          kind: 'schedule' as const,
          state: 'claimed' as const,
          coversTo: '2026-03-01T08:00:00.000Z',
        };
        expect(await repo.insertRuns([row, row], T('2026-03-01T08:00:00Z'))).toBe(1);
        expect(
          await repo.insertRuns([{ ...row, coversTo: '2026-03-01T09:00:00.000Z' }], T('2026-03-01T09:00:00Z')),
        ).toBe(0);
        expect((await repo.recentRuns(s.id, 10)).map((r) => r.coversTo)).toEqual(['2026-03-01T08:00:00.000Z']);
        expect(await repo.latestSlot(s.id)).toBe('2026-03-01T08:00:00.000Z');
      }),
    );

    it(
      'leases a due row to one owner until the lease expires, oldest row of a subscription first',
      withRepo(async (repo) => {
        const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
        const mk = (slot: string) => ({
          subscriptionId: s.id,
          scheduledFor: slot,
          kind: 'schedule' as const,
          state: 'claimed' as const,
          coversTo: slot,
          nextAttemptAt: slot,
        });
        await repo.insertRuns(
          [mk('2026-03-01T08:00:00.000Z'), mk('2026-03-02T08:00:00.000Z')],
          T('2026-03-02T08:00:00Z'),
        );
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
        expect((await repo.leaseDue('B', later, 60_000, 10)).map((r) => r.scheduledFor)).toEqual([
          '2026-03-02T08:00:00.000Z',
        ]);
      }),
    );

    it(
      'moves the watermark only with a successful post, and never backwards',
      withRepo(async (repo) => {
        const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
        const now = T('2026-03-03T00:00:00Z');
        await repo.insertRuns(
          [
            {
              subscriptionId: s.id,
              scheduledFor: '2026-03-02T08:00:00.000Z',
              kind: 'schedule',
              state: 'claimed',
              coversTo: '2026-03-02T08:00:00.000Z',
            },
          ],
          now,
        );
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
      }),
    );

    it(
      'reads the latest slot of many subscriptions at once',
      withRepo(async (repo) => {
        const now = T('2026-03-03T00:00:00Z');
        const { subscription: a } = await repo.upsertSubscription(input('C1'), now);
        const { subscription: b } = await repo.upsertSubscription(input('C2'), now);
        const { subscription: c } = await repo.upsertSubscription(input('C3'), now);
        const mk = (id: string, slot: string, kind: 'schedule' | 'now' = 'schedule') => ({
          subscriptionId: id,
          scheduledFor: slot,
          kind,
          state: 'skipped' as const,
          coversTo: slot,
        });
        await repo.insertRuns(
          [
            mk(a.id, '2026-03-01T08:00:00.000Z'),
            mk(a.id, '2026-03-02T08:00:00.000Z'),
            mk(b.id, '2026-03-01T08:00:00.000Z'),
            mk(b.id, '2026-03-02T09:30:00.000Z', 'now'),
          ],
          now,
        );
        const latest = await repo.latestSlots([a.id, b.id, c.id]);
        // A 'now' run is no slot of the schedule, and a subscription with no slot yet is absent; as latestSlot says.
        expect(Object.fromEntries(latest)).toEqual({
          [a.id]: '2026-03-02T08:00:00.000Z',
          [b.id]: '2026-03-01T08:00:00.000Z',
        });
        for (const s of [a, b, c]) expect(latest.get(s.id)).toBe(await repo.latestSlot(s.id));
        expect((await repo.latestSlots([b.id])).get(a.id)).toBeUndefined();
      }),
    );

    it(
      'inserts a long list of rows in one call, each once',
      withRepo(async (repo) => {
        const now = T('2026-03-03T00:00:00Z');
        const subs = [];
        for (let i = 0; i < 40; i++) subs.push((await repo.upsertSubscription(input(`C${i}`), now)).subscription);
        const rows = subs.map((s) => ({
          subscriptionId: s.id,
          scheduledFor: '2026-03-02T08:00:00.000Z',
          kind: 'schedule' as const,
          state: 'claimed' as const,
          coversTo: '2026-03-02T08:00:30.000Z',
          nextAttemptAt: '2026-03-02T08:00:30.000Z',
        }));
        const missed = {
          ...rows[0],
          scheduledFor: '2026-03-01T08:00:00.000Z',
          state: 'missed' as const,
          coversTo: '2026-03-01T08:00:00.000Z',
          nextAttemptAt: undefined,
          lastError: 'down',
        };
        expect(await repo.insertRuns([...rows, missed, rows[3]], now)).toBe(41);
        expect(await repo.insertRuns(rows, now)).toBe(0);
        const [older, newer] = (await repo.recentRuns(subs[0].id, 5)).reverse();
        expect(older).toMatchObject({ state: 'missed', lastError: 'down', coversTo: '2026-03-01T08:00:00.000Z' });
        expect(older.nextAttemptAt).toBeUndefined();
        expect(newer).toMatchObject({
          state: 'claimed',
          coversTo: '2026-03-02T08:00:30.000Z',
          nextAttemptAt: '2026-03-02T08:00:30.000Z',
          createdAt: now.toISOString(),
        });
      }),
    );

    it(
      'leases the rows of one platform when asked, and names the platforms with subscriptions',
      withRepo(async (repo) => {
        const now = T('2026-03-02T08:00:00Z');
        const discord = (id: string) => input(id, { channel: { platform: 'discord', id, workspace: 'G1' } });
        const subs = [];
        for (const i of [1, 2, 3]) subs.push((await repo.upsertSubscription(discord(`D${i}`), now)).subscription);
        for (const i of [1, 2]) subs.push((await repo.upsertSubscription(input(`S${i}`), now)).subscription);
        expect(await repo.platforms()).toEqual(['discord', 'slack']);
        await repo.insertRuns(
          subs.map((s) => ({
            subscriptionId: s.id,
            scheduledFor: '2026-03-02T08:00:00.000Z',
            kind: 'schedule' as const,
            state: 'claimed' as const,
            coversTo: '2026-03-02T08:00:00.000Z',
          })),
          now,
        );
        const platformOf = new Map(subs.map((s) => [s.id, s.channel.platform]));
        const slack = await repo.leaseDue('A', now, 60_000, 10, 'slack');
        expect(slack.map((r) => platformOf.get(r.subscriptionId))).toEqual(['slack', 'slack']);
        const discordRows = await repo.leaseDue('A', now, 60_000, 2, 'discord');
        expect(discordRows.map((r) => platformOf.get(r.subscriptionId))).toEqual(['discord', 'discord']);
        // Without a platform, whatever is left of any platform.
        expect((await repo.leaseDue('B', now, 60_000, 10)).map((r) => platformOf.get(r.subscriptionId))).toEqual([
          'discord',
        ]);
        expect(await repo.leaseDue('B', now, 60_000, 10, 'teams')).toEqual([]);
      }),
    );

    it(
      'breaks every lease on a single-node restart',
      withRepo(async (repo) => {
        const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
        const now = T('2026-03-02T08:00:00Z');
        await repo.insertRuns(
          [
            {
              subscriptionId: s.id,
              scheduledFor: '2026-03-02T08:00:00.000Z',
              kind: 'schedule',
              state: 'claimed',
              coversTo: '2026-03-02T08:00:00.000Z',
            },
          ],
          now,
        );
        const [r] = await repo.leaseDue('dead', now, 3_600_000, 1);
        await repo.markPosting(r.id, 'dead', now);
        // Someone else's live lease: look again when it expires, not before.
        expect((await repo.nextAttemptAt(now))?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
        expect(await repo.breakLeases()).toBe(1);
        const [taken] = await repo.leaseDue('new', now, 60_000, 1);
        expect(taken).toMatchObject({ id: r.id, state: 'posting', attempts: 1 });
      }),
    );

    it(
      'remembers the points of a posted digest for its channel, with the post, and forgets them after the memory span',
      withRepo(async (repo) => {
        const { subscription: s } = await repo.upsertSubscription(input('C1'), T('2026-03-01T00:00:00Z'));
        await repo.upsertSubscription(input('C2'), T('2026-03-01T00:00:00Z'));
        const now = T('2026-03-02T08:00:00Z');
        await repo.insertRuns(
          [
            {
              subscriptionId: s.id,
              scheduledFor: '2026-03-02T08:00:00.000Z',
              kind: 'schedule',
              state: 'claimed',
              coversTo: '2026-03-02T08:00:00.000Z',
            },
          ],
          now,
        );
        const [r] = await repo.leaseDue('A', now, 60_000, 1);
        await repo.markPosting(r.id, 'A', now);
        const points = [
          { articleId: 'a1', idx: 0, text: 'The board met on Friday.' },
          { articleId: 'a2', idx: 3, text: 'Fans protested outside.' },
        ];
        // Someone else's lease: nothing is posted, so nothing is remembered.
        expect(await repo.markPosted(r.id, 'B', 'm0', now, points)).toBe(false);
        expect(await repo.postedPoints(input('C1').channel, ['a1', 'a2'])).toEqual([]);
        expect(await repo.markPosted(r.id, 'A', 'm1', now, points)).toBe(true);
        const remembered = await repo.postedPoints(input('C1').channel, ['a1', 'a2', 'a3']);
        expect(remembered.map((p) => [p.articleId, p.idx, p.text, p.postedAt])).toEqual([
          ['a1', 0, 'The board met on Friday.', '2026-03-02T08:00:00.000Z'],
          ['a2', 3, 'Fans protested outside.', '2026-03-02T08:00:00.000Z'],
        ]);
        expect(await repo.postedPoints(input('C1').channel, ['a2'])).toHaveLength(1);
        expect(await repo.postedPoints(input('C2').channel, ['a1', 'a2'])).toEqual([]);
        // Two months later the next post of the channel prunes them.
        const later = T('2026-05-05T08:00:00Z');
        await repo.insertRuns(
          [
            {
              subscriptionId: s.id,
              scheduledFor: '2026-05-05T08:00:00.000Z',
              kind: 'schedule',
              state: 'claimed',
              coversTo: '2026-05-05T08:00:00.000Z',
            },
          ],
          later,
        );
        const [next] = await repo.leaseDue('A', later, 60_000, 1);
        await repo.markPosting(next.id, 'A', later);
        await repo.markPosted(next.id, 'A', 'm2', later, [{ articleId: 'a9', idx: 1, text: 'A later point.' }]);
        expect((await repo.postedPoints(input('C1').channel, ['a1', 'a2', 'a9'])).map((p) => p.articleId)).toEqual([
          'a9',
        ]);
      }),
    );
  });
}
