import type { ChannelRef } from '../core/invocation.js';
import { UserError } from '../core/errors.js';
import { reply, textReply, type Reply } from '../core/reply.js';
import type {
  DigestService,
  FeedService,
  Subscription,
  SubscriptionFilter,
  SubscriptionInput,
} from '../core/services.js';
import { feedLabel } from '../feeds/describe-feed.js';
import { formatInZone } from './compose.js';
import { describeSubscription, DST_POLICY } from './list-format.js';
import { nextRuns } from './next-runs.js';
import type { DigestRunner } from './runner.js';
import type { DigestScheduler } from './scheduler.js';
import { validateSchedule } from './schedule-rules.js';
import { resolveTimezone } from './timezones.js';
import { checkPhrases, describeFilter, isEmptyFilter } from './subscription-filter.js';
import type { DigestRepository, StoredSubscription } from './types.js';

export interface DigestServiceDeps {
  repo: DigestRepository;
  runner: DigestRunner;
  clock: () => Date;
  /** Present while the bot runs; absent in one-shot CLI use (no jobs to add or remove). */
  scheduler?: DigestScheduler;
  /** Shortest allowed time between two runs of one schedule, in minutes (default 15). */
  minIntervalMinutes?: number;
  /** Followed feeds, to name them in /digest list; absent where the store has none. */
  feeds?: FeedService;
}

/** Another workspace's subscription (a Slack team, a Discord guild) is not shown; one set up without a workspace (the CLI) is. */
const otherWorkspace = (s: ChannelRef, from: ChannelRef) =>
  s.platform !== from.platform || (s.workspace !== undefined && s.workspace !== from.workspace);

