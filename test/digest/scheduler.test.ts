import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeDigestHarness, type DigestHarness } from './helpers/digest-app.js';
import { HttpRecorderAdapter } from './helpers/http-recorder-adapter.js';
import { RecorderServer } from './helpers/recorder-server.js';

/** Lets real I/O (SQLite is sync; the loopback HTTP post is not) finish while timers are fake. */
async function settle(until: () => boolean, realMs = 10_000): Promise<void> {
  const deadline = performance.now() + realMs;
  while (!until() && performance.now() < deadline) await new Promise((r) => setImmediate(r));
}

describe('node-cron scheduling', () => {
  let h: DigestHarness;
  let server: RecorderServer;
  afterEach(async () => {
    vi.useRealTimers();
    await server?.close();
    await h?.close();
  });

  it('keeps one job per distinct schedule and timezone, added and removed while running', async () => {
    h = await makeDigestHarness({ start: '2026-03-02T12:00:00Z', articles: false });
    await h.scheduler.start();
    const sub = (id: string, schedule: string, timezone: string) =>
      h.service.subscribe({ channel: { platform: 'slack', id }, schedule, timezone, createdBy: 'U1' });
    await sub('A', '0 8 * * 1-5', 'America/Mexico_City');
    await sub('B', '0 8 * * 1-5', 'America/Mexico_City');
    await sub('C', '0 8 * * 1-5', 'Europe/Berlin');
    expect(h.scheduler.jobKeys().sort()).toEqual(['America/Mexico_City 0 8 * * 1-5', 'Europe/Berlin 0 8 * * 1-5']);
    await h.service.unsubscribe({ platform: 'slack', id: 'A' });
    expect(h.scheduler.jobKeys()).toHaveLength(2);
    await h.service.unsubscribe({ platform: 'slack', id: 'B' });
    expect(h.scheduler.jobKeys()).toEqual(['Europe/Berlin 0 8 * * 1-5']);
    await sub('C', '30 7 * * *', 'Europe/Berlin'); // a changed schedule moves the channel to another job
    expect(h.scheduler.jobKeys()).toEqual(['Europe/Berlin 30 7 * * *']);
  });

  it('node-cron fires the job at its slot and the digest is posted; the spring-forward gap does not fire', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2026-03-06T13:59:00Z'));
    h = await makeDigestHarness({ systemClock: true });
    server = new RecorderServer();
    h.adapters.set('slack', new HttpRecorderAdapter(await server.listen()));
    await h.service.subscribe({
      channel: { platform: 'slack', id: 'MX' },
      schedule: '0 8 * * *',
      timezone: 'America/Mexico_City',
      createdBy: 'U1',
    });
    await h.service.subscribe({
      channel: { platform: 'slack', id: 'NY' },
      schedule: '30 2 * * *',
      timezone: 'America/New_York',
      createdBy: 'U1',
    });
    await h.scheduler.start();
    expect(server.posts).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(61_000); // 14:00Z = 08:00 in Mexico City
    await settle(() => server.posts.length === 1);
    expect(server.posts.map((p) => p.channel)).toEqual(['MX']);

    // Through the New York spring-forward night (8 March: 02:00 → 03:00) and the next day.
    for (let i = 0; i < 4 * 24; i++) {
      await vi.advanceTimersByTimeAsync(3_600_000);
      await settle(() => false, 5);
    }
    await settle(() => server.postsFor('NY').length >= 3);
    const ny = (await h.repo.recentRuns((await h.service.find({ platform: 'slack', id: 'NY' }))!.id, 10))
      .map((r) => r.scheduledFor)
      .sort();
    // 7 March 02:30 EST, (8 March skipped), 9 March 02:30 EDT, 10 March 02:30 EDT.
    expect(ny).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
    expect(server.postsFor('NY')).toHaveLength(3);
    expect(server.postsFor('MX')).toHaveLength(5); // 6–10 March
  }, 120_000);
});
