import { afterEach, describe, expect, it } from 'vitest';
import { runSchedule } from '../../src/digest/run-schedule.js';
import { makeDigestHarness, type DigestHarness } from './helpers/digest-app.js';
import { fixture, ingest } from './helpers/digest-fixture.js';
import { HttpRecorderAdapter } from './helpers/http-recorder-adapter.js';
import { RecorderServer } from './helpers/recorder-server.js';

describe('catch-up after downtime', () => {
  let h: DigestHarness;
  let server: RecorderServer;
  afterEach(async () => {
    await server?.close();
    await h?.close();
  });

  async function setup(schedule: string, start: string) {
    h = await makeDigestHarness({ start, articles: false });
    server = new RecorderServer();
    h.adapters.set('slack', new HttpRecorderAdapter(await server.listen()));
    await h.service.subscribe({ channel: { platform: 'slack', id: 'C1' }, schedule, timezone: 'UTC', createdBy: 'U1' });
    return (await h.service.find({ platform: 'slack', id: 'C1' }))!;
  }

  /** A process start at the current clock: the scheduler's own start path (lease takeover, jobs, catch-up). */
  async function restart() {
    await h.scheduler.start();
    await h.scheduler.stop();
  }

  const runs = async (id: string) =>
    (await h.repo.recentRuns(id, 50)).reverse().map((r) => `${r.scheduledFor.slice(11, 16)} ${r.state}`);

  it('posts runs missed within the grace window once, collapsed into one digest covering the whole gap', async () => {
    const sub = await setup('0 * * * *', '2026-03-02T00:10:00Z');
    await ingest(h.tmp.store, fixture('talks-open'));
    h.clock.set('2026-03-02T01:00:00Z');
    await restart();
    expect(server.posts).toHaveLength(1);
    // Down from 01:05 to 04:20; an article arrives meanwhile.
    h.clock.set('2026-03-02T02:30:00Z');
    await ingest(h.tmp.store, fixture('arms-smuggling'));
    h.clock.set('2026-03-02T04:20:00Z');
    await restart();
    expect(server.posts).toHaveLength(2);
    expect(await runs(sub.id)).toEqual(['01:00 posted', '02:00 skipped', '03:00 skipped', '04:00 posted']);
    const digest = server.posts[1];
    expect(digest.windowFrom).toBe('2026-03-02T01:00:00.000Z');
    expect(digest.windowTo).toBe('2026-03-02T04:20:00.000Z');
    expect(digest.text).toContain('Arms smuggling tops the agenda');
    expect(digest.text).not.toContain('Security talks open'); // already in the 01:00 digest
    // A second start at the same moment posts nothing more.
    await restart();
    expect(server.posts).toHaveLength(2);
  }, 60_000);

  it('records runs older than the grace window as missed and posts one digest for the rest', async () => {
    const sub = await setup('0 * * * *', '2026-03-02T03:50:00Z');
    h.clock.set('2026-03-02T04:00:00Z');
    await restart();
    // Down from 04:05 to 14:30: 05:00–08:00 are more than 6 h old, 09:00–14:00 are inside the window.
    h.clock.set('2026-03-02T14:30:00Z');
    await restart();
    expect(await runs(sub.id)).toEqual([
      '04:00 posted',
      '05:00 missed',
      '06:00 missed',
      '07:00 missed',
      '08:00 missed',
      '09:00 skipped',
      '10:00 skipped',
      '11:00 skipped',
      '12:00 skipped',
      '13:00 skipped',
      '14:00 posted',
    ]);
    expect(server.posts).toHaveLength(2);
    expect(server.posts[1].windowFrom).toBe('2026-03-02T04:00:00.000Z');
  }, 60_000);

  it('posts nothing when every missed run is past the grace window; the next digest covers the whole interval', async () => {
    const sub = await setup('0 8 * * *', '2026-03-02T07:00:00Z');
    h.clock.set('2026-03-02T08:00:00Z');
    await restart();
    h.clock.set('2026-03-03T12:00:00Z');
    await ingest(h.tmp.store, fixture('framework-signed'));
    h.clock.set('2026-03-04T20:00:00Z'); // down for two and a half days
    await restart();
    expect(await runs(sub.id)).toEqual(['08:00 posted', '08:00 missed', '08:00 missed']);
    expect(server.posts).toHaveLength(1);
    const list = await h.digest('list');
    expect(list.plain).toMatch(/Last result: missed .* \(bot was down\); the next digest covers it/);
    h.clock.set('2026-03-05T08:00:00Z');
    await restart();
    expect(server.posts).toHaveLength(2);
    expect(server.posts[1].windowFrom).toBe('2026-03-02T08:00:00.000Z');
    expect(server.posts[1].text).toContain('Both sides sign a new security framework');
  }, 60_000);

  it('runSchedule(at, { dryRun }) shows the plan and the digest without writing or posting; without dryRun it delivers', async () => {
    const sub = await setup('0 * * * *', '2026-03-02T00:10:00Z');
    await ingest(h.tmp.store, fixture('talks-open'));
    const at = new Date('2026-03-02T03:15:00Z');
    const dry = await runSchedule(h.runner, at, { dryRun: true });
    expect(dry).toHaveLength(1);
    expect(dry[0].slots.map((x) => `${x.scheduledFor.slice(11, 16)} ${x.state}`)).toEqual([
      '01:00 skipped',
      '02:00 skipped',
      '03:00 due',
    ]);
    expect(dry[0].preview?.sections.map((x) => x.heading)).toContain('Security talks open in Mexico City');
    expect(await h.repo.recentRuns(sub.id, 10)).toEqual([]);
    expect(server.posts).toHaveLength(0);
    const real = await runSchedule(h.runner, at);
    expect(real[0].outcome?.state).toBe('posted');
    expect(server.posts).toHaveLength(1);
    expect(await runs(sub.id)).toEqual(['01:00 skipped', '02:00 skipped', '03:00 posted']);
  }, 60_000);
});
