import { defineCommand, defineSubcommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { ChannelRef, Invocation } from '../src/core/invocation.js';
import { textReply } from '../src/core/reply.js';

/** "this channel" in a chat; from the command line, which channel (briefbot digest … --channel slack:C…). */
const where = (c: ChannelRef, from?: Invocation['platform']) =>
  c.platform === 'console' ? 'the console' : from === 'cli' ? `${c.platform === 'slack' ? 'Slack' : 'Discord'} channel ${c.id}` : 'this channel';

function formatRuns(runs: Date[], timezone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  return runs.map((d) => `• ${f.format(d)}`).join('\n');
}

const subscribe = defineSubcommand({
  description: 'Post a digest of new articles here on a schedule (admins, or whoever set it up)',
  adminOnly: 'or-owner',
  options: {
    schedule: { type: 'string', description: 'Five-field cron expression, e.g. "0 8 * * 1-5" (08:00 on weekdays)', required: true, maxLength: 100 },
    timezone: { type: 'string', description: 'IANA timezone, e.g. America/Mexico_City', maxLength: 64 },
    topic: { type: 'string', description: 'Only articles about this topic', maxLength: 200 },
    quiet: { type: 'boolean', description: 'Skip the digest when there is nothing new' },
  },
  async run({ options, services, invocation, requireAdminOr }) {
    const existing = await services.digests.find(invocation.channel);
    // Creating needs an admin; changing needs an admin or the person who created it.
    requireAdminOr(existing?.createdBy);
    const { subscription: s, created, nextRuns } = await services.digests.subscribe({
      channel: invocation.channel,
      schedule: options.schedule,
      timezone: options.timezone ?? existing?.timezone ?? 'UTC',
      topic: options.topic ?? existing?.topic,
      quiet: options.quiet ?? existing?.quiet ?? false,
      createdBy: existing?.createdBy ?? invocation.user.id,
    });
    const what = `${created ? 'Subscribed' : 'Updated the digest for'} ${where(invocation.channel, invocation.platform)}: \`${s.schedule}\` in ${s.timezone}` +
      `${s.topic ? `, topic "${s.topic}"` : ''}${s.quiet ? ', quiet (nothing new → no post)' : ''}.`;
    return textReply(`${what}\nNext runs:\n${formatRuns(nextRuns, s.timezone)}`, { title: 'Digest', visibility: 'channel', data: { subscription: s, created, nextRuns } });
  },
});

const unsubscribe = defineSubcommand({
  description: 'Stop the digest in this channel (admins, or whoever set it up)',
  adminOnly: 'or-owner',
  options: {},
  async run({ services, invocation, requireAdminOr }) {
    const existing = await services.digests.find(invocation.channel);
    if (!existing) throw new UserError('NOT_SUBSCRIBED', `${where(invocation.channel, invocation.platform)} has no digest subscription, so there is nothing to stop.`);
    requireAdminOr(existing.createdBy);
    await services.digests.unsubscribe(invocation.channel);
    return textReply(`Stopped the digest for ${where(invocation.channel, invocation.platform)} (\`${existing.schedule}\` ${existing.timezone}).`, { visibility: 'channel' });
  },
});

const list = defineSubcommand({
  description: 'Digests with their next run, last result and errors',
  options: {
    here: { type: 'boolean', description: 'Only this channel' },
  },
  async run({ options, services, invocation }) {
    return services.digests.list(options.here ? invocation.channel : undefined);
  },
});

const preview = defineSubcommand({
  description: 'Show (only to you) what the next digest would say now',
  options: {
    topic: { type: 'string', description: 'Preview an ad-hoc topic instead', maxLength: 200, rest: true },
  },
  async run({ options, services, invocation }) {
    const r = await services.digests.preview(invocation.channel, options.topic);
    return { ...r, visibility: 'ephemeral' };
  },
});

const now = defineSubcommand({
  description: 'Post the next digest to this channel now (admins)',
  adminOnly: true,
  options: {},
  async run({ services, invocation }) {
    return services.digests.runNow(invocation.channel);
  },
});

export default defineCommand({
  name: 'digest',
  description: 'Scheduled digests of new articles: subscribe, unsubscribe, list, preview, now',
  usage: '/digest subscribe schedule:"0 8 * * 1-5" timezone:America/Mexico_City topic:security',
  options: {},
  subcommands: { subscribe, unsubscribe, list, preview, now },
});