/** A digest's name as stored: trimmed and lower-cased; letters, digits, spaces, - and _. */
export function normalizeDigestName(name: string | undefined): string {
  const n = (name ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  if (n && !/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u.test(n)) {
    throw new UserError(
      'BAD_DIGEST_NAME',
      `A digest name is up to 40 letters, digits, spaces, - or _ (got "${n.slice(0, 50)}").`,
    );
  }
  return n;
}

const named = (s: Pick<Subscription, 'name'>) => (s.name ? ` "${s.name}"` : '');

const where = (c: ChannelRef) => (c.platform === 'console' ? 'the console' : `${c.platform} channel ${c.id}`);

/** /digest behind the command: validated subscriptions, listings, previews and immediate runs. */
export class DefaultDigestService implements DigestService {
  private readonly minInterval: number;

  constructor(private readonly deps: DigestServiceDeps) {
    this.minInterval = deps.minIntervalMinutes ?? 15;
  }

  async subscribe(
    input: SubscriptionInput,
  ): Promise<{ subscription: Subscription; created: boolean; nextRuns: Date[]; timezoneNote?: string }> {
    const schedule = validateSchedule(input.schedule, this.minInterval);
    const { timezone, note: timezoneNote } = resolveTimezone(input.timezone);
    const topic = input.topic?.trim() || undefined;
    const filter = checkFilter(input.filter);
    // Without a name, the channel's only digest is the one meant (as before several were allowed).
    const name =
      input.name === undefined ? ((await this.pick(input.channel))?.name ?? '') : normalizeDigestName(input.name);
    const { subscription, created } = await this.deps.repo.upsertSubscription(
      { ...input, name, schedule, timezone, topic, filter },
      this.deps.clock(),
    );
    await this.deps.scheduler?.sync();
    return { subscription, created, nextRuns: nextRuns(schedule, timezone, this.deps.clock(), 3), timezoneNote };
  }

  async unsubscribe(channel: ChannelRef, name?: string): Promise<Subscription | undefined> {
    const sub = await this.pick(channel, name);
    const removed = sub && (await this.deps.repo.deleteSubscription(channel, sub.name ?? ''));
    if (removed) await this.deps.scheduler?.sync();
    return removed;
  }

  find(channel: ChannelRef, name?: string): Promise<Subscription | undefined> {
    return this.pick(channel, name);
  }

  /**
   * The channel's digest of that name; without a name its only one, or its unnamed one among
   * several. Several and no name is a UserError that lists them, rather than a guess.
   */
  private async pick(channel: ChannelRef, name?: string): Promise<StoredSubscription | undefined> {
    if (name !== undefined) return this.deps.repo.findSubscription(channel, normalizeDigestName(name));
    const subs = await this.deps.repo.channelSubscriptions(channel);
    if (subs.length <= 1) return subs[0];
    const unnamed = subs.find((s) => !s.name);
    if (unnamed) return unnamed;
    const names = subs.map((s) => s.name!);
    throw new UserError(
      'WHICH_DIGEST',
      `${where(channel)} has ${subs.length} digests (${names.join(', ')}): say which with name:${names[0]}.`,
    );
  }

  async list(channel?: ChannelRef, from?: ChannelRef): Promise<Reply> {
    const all = channel ? await this.deps.repo.channelSubscriptions(channel) : await this.deps.repo.listSubscriptions();
    // One workspace never sees another's channels; the console and CLI (no workspace) see all.
    const subs = from?.workspace ? all.filter((s) => !otherWorkspace(s.channel, from)) : all;
    if (!subs.length) {
      const text = channel
        ? `${where(channel)} has no digest. Start one with /digest subscribe schedule:"0 8 * * 1-5" timezone:UTC.`
        : 'No channel has a digest yet.';
      return textReply(text, { title: 'Digests' });
    }
    const now = this.deps.clock();
    const label = await this.feedLabels(subs);
    const sections = [];
    for (const s of subs) {
      const runs = await this.deps.repo.recentRuns(s.id, 10);
      sections.push(
        describeSubscription(s, runs, nextRuns(s.schedule, s.timezone, now, 1)[0], describeFilter(s.filter, label)),
      );
    }
    sections.push({ heading: 'Daylight saving', text: DST_POLICY });
    return reply({ title: `Digests (${subs.length})`, sections, data: subs });
  }

  /** Names for the feed ids the subscriptions filter on; a removed feed shows as such. */
  private async feedLabels(subs: StoredSubscription[]): Promise<(id: number) => string> {
    const wanted = subs.some((s) => s.filter?.feeds?.length);
    const feeds = wanted && this.deps.feeds ? await this.deps.feeds.list() : [];
    return (id) => {
      const f = feeds.find((x) => x.id === id);
      return f ? `${feedLabel(f)} (feed ${id})` : `feed ${id} (removed)`;
    };
  }

  async preview(channel: ChannelRef, topic?: string, name?: string): Promise<Reply> {
    const now = this.deps.clock();
    const sub = await this.pick(channel, name);
    const base: StoredSubscription = sub ?? {
      id: 'preview',
      channel,
      schedule: '0 8 * * *',
      timezone: 'UTC',
      createdBy: '',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      scheduleFrom: now.toISOString(),
    };
    const composed = await this.deps.runner.compose({ ...base, quiet: false }, now.toISOString(), {
      topic: topic?.trim() || undefined,
    });
    const r = composed ?? textReply('Nothing new.');
    const filters = sub && !isEmptyFilter(sub.filter) ? ' Its filters apply.' : '';
    const note = sub
      ? `Preview of the next digest${named(sub)} for ${where(channel)} (not posted).${filters}`
      : `Preview only: ${where(channel)} has no digest subscription${name ? ` named "${name}"` : ''}.`;
    return { ...r, sections: [{ text: note }, ...r.sections], visibility: 'ephemeral' };
  }

  async runNow(channel: ChannelRef, name?: string): Promise<Reply> {
    const sub = await this.pick(channel, name);
    if (!sub)
      throw new UserError('NOT_SUBSCRIBED', `${where(channel)} has no digest; subscribe first with /digest subscribe.`);
    const outcome = await this.deps.runner.runNow(sub);
    const tz = sub.timezone;
    switch (outcome?.state) {
      case 'posted':
        return textReply(`Posted the digest to ${where(channel)} at ${formatInZone(this.deps.clock(), tz)}.`);
      case 'skipped':
        return textReply('Nothing new to post (the subscription is quiet).');
      case 'retry':
        return textReply(
          `The platform did not take the digest yet (${outcome.error}); it will be retried automatically.`,
        );
      case 'failed':
        return textReply(`The digest could not be posted: ${outcome.error}`, { errorCode: 'DIGEST_FAILED' });
      default:
        return textReply('A digest for this channel is already being delivered; it was queued behind it.');
    }
  }
}

/** A filter as stored: phrases checked and reduced to their words, feed ids whole numbers; undefined when empty. */
function checkFilter(filter: SubscriptionFilter | undefined): SubscriptionFilter | undefined {
  if (isEmptyFilter(filter)) return undefined;
  const out: SubscriptionFilter = {};
  if (filter!.feeds?.length) out.feeds = [...new Set(filter!.feeds)].filter((id) => Number.isInteger(id) && id > 0);
  if (filter!.include?.length) out.include = checkPhrases('include', filter!.include);
  if (filter!.exclude?.length) out.exclude = checkPhrases('exclude', filter!.exclude);
  return isEmptyFilter(out) ? undefined : out;
}
