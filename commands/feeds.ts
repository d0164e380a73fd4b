import { defineCommand, defineSubcommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { reply, textReply } from '../src/core/reply.js';
import type { FeedService, Services } from '../src/core/services.js';
import { describeFeed, feedLabel } from '../src/feeds/describe-feed.js';
import { formatInterval } from '../src/feeds/interval.js';

function feedsOf(services: Services): FeedService {
  if (!services.feeds) throw new UserError('FEEDS_UNAVAILABLE', 'Feeds are not available with this store.');
  return services.feeds;
}

const add = defineSubcommand({
  description: 'Follow an RSS, Atom or JSON Feed URL: new items become articles (admins)',
  adminOnly: true,
  options: {
    url: {
      type: 'string',
      description: 'The feed URL, e.g. https://example.org/news.rss',
      required: true,
      maxLength: 2000,
      rest: true,
    },
    every: { type: 'string', description: 'How often to poll, e.g. 15m, 1h (default 15m)', maxLength: 20 },
    name: { type: 'string', description: 'A name for the feed (default: its own title)', maxLength: 100 },
    fulltext: { type: 'boolean', description: 'Fetch the linked page of short teaser items (default yes)' },
  },
  async run({ options, services, invocation }) {
    const feed = await feedsOf(services).add({
      url: options.url,
      every: options.every,
      name: options.name,
      fullText: options.fulltext,
      createdBy: invocation.user.id,
    });
    const text =
      `Following feed ${feed.id}${feed.name ? ` (${feed.name})` : ''}: ${feed.url}, every ${formatInterval(feed.intervalSeconds)}` +
      `${feed.fullText ? '' : ', teasers kept as they are'}. The first poll starts now; /feeds list shows how it went.`;
    return textReply(text, { title: 'Feeds', visibility: 'channel', data: { feed } });
  },
});

const remove = defineSubcommand({
  description: 'Stop following a feed, by id or URL; its articles stay in the store (admins)',
  adminOnly: true,
  options: {
    feed: {
      type: 'string',
      description: 'The feed id (from /feeds list) or URL',
      required: true,
      maxLength: 2000,
      rest: true,
    },
  },
  async run({ options, services }) {
    const feed = await feedsOf(services).remove(options.feed);
    return textReply(`Stopped following feed ${feed.id} (${feedLabel(feed)}). Its articles stay in the store.`, {
      title: 'Feeds',
      visibility: 'channel',
      data: { feed },
    });
  },
});

const list = defineSubcommand({
  description: 'Followed feeds: interval, last success, articles added, last error, next poll',
  options: {},
  async run({ services }) {
    const feedService = feedsOf(services);
    const [feeds, counts] = await Promise.all([feedService.list(), feedService.articleCounts()]);
    if (!feeds.length)
      return textReply('No feeds yet. Follow one with /feeds add https://example.org/news.rss every:15m', {
        title: 'Feeds',
        data: { feeds: [] },
      });
    const now = services.clock();
    const failing = feeds.filter((f) => f.lastError).length;
    const summary = `${feeds.length} feed${feeds.length === 1 ? '' : 's'}${failing ? `, ${failing} failing` : ''}. Feeds are polled at most every ${formatInterval(feedService.minIntervalSeconds)}.`;
    const sections = [{ text: summary }, ...feeds.map((f) => describeFeed(f, counts.get(f.id) ?? 0, now))];
    return reply({
      title: 'Feeds',
      sections,
      data: { feeds: feeds.map((f) => ({ ...f, articles: counts.get(f.id) ?? 0 })) },
    });
  },
});

export default defineCommand({
  name: 'feeds',
  description: 'Feeds the store fills itself from: add, remove, list',
  usage: '/feeds add https://example.org/news.rss every:15m name:"Example News"',
  options: {},
  subcommands: { add, remove, list },
});
