import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { normalizeFeedUrl } from './feed-service.js';
import { parseInterval } from './interval.js';
import type { FeedRepository } from './types.js';

/**
 * Makes the feed table agree with the configuration's `feeds:` list: a listed feed is added (or
 * takes over a feed of the same URL added from chat), its name, interval and full-text switch
 * follow the file, and a feed that came from the file but is no longer listed is removed (its
 * articles stay). Feeds added from chat are left alone.
 */
export async function syncConfigFeeds(
  repo: FeedRepository,
  entries: Config['feeds'],
  opts: { minIntervalSeconds: number; defaultIntervalSeconds: number; clock: () => Date; logger: Logger },
): Promise<void> {
  const now = opts.clock();
  const listed = new Set<string>();
  for (const entry of entries) {
    const url = normalizeFeedUrl(entry.url);
    listed.add(url);
    // The floor applies to configured feeds too: a shorter `every` is raised to it.
    const seconds = entry.every ? parseInterval(entry.every, 1) : opts.defaultIntervalSeconds;
    const intervalSeconds = Math.max(seconds, opts.minIntervalSeconds);
    const fields = { name: entry.name, intervalSeconds, fullText: entry.fullText ?? true, origin: 'config' as const };
    const existing = await repo.findByUrl(url);
    if (existing) await repo.update(existing.id, fields);
    else {
      await repo.add({ url, ...fields, createdBy: 'config' }, now, now);
      opts.logger.info({ url }, 'feeds: following a feed from the configuration');
    }
  }
  for (const feed of await repo.list()) {
    if (feed.origin === 'config' && !listed.has(feed.url)) {
      await repo.remove(feed.id);
      opts.logger.info({ feed: feed.id }, 'feeds: removed a feed no longer in the configuration (its articles stay)');
    }
  }
}
