import { sourceNames } from '../src/briefing/source-name.js';
import { latestDayStart } from '../src/briefing/latest-day.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { reply } from '../src/core/reply.js';

/** Stories listed in chat; `--json` and the reply's data carry every story of the window. */
const SHOWN = 10;

const day = (iso: string) => iso.slice(0, 10);

export default defineCommand({
  name: 'stories',
  description: 'The stories in the store: articles grouped by the event they cover, largest and newest first',
  usage: '/stories yukos',
  options: {
    topic: { type: 'string', description: 'Only stories about this topic', maxLength: 200, rest: true },
    since: {
      type: 'string',
      description: 'Stories with an article published at or after this ISO date-time (default: the latest day)',
      maxLength: 40,
    },
    all: { type: 'boolean', description: 'Every story in the store, whatever its date' },
  },
  async run({ options, services }) {
    if (!services.stories) throw new UserError('STORIES_UNAVAILABLE', 'This store keeps no stories.');
    if (options.since && options.all) throw new UserError('BAD_OPTIONS', 'Give either since or all, not both.');
    let since: string | undefined;
    if (options.since) {
      const t = Date.parse(options.since);
      if (Number.isNaN(t))
        throw new UserError(
          'BAD_DATE',
          `"${options.since}" is not a date; use an ISO date or date-time such as 2005-01-14 or 2005-01-14T08:00:00Z.`,
        );
      since = new Date(t).toISOString();
    } else if (!options.all) {
      since = await latestDayStart(services.store);
    }
    const topic = options.topic?.trim() || undefined;
    const list = await services.stories.list({ since, topic });
    const window =
      options.all || !since
        ? 'in the store'
        : `${options.since ? 'since' : 'of the latest day, since'} ${since.slice(0, 16).replace('T', ' ')} UTC`;
    const about = topic ? ` about “${topic}”` : '';
    const stories = list.map((s) => ({
      id: s.id,
      headline: s.headline,
      articleIds: s.articles.map((a) => a.id),
      firstSeen: s.firstSeen,
      lastUpdated: s.lastUpdated,
    }));
    if (!list.length)
      return reply({
        title: 'Stories',
        sections: [{ text: `No stories${about} ${window}.` }],
        answered: false,
        data: { stories },
      });
    const lines = list.slice(0, SHOWN).map((s, i) => {
      const sources = sourceNames(s.articles);
      const span =
        day(s.firstSeen) === day(s.lastUpdated) ? day(s.lastUpdated) : `${day(s.firstSeen)} to ${day(s.lastUpdated)}`;
      return `${i + 1}. ${s.headline}: ${s.articles.length} article${s.articles.length === 1 ? '' : 's'}${sources.length ? ` from ${sources.slice(0, 3).join(', ')}` : ''} (${span})`;
    });
    const articles = list.reduce((n, s) => n + s.articles.length, 0);
    const heading = `${list.length} stor${list.length === 1 ? 'y' : 'ies'}${about} ${window}, ${articles} article${articles === 1 ? '' : 's'}; ${list.length > SHOWN ? `the ${SHOWN} largest and newest` : 'largest and newest first'}`;
    return reply({
      title: topic ? `Stories: ${topic}` : 'Stories',
      sections: [{ heading, text: lines.join('\n') }],
      answered: true,
      data: { stories },
    });
  },
});
