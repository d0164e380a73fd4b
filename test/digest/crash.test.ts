import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../../scripts/bench/random.js';
import { runMarker } from '../../src/digest/runner.js';
import { SqliteDigestRepository } from '../../src/digest/sqlite/sqlite-digest-repository.js';
import type { StoredSubscription } from '../../src/digest/types.js';
import { BotProcess, childCommand } from './crash/bot-process.js';
import { fixture, ingest, tempStore, TestClock, type TempStore } from './helpers/digest-fixture.js';
import { RecorderServer } from './helpers/recorder-server.js';

const TRIALS = Number(process.env.DIGEST_CRASH_TRIALS ?? 100);
const CHANNELS = 50;
const SEED = 20261127;
const T0 = Date.parse('2026-01-05T00:00:00Z');
const HOUR = 3_600_000;

type KillMode = 'stored-no-answer' | 'answered' | 'delay';

describe('crash test: a bot killed at random points while posting a digest to 50 channels', () => {
  const clock = new TestClock(new Date(T0));
  const server = new RecorderServer();
  let tmp: TempStore;
  let repo: SqliteDigestRepository;
  let subs: StoredSubscription[];
  let url: string;
  let args: string[];

  beforeAll(async () => {
    [url, args] = await Promise.all([server.listen(), childCommand()]);
    tmp = await tempStore(clock.now);
    repo = await SqliteDigestRepository.open(tmp.store);
    for (const id of ['talks-open', 'arms-smuggling']) await ingest(tmp.store, fixture(id));
    for (let c = 0; c < CHANNELS; c++) {
      await repo.upsertSubscription(
        {
          channel: { platform: 'slack', id: `C${String(c).padStart(3, '0')}` },
          schedule: '0 * * * *',
          timezone: c % 2 ? 'UTC' : 'America/Mexico_City',
          topic: c % 3 === 0 ? 'security "talks" OR (arms*' : undefined,
          createdBy: 'U1',
        },
        clock.now(),
      );
    }
    subs = await repo.listSubscriptions();
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await tmp?.cleanup();
  });

  it('ends every trial with exactly one digest per channel and watermarks equal to what was posted', async () => {
    const rand = seeded(SEED); // the same seed kills at the same points on every run
    const figures = {
      trials: 0,
      killedMidRun: 0,
      killedAfterRun: 0,
      lost: 0,
      doubled: 0,
      watermarkMismatches: 0,
      rowsNeedingASecondAttempt: 0,
      modes: {} as Record<string, number>,
    };
    let spare = new BotProcess(args, tmp.path, url);
    await spare.next('loaded');
    const open = async () => {
      const bot = spare;
      spare = new BotProcess(args, tmp.path, url); // warm the next restart while this one works
      bot.send({ open: true });
      expect(await bot.next('ready'), bot.errors).toBeDefined();
      return bot;
    };
    let bot = await open();
    const started = Date.now();

    for (let i = 0; i < TRIALS; i++) {
      const slot = new Date(T0 + (i + 1) * HOUR);
      // Something new to report in most hours, ingested before the slot.
      clock.set(new Date(slot.getTime() - 10 * 60_000));
      await ingest(tmp.store, {
        ...fixture(['framework-signed', 'trade-note', 'arms-smuggling'][i % 3]),
        id: `n${i}`,
        url: `https://example.test/n${i}`,
        text: `${fixture('framework-signed').text} Update number ${i} arrived at hour ${i}.`,
      });

      const mode: KillMode = (['stored-no-answer', 'answered', 'delay'] as const)[Math.floor(rand() * 3)];
      figures.modes[mode] = (figures.modes[mode] ?? 0) + 1;
      const killAt = 1 + Math.floor(rand() * CHANNELS);
      const delayMs = Math.floor(rand() * 400);
      let seen = 0;
      const victim = bot;
      server.onStored = (_post, res) => {
        if (++seen !== killAt) return;
        if (mode === 'stored-no-answer') {
          victim.kill(); // the platform has the message; the bot never hears back
          res.destroy();
        } else if (mode === 'answered') {
          setImmediate(() => victim.kill()); // answered, but maybe not yet marked posted
        }
      };
      const timer = mode === 'delay' ? setTimeout(() => victim.kill(), delayMs) : undefined;
      victim.send({ at: slot.toISOString() });
      const finished = await victim.next('done');
      clearTimeout(timer);
      server.onStored = undefined;
      if (!finished) figures.killedMidRun++;
      else figures.killedAfterRun++; // the seeded moment fell after the run: kill the idle process anyway
      victim.kill();
      await victim.exited;

      // Restart half an hour later: well inside the grace window, so the run is completed once.
      bot = await open();
      bot.send({ at: new Date(slot.getTime() + 30 * 60_000).toISOString() });
      expect(await bot.next('done'), bot.errors).toBeDefined();

      for (const s of subs) {
        const marker = runMarker(s.id, slot.toISOString());
        const posts = server.postsFor(s.channel.id, marker);
        if (posts.length === 0) figures.lost++;
        if (posts.length > 1) figures.doubled++;
        const row = (await repo.recentRuns(s.id, 1))[0];
        const sub = await repo.getSubscription(s.id);
        const ok =
          row?.scheduledFor === slot.toISOString() &&
          row.state === 'posted' &&
          posts.length === 1 &&
          row.messageId === posts[0].id &&
          sub?.watermark === row.coversTo &&
          posts[0].windowTo === row.coversTo;
        if (!ok) figures.watermarkMismatches++;
        if (row?.state === 'posted' && row.attempts > 1) figures.rowsNeedingASecondAttempt++;
      }
      figures.trials++;
      if (process.env.DIGEST_CRASH_DEBUG) console.log(i, mode, Date.now() - started, figures);
    }
    bot.kill();
    spare.kill();
    await Promise.all([bot.exited, spare.exited]);
    // The figures for the closing note.
    console.log(`digest crash test: ${JSON.stringify(figures)}; posts recorded ${server.posts.length}`);
    expect(figures.trials).toBe(TRIALS);
    expect(figures.killedMidRun).toBeGreaterThan(TRIALS / 2);
    expect(figures.lost).toBe(0);
    expect(figures.doubled).toBe(0);
    expect(figures.watermarkMismatches).toBe(0);
    expect(server.posts.length).toBe(TRIALS * CHANNELS);
  }, 400_000);
});
