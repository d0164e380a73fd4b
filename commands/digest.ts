import { defineCommand, defineSubcommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { ChannelRef, Invocation } from '../src/core/invocation.js';
import { textReply } from '../src/core/reply.js';
import type { Services, SubscriptionFilter } from '../src/core/services.js';
import { feedLabel } from '../src/feeds/describe-feed.js';
import { describeFilter, splitList } from '../src/digest/subscription-filter.js';

/** "this channel" in a chat; from the command line, which channel (briefbot digest … --channel slack:C…). */
const where = (c: ChannelRef, from?: Invocation['platform']) =>
  c.platform === 'console'
    ? 'the console'
    : from === 'cli'
      ? `${c.platform === 'slack' ? 'Slack' : 'Discord'} channel ${c.id}`
      : 'this channel';
const named = (name: string | undefined) => (name ? ` "${name}"` : '');

const nameOption = {
  type: 'string',
  description: "Which of the channel's digests (when it has several), e.g. morning",
  maxLength: 40,
} as const;

/** `feed:` as typed (ids, names or URLs, comma-separated) → feed ids; "none" clears. */
async function feedIds(services: Services, text: string): Promise<number[]> {
  const refs = splitList(text);
  if (!refs.length) return [];
  if (!services.feeds)
    throw new UserError(
      'FEEDS_UNAVAILABLE',
      'Feeds are not available with this store, so a digest cannot follow them.',
    );
  return (await services.feeds.resolve(refs)).map((f) => f.id);
}

function formatRuns(runs: Date[], timezone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return runs.map((d) => `• ${f.format(d)}`).join('\n');
}

const subscribe = defineSubcommand({
  description: 'Post a digest of new articles here on a schedule (admins, or whoever set it up)',
  adminOnly: 'or-owner',
  options: {
    schedule: {
      type: 'string',
      description: 'Five-field cron expression, e.g. "0 8 * * 1-5" (08:00 on weekdays)',
      required: true,
      maxLength: 100,
    },
    timezone: { type: 'string', description: 'IANA timezone, e.g. America/Mexico_City', maxLength: 64 },
    topic: { type: 'string', description: 'Only articles about this topic', maxLength: 200 },
    quiet: { type: 'boolean', description: 'Skip the digest when there is nothing new' },
    name: { ...nameOption, description: 'Name this digest to keep several in one channel, e.g. morning' },
    feed: {
      type: 'string',
      description: 'Only articles from these feeds: ids, names or URLs, comma-separated ("none" clears)',
      maxLength: 1000,
    },
    include: {
      type: 'string',
      description: 'Only articles mentioning any of these words or phrases, comma-separated ("none" clears)',
      maxLength: 2000,
    },
    exclude: {
      type: 'string',
      description: 'Leave out articles mentioning any of these words or phrases, comma-separated ("none" clears)',
      maxLength: 2000,
    },
  },
  async run({ options, services, invocation, requireAdminOr }) {
    const existing = await services.digests.find(invocation.channel, options.name);
    // Creating needs an admin; changing needs an admin or the person who created it.
    requireAdminOr(existing?.createdBy);
    const filter: SubscriptionFilter = {
      feeds: options.feed !== undefined ? await feedIds(services, options.feed) : existing?.filter?.feeds,
      include: options.include !== undefined ? splitList(options.include) : existing?.filter?.include,
      exclude: options.exclude !== undefined ? splitList(options.exclude) : existing?.filter?.exclude,
    };
    const {
      subscription: s,
      created,
      nextRuns,
      timezoneNote,
    } = await services.digests.subscribe({
      channel: invocation.channel,
      name: options.name ?? existing?.name,
      schedule: options.schedule,
      timezone: options.timezone ?? existing?.timezone ?? 'UTC',
      topic: options.topic ?? existing?.topic,
      filter,
      quiet: options.quiet ?? existing?.quiet ?? false,
      createdBy: existing?.createdBy ?? invocation.user.id,
    });
    const feeds = s.filter?.feeds?.length && services.feeds ? await services.feeds.list() : [];
    const filters = describeFilter(s.filter, (id) => {
      const f = feeds.find((x) => x.id === id);
      return f ? `${feedLabel(f)} (feed ${id})` : `feed ${id}`;
    });
    const what =
      `${created ? 'Subscribed' : 'Updated the digest for'} ${where(invocation.channel, invocation.platform)}${named(s.name)}: \`${s.schedule}\` in ${s.timezone}` +
      `${s.topic ? `, topic "${s.topic}"` : ''}${s.quiet ? ', quiet (nothing new → no post)' : ''}.${filters ? `\nFilters: ${filters}` : ''}`;
    const note = timezoneNote ? `\nNote: ${timezoneNote}` : '';
    return textReply(`${what}${note}\nNext runs:\n${formatRuns(nextRuns, s.timezone)}`, {
      title: 'Digest',
      visibility: 'channel',
      data: { subscription: s, created, nextRuns, timezoneNote },
    });
  },
});

const unsubscribe = defineSubcommand({
  description: 'Stop the digest in this channel (admins, or whoever set it up)',
  adminOnly: 'or-owner',
  options: { name: nameOption },
  async run({ options, services, invocation, requireAdminOr }) {
    const existing = await services.digests.find(invocation.channel, options.name);
    if (!existing)
      throw new UserError(
        'NOT_SUBSCRIBED',
        `${where(invocation.channel, invocation.platform)} has no digest subscription${named(options.name)}, so there is nothing to stop.`,
      );
    requireAdminOr(existing.createdBy);
    await services.digests.unsubscribe(invocation.channel, existing.name ?? '');
    return textReply(
      `Stopped the digest${named(existing.name)} for ${where(invocation.channel, invocation.platform)} (\`${existing.schedule}\` ${existing.timezone}).`,
      { visibility: 'channel' },
    );
  },
});

const list = defineSubcommand({
  description: 'Digests with their next run, last result and errors',
  options: {
    here: { type: 'boolean', description: 'Only this channel' },
  },
  async run({ options, services, invocation }) {
    return services.digests.list(options.here ? invocation.channel : undefined, invocation.channel);
  },
});

const preview = defineSubcommand({
  description: 'Show (only to you) what the next digest would say now',
  options: {
    topic: { type: 'string', description: 'Preview an ad-hoc topic instead', maxLength: 200, rest: true },
    name: nameOption,
  },
  async run({ options, services, invocation }) {
    const r = await services.digests.preview(invocation.channel, options.topic, options.name);
    return { ...r, visibility: 'ephemeral' };
  },
});

const now = defineSubcommand({
  description: 'Post the next digest to this channel now (admins)',
  adminOnly: true,
  options: { name: nameOption },
  async run({ options, services, invocation }) {
    return services.digests.runNow(invocation.channel, options.name);
  },
});

export default defineCommand({
  name: 'digest',
  description: 'Scheduled digests of new articles: subscribe, unsubscribe, list, preview, now',
  usage:
    '/digest subscribe schedule:"0 8 * * 1-5" timezone:America/Mexico_City include:"border security, ceasefire" feed:3',
  options: {},
  subcommands: { subscribe, unsubscribe, list, preview, now },
});
