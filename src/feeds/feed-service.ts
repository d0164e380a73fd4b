import { lookup } from 'node:dns/promises';
import { UserError } from '../core/errors.js';
import type { FeedService } from '../core/services.js';
import { isPrivateAddress } from './net/address-policy.js';
import { checkFetchUrl, privateMessage } from './net/fetch-url.js';
import { isFeedError } from './feed-error.js';
import { parseInterval } from './interval.js';
import type { Feed, FeedRepository } from './types.js';

export interface FeedServiceDeps {
  repo: FeedRepository;
  clock: () => Date;
  minIntervalSeconds: number;
  defaultIntervalSeconds: number;
  allowPrivateNetworks: boolean;
  /** Present while the bot polls; a CLI `feeds add` is picked up by the running bot within a minute. */
  wake?: () => void;
}

const MAX_URL = 2000;

/** A feed URL as stored: parsed, http(s) only, without credentials or fragment. */
export function normalizeFeedUrl(raw: string): string {
  let url: URL;
  try {
    // Slack hands links over as <https://…> or <https://…|label>.
    url = new URL(raw.trim().replace(/^<([^|>]*)(\|[^>]*)?>$/, '$1'));
  } catch {
    throw new UserError(
      'FEED_BAD_URL',
      `"${raw.slice(0, 100)}" is not a URL: give the feed's full address, e.g. https://example.org/news.rss`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(
      'FEED_BAD_URL',
      `Only http and https feeds can be followed (this one is ${url.protocol.replace(/:$/, '')}).`,
    );
  }
  if (url.username || url.password)
    throw new UserError(
      'FEED_BAD_URL',
      'Leave the user name and password out of the feed URL: it is shown in /feeds list.',
    );
  url.hash = '';
  if (url.href.length > MAX_URL) throw new UserError('FEED_BAD_URL', `Feed URLs are limited to ${MAX_URL} characters.`);
  return url.href;
}

/** /feeds behind the command: validated additions, removals by id or URL, listings. */
export class DefaultFeedService implements FeedService {
  constructor(private readonly deps: FeedServiceDeps) {}

  get minIntervalSeconds(): number {
    return this.deps.minIntervalSeconds;
  }

  async add(input: {
    url: string;
    every?: string;
    name?: string;
    fullText?: boolean;
    createdBy: string;
  }): Promise<Feed> {
    const url = normalizeFeedUrl(input.url);
    const intervalSeconds = input.every
      ? parseInterval(input.every, this.deps.minIntervalSeconds)
      : Math.max(this.deps.defaultIntervalSeconds, this.deps.minIntervalSeconds);
    const existing = await this.deps.repo.findByUrl(url);
    if (existing)
      throw new UserError(
        'FEED_EXISTS',
        `That feed is already followed as feed ${existing.id}${existing.name ? ` (${existing.name})` : ''}.`,
      );
    await this.refusePrivate(url);
    const now = this.deps.clock();
    const name = input.name?.trim() || undefined;
    const feed = await this.deps.repo.add(
      { url, name, intervalSeconds, fullText: input.fullText ?? true, origin: 'chat', createdBy: input.createdBy },
      now,
      now,
    );
    this.deps.wake?.();
    return feed;
  }

  async remove(ref: string): Promise<Feed> {
    const [feed] = await this.resolve([ref]);
    if (feed.origin === 'config') {
      throw new UserError(
        'FEED_FROM_CONFIG',
        `Feed ${feed.id} comes from the feeds: list of the configuration file; remove it there (it would come back at the next start).`,
      );
    }
    await this.deps.repo.remove(feed.id);
    return feed;
  }

  list(): Promise<Feed[]> {
    return this.deps.repo.list();
  }

  articleCounts(): Promise<Map<number, number>> {
    return this.deps.repo.articleCounts();
  }

  articlesFromFeeds(feedIds: number[], articleIds: string[]): Promise<Set<string>> {
    return this.deps.repo.articlesFromFeeds(feedIds, articleIds);
  }

  /** Feeds by id ("3" or "#3"), URL, or name (case-insensitive); a UserError names any that match none. */
  async resolve(refs: string[]): Promise<Feed[]> {
    const feeds = await this.deps.repo.list();
    return refs.map((raw) => {
      const ref = raw.trim();
      const id = /^#?(\d+)$/.exec(ref)?.[1];
      const byId = id ? feeds.find((f) => f.id === Number(id)) : undefined;
      const byUrl = byId ?? feeds.find((f) => f.url === ref || (looksLikeUrl(ref) && f.url === safeNormalize(ref)));
      const found = byUrl ?? feeds.find((f) => (f.name ?? f.title)?.toLowerCase() === ref.toLowerCase());
      if (!found)
        throw new UserError(
          'FEED_NOT_FOUND',
          `No feed "${ref.slice(0, 100)}": /feeds list shows each feed's id, name and URL.`,
        );
      return found;
    });
  }

  /** Refuses at once what every poll would refuse: a private address, unless allowed. */
  private async refusePrivate(url: string): Promise<void> {
    if (this.deps.allowPrivateNetworks) return;
    try {
      checkFetchUrl(url, false);
    } catch (e) {
      if (isFeedError(e)) throw new UserError('FEED_REFUSED', `Not following ${url}: ${e.message}.`);
      throw e;
    }
    const host = new URL(url).hostname;
    const addresses = await lookup(host, { all: true }).catch(() => []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) throw new UserError('FEED_REFUSED', `Not following ${url}: ${privateMessage(host, bad.address)}.`);
  }
}

const looksLikeUrl = (s: string) => /^https?:\/\//i.test(s);

function safeNormalize(s: string): string | undefined {
  try {
    return normalizeFeedUrl(s);
  } catch {
    return undefined;
  }
}
