import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDigestHarness, SLACK_CHANNEL, type DigestHarness } from './helpers/digest-app.js';
import { HttpRecorderAdapter } from './helpers/http-recorder-adapter.js';
import { RecorderServer } from './helpers/recorder-server.js';

const chan = (id: string) => ({ platform: 'slack' as const, id, workspace: 'T1' });

describe('/digest commands through the real bot', () => {
  let app: DigestHarness;
  const server = new RecorderServer();
  beforeAll(async () => {
    app = await makeDigestHarness();
    app.adapters.set('slack', new HttpRecorderAdapter(await server.listen()));
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await app?.close();
  });

  it('subscribes a channel and replies with the next three runs in its timezone', async () => {
    const r = await app.digest('subscribe schedule:"0 8 * * 1-5" timezone:America/Mexico_City topic:security');
    expect(r.errorCode).toBeUndefined();
    expect(r.plain).toContain('Subscribed');
    // 2026-03-02 12:00Z is Monday 06:00 in Mexico City: next 08:00 Mon, Tue, Wed (CST, UTC-6).
    expect(r.plain).toContain('Mon, 2 Mar 2026, 08:00');
    expect(r.plain).toContain('Tue, 3 Mar 2026, 08:00');
    expect(r.plain).toContain('Wed, 4 Mar 2026, 08:00');
    const runs = (r.data as { nextRuns: Date[] }).nextRuns.map((d) => new Date(d).toISOString());
    expect(runs).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-03T14:00:00.000Z', '2026-03-04T14:00:00.000Z']);
  });

  it('updates instead of duplicating when the same channel subscribes twice', async () => {
    const r = await app.digest('subscribe schedule:"30 9 * * *" timezone:Europe/Berlin topic:arms quiet:yes');
    expect(r.plain).toContain('Updated the digest');
    const subs = await app.repo.listSubscriptions();
    const mine = subs.filter((s) => s.channel.id === SLACK_CHANNEL.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ schedule: '30 9 * * *', timezone: 'Europe/Berlin', topic: 'arms', quiet: true });
  });

  it('rejects an invalid cron expression with a clear message and stores nothing', async () => {
    for (const bad of ['61 8 * * *', 'every morning', '0 8 * *', '0 0 8 * * *', '@daily', '0 25 * * *']) {
      const r = await app.digest(`subscribe schedule:"${bad}" timezone:UTC`, { channel: chan('C-BAD') });
      expect(r.errorCode, bad).toMatch(/BAD_SCHEDULE/);
      expect(r.plain).toMatch(/cron|field|Nicknames/);
    }
    expect(await app.service.find(chan('C-BAD'))).toBeUndefined();
  });

  it('reads a timezone abbreviation as the zone people mean and says so, instead of EST silently becoming America/Panama', async () => {
    const est = await app.digest('subscribe schedule:"0 8 * * *" timezone:EST', { channel: chan('C-EST') });
    expect(est.errorCode).toBeUndefined();
    expect(est.plain).toContain('in America/New_York');
    expect(est.plain).toContain('Note: "EST" is an abbreviation, not a timezone: read as America/New_York');
    expect((await app.service.find(chan('C-EST')))?.timezone).toBe('America/New_York');
    // An old IANA link is accepted under its current name, said aloud; a plain IANA name gets no note.
    const link = await app.digest('subscribe schedule:"0 8 * * *" timezone:US/Pacific', { channel: chan('C-EST') });
    expect(link.plain).toContain('Note: "US/Pacific" was read as America/Los_Angeles.');
    const plain = await app.digest('subscribe schedule:"0 8 * * *" timezone:Europe/Berlin', { channel: chan('C-EST') });
    expect(plain.plain).not.toContain('Note:');
    const utc = await app.digest('subscribe schedule:"0 8 * * *" timezone:GMT', { channel: chan('C-EST') });
    expect(utc.plain).toContain('in UTC');
    expect(utc.plain).not.toContain('Note:');
  });

  it('rejects an unknown timezone and accepts a differently-cased IANA name', async () => {
    for (const bad of ['Mars/Olympus_Mons', '+05:00', 'EST5EDTX', 'America/Mexico City']) {
      const r = await app.digest(`subscribe schedule:"0 8 * * *" timezone:"${bad}"`, { channel: chan('C-TZ') });
      expect(r.errorCode, bad).toBe('BAD_TIMEZONE');
      expect(r.plain).toContain('IANA timezone');
    }
    const ok = await app.digest('subscribe schedule:"0 8 * * *" timezone:america/mexico_city', {
      channel: chan('C-TZ'),
    });
    expect(ok.errorCode).toBeUndefined();
    expect((await app.service.find(chan('C-TZ')))?.timezone).toBe('America/Mexico_City');
  });

  it('enforces the interval floor: 1,000 every-minute subscriptions are all refused, none stored', async () => {
    const before = (await app.repo.listSubscriptions()).length;
    const codes = new Set<string | undefined>();
    for (let i = 0; i < 1000; i++) {
      const r = await app.digest('subscribe schedule:"* * * * *" timezone:UTC', { channel: chan(`C-FLOOD-${i}`) });
      codes.add(r.errorCode);
      if (i === 0) expect(r.plain).toMatch(/every 1 minute.*at most every 15 minutes/);
    }
    expect([...codes]).toEqual(['SCHEDULE_TOO_FREQUENT']);
    expect((await app.repo.listSubscriptions()).length).toBe(before);
    const close = await app.digest('subscribe schedule:"0,10 8 * * *" timezone:UTC', { channel: chan('C-FLOOD-X') });
    expect(close.errorCode).toBe('SCHEDULE_TOO_FREQUENT');
    const ok = await app.digest('subscribe schedule:"*/15 * * * *" timezone:UTC', { channel: chan('C-FLOOD-Y') });
    expect(ok.errorCode).toBeUndefined();
  });

  it('takes a topic full of FTS syntax and previews it safely', async () => {
    const topic = 'security" OR (arms* AND ^talks:NOT -"';
    const r = await app.digest(`subscribe schedule:"0 7 * * *" timezone:UTC topic:'${topic}'`, {
      channel: chan('C-FTS'),
    });
    expect(r.errorCode).toBeUndefined();
    const p = await app.digest('preview', { channel: chan('C-FTS') });
    expect(p.errorCode).toBeUndefined();
    expect(p.visibility).toBe('ephemeral');
    expect(p.plain).toMatch(/security|Arms|talks/i);
    const adhoc = await app.digest('preview "unbalanced AND (', { channel: chan('C-NONE') });
    expect(adhoc.errorCode).toBeUndefined();
    expect(adhoc.visibility).toBe('ephemeral');
  });

  it('says clearly when unsubscribing a channel that is not subscribed', async () => {
    const r = await app.digest('unsubscribe', { channel: chan('C-NEVER') });
    expect(r.errorCode).toBe('NOT_SUBSCRIBED');
    expect(r.plain).toContain('no digest subscription');
  });

  it('lets admins create, the creator change and stop, and nobody else', async () => {
    const c = chan('C-OWN');
    const denied = await app.digest('subscribe schedule:"0 8 * * *" timezone:UTC', {
      user: 'U-BOB',
      admin: false,
      channel: c,
    });
    expect(denied.errorCode).toBe('NOT_ADMIN');
    await app.digest('subscribe schedule:"0 8 * * *" timezone:UTC', { user: 'U-CAROL', admin: true, channel: c });
    const byCreator = await app.digest('subscribe schedule:"0 9 * * *"', { user: 'U-CAROL', admin: false, channel: c });
    expect(byCreator.errorCode).toBeUndefined();
    expect((await app.service.find(c))?.schedule).toBe('0 9 * * *');
    const byOther = await app.digest('unsubscribe', { user: 'U-BOB', admin: false, channel: c });
    expect(byOther.errorCode).toBe('NOT_ADMIN');
    const now = await app.digest('now', { user: 'U-CAROL', admin: false, channel: c });
    expect(now.errorCode).toBe('NOT_ADMIN');
    const stop = await app.digest('unsubscribe', { user: 'U-CAROL', admin: false, channel: c });
    expect(stop.errorCode).toBeUndefined();
    expect(await app.service.find(c)).toBeUndefined();
  });

  it('lists subscriptions with next run and the daylight-saving policy', async () => {
    const r = await app.digest('list');
    expect(r.plain).toContain('slack C-NEWS');
    expect(r.plain).toMatch(/Next run: .*09:30/);
    expect(r.plain).toContain('Last result: no digest yet');
    expect(r.plain).toContain('spring forward');
    expect(r.plain).toContain('fires once');
  });

  it('/digest now posts the next digest at once (admins only) and moves the watermark', async () => {
    const c = chan('C-NOW');
    const none = await app.digest('now', { channel: c });
    expect(none.errorCode).toBe('NOT_SUBSCRIBED');
    await app.digest('subscribe schedule:"0 8 * * *" timezone:UTC topic:arms', { channel: c });
    const r = await app.digest('now', { channel: c });
    expect(r.plain).toContain('Posted the digest');
    const posts = server.postsFor('C-NOW');
    expect(posts).toHaveLength(1);
    expect(posts[0].text).toContain('Arms smuggling tops the agenda');
    expect((await app.service.find(c))?.watermark).toBe(app.clock.now().toISOString());
    const list = await app.digest('list here:yes', { channel: c });
    expect(list.plain).toMatch(/Last result: posted/);
  });
});
