import type { ChannelRef } from '../core/invocation.js';
import { UserError } from '../core/errors.js';
import { reply, textReply, type Reply } from '../core/reply.js';
import type { DigestService, Subscription, SubscriptionInput } from '../core/services.js';
import { formatInZone } from './compose.js';
import { describeSubscription, DST_POLICY } from './list-format.js';
import { nextRuns } from './next-runs.js';
import type { DigestRunner } from './runner.js';
import type { DigestScheduler } from './scheduler.js';
import { validateSchedule } from './schedule-rules.js';
import { resolveTimezone } from './timezones.js';
import type { DigestRepository, StoredSubscription } from './types.js';

export interface DigestServiceDeps {
  repo: DigestRepository;
  runner: DigestRunner;
  clock: () => Date;
  /** Present while the bot runs; absent in one-shot CLI use (no jobs to add or remove). */
  scheduler?: DigestScheduler;
  /** Shortest allowed time between two runs of one schedule, in minutes (default 15). */
  minIntervalMinutes?: number;
}

/** Another workspace's subscription (a Slack team, a Discord guild) is not shown; one set up without a workspace (the CLI) is. */
const otherWorkspace = (s: ChannelRef, from: ChannelRef) => s.platform !== from.platform || (s.workspace !== undefined && s.workspace !== from.workspace);

const where = (c: ChannelRef) => (c.platform === 'console' ? 'the console' : `${c.platform} channel ${c.id}`);

/** /digest behind the command: validated subscriptions, listings, previews and immediate runs. */
export class DefaultDigestService implements DigestService {
  private readonly minInterval: number;

  constructor(private readonly deps: DigestServiceDeps) {
    this.minInterval = deps.minIntervalMinutes ?? 15;
  }

  async subscribe(input: SubscriptionInput): Promise<{ subscription: Subscription; created: boolean; nextRuns: Date[]; timezoneNote?: string }> {
    const schedule = validateSchedule(input.schedule, this.minInterval);
    const { timezone, note: timezoneNote } = resolveTimezone(input.timezone);
    const topic = input.topic?.trim() || undefined;
    const { subscription, created } = await this.deps.repo.upsertSubscription({ ...input, schedule, timezone, topic }, this.deps.clock());
    await this.deps.scheduler?.sync();
    return { subscription, created, nextRuns: nextRuns(schedule, timezone, this.deps.clock(), 3), timezoneNote };
  }

  async unsubscribe(channel: ChannelRef): Promise<Subscription | undefined> {
    const removed = await this.deps.repo.deleteSubscription(channel);
    if (removed) await this.deps.scheduler?.sync();
    return removed;
  }

  find(channel: ChannelRef): Promise<Subscription | undefined> {
    return this.deps.repo.findSubscription(channel);
  }

  async list(channel?: ChannelRef, from?: ChannelRef): Promise<Reply> {
    const all = channel ? [await this.deps.repo.findSubscription(channel)].filter((s): s is StoredSubscription => !!s) : await this.deps.repo.listSubscriptions();
    // One workspace never sees another's channels; the console and CLI (no workspace) see all.
    const subs = from?.workspace ? all.filter((s) => !otherWorkspace(s.channel, from)) : all;
    if (!subs.length) {
      const text = channel ? `${where(channel)} has no digest. Start one with /digest subscribe schedule:"0 8 * * 1-5" timezone:UTC.` : 'No channel has a digest yet.';
      return textReply(text, { title: 'Digests' });
    }
    const now = this.deps.clock();
    const sections = [];
    for (const s of subs) {
      const runs = await this.deps.repo.recentRuns(s.id, 10);
      sections.push(describeSubscription(s, runs, nextRuns(s.schedule, s.timezone, now, 1)[0]));
    }
    sections.push({ heading: 'Daylight saving', text: DST_POLICY });
    return reply({ title: `Digests (${subs.length})`, sections, data: subs });
  }

  async preview(channel: ChannelRef, topic?: string): Promise<Reply> {
    const now = this.deps.clock();
    const sub = await this.deps.repo.findSubscription(channel);
    const base: StoredSubscription = sub ?? {
      id: 'preview', channel, schedule: '0 8 * * *', timezone: 'UTC', createdBy: '', createdAt: now.toISOString(), updatedAt: now.toISOString(), scheduleFrom: now.toISOString(),
    };
    const composed = await this.deps.runner.compose({ ...base, quiet: false }, now.toISOString(), { topic: topic?.trim() || undefined });
    const r = composed ?? textReply('Nothing new.');
    const note = sub ? `Preview of the next digest for ${where(channel)} (not posted).` : `Preview only: ${where(channel)} has no digest subscription.`;
    return { ...r, sections: [{ text: note }, ...r.sections], visibility: 'ephemeral' };
  }

  async runNow(channel: ChannelRef): Promise<Reply> {
    const sub = await this.deps.repo.findSubscription(channel);
    if (!sub) throw new UserError('NOT_SUBSCRIBED', `${where(channel)} has no digest; subscribe first with /digest subscribe.`);
    const outcome = await this.deps.runner.runNow(sub);
    const tz = sub.timezone;
    switch (outcome?.state) {
      case 'posted':
        return textReply(`Posted the digest to ${where(channel)} at ${formatInZone(this.deps.clock(), tz)}.`);
      case 'skipped':
        return textReply('Nothing new to post (the subscription is quiet).');
      case 'retry':
        return textReply(`The platform did not take the digest yet (${outcome.error}); it will be retried automatically.`);
      case 'failed':
        return textReply(`The digest could not be posted: ${outcome.error}`, { errorCode: 'DIGEST_FAILED' });
      default:
        return textReply('A digest for this channel is already being delivered; it was queued behind it.');
    }
  }
}
