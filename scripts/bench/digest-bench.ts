import { openApp } from '../../src/app/open-app.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import { offlineEnv } from './query-bench.js';
import { bucketFloorSeconds } from './rate-limit.js';
import { DISCORD_RATE, RecordingAdapter, SLACK_RATE } from './recording-adapter.js';
import { spread, type Spread } from './stats.js';

export interface DigestFigures {
  subscriptions: number;
  seconds: Spread;
  floorSeconds: number;
  ratio: Spread;
  lost: number;
  posted: number;
}

/**
 * 1,000 digest subscriptions (half Slack channels, half Discord channels; half with a topic) on
 * the bench store, all due at the same slot; the real runner composes each digest from the store
 * and hands it to a recording adapter that waits out the platform's rate limit. Timed from
 * runSchedule() to its return, against the floor the rate limits alone impose.
 */
export async function benchDigests(storePath: string, count: number, topics: string[], reps: number, log: (s: string) => void): Promise<DigestFigures> {
  const app = await openApp({ role: 'test', storePath, env: offlineEnv(storePath) });
  const seconds: number[] = [];
  let lost = 0;
  let posted = 0;
  const slack = Math.ceil(count / 2);
  const discord = count - slack;
  const floor = Math.max(bucketFloorSeconds(discord, DISCORD_RATE.perSecond, DISCORD_RATE.burst), bucketFloorSeconds(1, SLACK_RATE.perSecond, SLACK_RATE.burst));
  try {
    for (let rep = 0; rep < reps; rep++) {
      const adapters = { slack: new RecordingAdapter('slack'), discord: new RecordingAdapter('discord') };
      app.adapters.set('slack', adapters.slack);
      app.adapters.set('discord', adapters.discord);
      const channels: ChannelRef[] = [];
      for (let i = 0; i < count; i++) {
        const channel: ChannelRef =
          i % 2 === 0 ? { platform: 'slack', id: `CBENCH${rep}X${String(i).padStart(5, '0')}`, workspace: 'TBENCH' } : { platform: 'discord', id: `9${rep}${String(i).padStart(16, '0')}`, workspace: '1' };
        channels.push(channel);
        await app.services.digests.subscribe({ channel, schedule: '0 8 * * *', timezone: 'UTC', topic: i % 4 < 2 ? topics[i % topics.length] : undefined, createdBy: 'bench' });
      }
      // The next 08:00 UTC slot after the subscriptions were made; the run is timed as of just after it.
      const now = new Date();
      const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (now.getUTCHours() >= 8 ? 1 : 0), 8, 0, 0));
      const start = performance.now();
      const reports = await app.digests.runSchedule(new Date(slot.getTime() + 30_000));
      const secs = (performance.now() - start) / 1000;
      seconds.push(secs);
      const markers = new Set([...adapters.slack.posts, ...adapters.discord.posts].map((p) => p.marker));
      const ok = reports.filter((r) => r.outcome?.state === 'posted').length;
      posted = ok;
      lost += count - Math.min(ok, markers.size);
      log(`digests: run ${rep + 1}/${reps}: ${ok}/${count} posted in ${secs.toFixed(2)} s (floor ${floor.toFixed(2)} s)`);
      for (const channel of channels) await app.services.digests.unsubscribe(channel);
    }
  } finally {
    await app.close();
  }
  return { subscriptions: count, seconds: spread(seconds), floorSeconds: floor, ratio: spread(seconds.map((s) => s / floor)), lost, posted };
}
