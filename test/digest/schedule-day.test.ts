import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextRuns } from '../../src/digest/next-runs.js';
import { makeDigestHarness } from './helpers/digest-app.js';
import { HttpRecorderAdapter } from './helpers/http-recorder-adapter.js';
import { RecorderServer } from './helpers/recorder-server.js';

const STEP = 5 * 60_000;

/**
 * Drives the real runner with a fake clock in 5-minute steps (every slot below is on a 5-minute
 * boundary), as node-cron would wake it, and records when each post reached the platform.
 */
async function driveDay(start: string, end: string, subs: { id: string; schedule: string; timezone: string }[]) {
  const h = await makeDigestHarness({ start, articles: true });
  const server = new RecorderServer();
  const url = await server.listen();
  h.adapters.set('slack', new HttpRecorderAdapter(url));
  const postedAt = new Map<string, string[]>();
  server.onStored = (p) => postedAt.set(p.channel, [...(postedAt.get(p.channel) ?? []), h.clock.now().toISOString()]);
  for (const s of subs)
    await h.service.subscribe({
      channel: { platform: 'slack', id: s.id },
      schedule: s.schedule,
      timezone: s.timezone,
      createdBy: 'U1',
    });
  for (let t = Date.parse(start) + STEP; t <= Date.parse(end); t += STEP) {
    h.clock.set(new Date(t));
    await h.runner.reconcile(h.clock.now());
    await h.runner.drain();
  }
  const rows = new Map<string, { slot: string; state: string }[]>();
  for (const s of await h.repo.listSubscriptions()) {
    rows.set(
      s.channel.id,
      (await h.repo.recentRuns(s.id, 100)).reverse().map((r) => ({ slot: r.scheduledFor, state: r.state })),
    );
  }
  await server.close();
  await h.close();
  return { postedAt, rows };
}

const posted = (slots: string[]) => slots.map((slot) => ({ slot, state: 'posted' }));

describe('a fake clock drives schedules across timezones and DST changes', () => {
  it('fires the right runs, only those, on time, across the US spring-forward night', async () => {
    const { postedAt, rows } = await driveDay('2026-03-07T12:00:00Z', '2026-03-09T15:00:00Z', [
      { id: 'MX', schedule: '0 8 * * 1-5', timezone: 'America/Mexico_City' },
      { id: 'NY-GAP', schedule: '30 2 * * *', timezone: 'America/New_York' },
      { id: 'NY-EARLY', schedule: '45 1 * * *', timezone: 'America/New_York' },
      { id: 'TOKYO', schedule: '0 9,17 * * *', timezone: 'Asia/Tokyo' },
      { id: 'UTC6', schedule: '0 */6 * * *', timezone: 'UTC' },
    ]);
    // Mexico has no DST since 2022: weekdays only, 08:00 CST = 14:00Z.
    expect(rows.get('MX')).toEqual(posted(['2026-03-09T14:00:00.000Z']));
    // 02:30 does not exist in New York on 8 March (02:00 → 03:00): skipped that day.
    expect(rows.get('NY-GAP')).toEqual(posted(['2026-03-09T06:30:00.000Z']));
    expect(rows.get('NY-EARLY')).toEqual(posted(['2026-03-08T06:45:00.000Z', '2026-03-09T05:45:00.000Z']));
    expect(rows.get('TOKYO')).toEqual(
      posted([
        '2026-03-08T00:00:00.000Z',
        '2026-03-08T08:00:00.000Z',
        '2026-03-09T00:00:00.000Z',
        '2026-03-09T08:00:00.000Z',
      ]),
    );
    expect(rows.get('UTC6')).toEqual(
      posted([
        '2026-03-07T18:00:00.000Z',
        '2026-03-08T00:00:00.000Z',
        '2026-03-08T06:00:00.000Z',
        '2026-03-08T12:00:00.000Z',
        '2026-03-08T18:00:00.000Z',
        '2026-03-09T00:00:00.000Z',
        '2026-03-09T06:00:00.000Z',
        '2026-03-09T12:00:00.000Z',
      ]),
    );
    // Each post went out at its slot, not late.
    for (const [channel, list] of rows) expect(postedAt.get(channel), channel).toEqual(list.map((r) => r.slot));
  }, 120_000);

  it('fires a run in the repeated fall-back hour once', async () => {
    const { rows } = await driveDay('2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z', [
      { id: 'NY-0130', schedule: '30 1 * * *', timezone: 'America/New_York' },
      { id: 'NY-HALF', schedule: '*/30 1 * * *', timezone: 'America/New_York' },
      { id: 'BERLIN', schedule: '0 2 * * *', timezone: 'Europe/Berlin' },
    ]);
    // 01:30 happens twice in New York on 1 November (EDT 05:30Z, EST 06:30Z): one digest.
    expect(rows.get('NY-0130')).toEqual(posted(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']));
    expect(rows.get('NY-HALF')).toEqual(
      posted([
        '2026-11-01T05:00:00.000Z',
        '2026-11-01T05:30:00.000Z',
        '2026-11-02T06:00:00.000Z',
        '2026-11-02T06:30:00.000Z',
      ]),
    );
    expect(rows.get('BERLIN')).toEqual(posted(['2026-11-01T01:00:00.000Z', '2026-11-02T01:00:00.000Z']));
  }, 120_000);
});

describe('our run-time computation agrees with node-cron', () => {
  afterEach(() => vi.useRealTimers());

  const cases: [string, string, string][] = [
    ['0 8 * * 1-5', 'America/Mexico_City', '2026-11-27T10:00:00Z'],
    ['30 2 * * *', 'America/New_York', '2026-03-06T00:00:00Z'],
    ['*/15 1 * * *', 'America/New_York', '2026-10-31T00:00:00Z'],
    ['*/15 2 * * *', 'Europe/Berlin', '2026-10-24T12:00:00Z'],
    ['0 2,3 * * *', 'Europe/Berlin', '2026-03-28T12:00:00Z'],
    ['0 0 * * *', 'Asia/Kolkata', '2026-10-24T12:00:00Z'],
    ['0 9 L * *', 'Australia/Lord_Howe', '2026-03-24T12:00:00Z'],
    ['30 0 * * 0', 'America/Santiago', '2026-04-01T00:00:00Z'],
    ['0 12 1 1 *', 'Pacific/Chatham', '2026-06-01T00:00:00Z'],
  ];

  it.each(cases)('%s in %s from %s', (schedule, timezone, from) => {
    const task = cron.createTask(schedule, () => undefined, { timezone });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(from));
    const theirs = task.getNextRuns(12).map((d) => d.toISOString());
    vi.useRealTimers();
    void task.destroy();
    expect(nextRuns(schedule, timezone, new Date(from), 12).map((d) => d.toISOString())).toEqual(theirs);
  });
});
