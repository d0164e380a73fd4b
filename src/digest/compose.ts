import type { Citation, Provenance, Reply, Section } from '../core/reply.js';
import type { Subscription } from '../core/services.js';
import type { ArticleMeta } from '../store/article-store.js';
import { BoundedMemo } from '../util/bounded-memo.js';

/** An article changed inside the digest window, with its sentences (as split at ingest time). */
export interface DigestArticle {
  meta: ArticleMeta;
  sentences: string[];
}

/**
 * Picks up to `max` sentences of an article for the digest: the extractive summarizer now, the LLM
 * path later. Only sentences found verbatim in the article are kept, so every point stays citable.
 */
export type DigestSummarizer = (article: DigestArticle, max: number) => string[] | Promise<string[]>;

export interface ComposeInput {
  clock: () => Date;
  subscription: Pick<Subscription, 'topic' | 'quiet' | 'timezone'>;
  /** Articles changed in (from, to], already filtered by topic. */
  articles: DigestArticle[];
  /** How many articles matched in all, when `articles` was cut to a limit. */
  total?: number;
  summarize: DigestSummarizer;
  /** The window the digest covers: from the watermark (absent for a first digest) to the run's cutoff. */
  window: { from?: string; to: string };
  maxArticles?: number;
  sentencesPerArticle?: number;
  provenance?: Provenance;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One formatter per timezone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const zoneFormats = new BoundedMemo<string, Intl.DateTimeFormat>(512);
const zoneFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });

/** "Fri 27 Nov, 08:00" in the subscription's timezone. */
export function formatInZone(iso: string | Date, timezone: string): string {
  return zoneFormats.get(timezone, zoneFormat).format(new Date(iso));
}

/** True when the article existed before the window and its content changed inside it. */
export function isUpdate(meta: ArticleMeta, from?: string): boolean {
  return from !== undefined && meta.ingestedAt <= from && meta.updatedAt > from;
}

const newestFirst = (a: DigestArticle, b: DigestArticle) =>
  (b.meta.published ?? b.meta.ingestedAt).localeCompare(a.meta.published ?? a.meta.ingestedAt) || b.meta.updatedAt.localeCompare(a.meta.updatedAt);

/**
 * Composes a digest: new developments first (newest first), then updated articles marked
 * "updated"; each point quotes and cites its article. Returns null when there is nothing new and
 * the subscription is quiet. Pure apart from the injected clock and summarizer.
 */
export async function composeDigest(input: ComposeInput): Promise<Reply | null> {
  const { subscription, window } = input;
  const tz = subscription.timezone;
  const maxArticles = input.maxArticles ?? 8;
  const perArticle = input.sentencesPerArticle ?? 2;
  const topic = subscription.topic ? `: ${subscription.topic}` : '';
  const title = `Digest${topic} (${formatInZone(input.clock(), tz)})`;
  const since = window.from ? `since ${formatInZone(window.from, tz)}` : 'in the store';

  if (input.articles.length === 0) {
    if (subscription.quiet) return null;
    const about = subscription.topic ? ` about "${subscription.topic}"` : '';
    return { title, sections: [{ text: `Nothing new${about} ${since}.` }], citations: [], visibility: 'channel', answered: true, data: { articleIds: [], window } };
  }

  const fresh = input.articles.filter((a) => !isUpdate(a.meta, window.from)).sort(newestFirst);
  const updated = input.articles.filter((a) => isUpdate(a.meta, window.from)).sort(newestFirst);
  const chosen = [...fresh, ...updated].slice(0, maxArticles);
  const citations: Citation[] = [];
  const sections: Section[] = [];

  for (const article of chosen) {
    const quotes = await citableSentences(article, perArticle, input.summarize);
    const points = quotes.map((quote) => {
      const n = citations.length + 1;
      citations.push({ n, articleId: article.meta.id, title: article.meta.title, url: article.meta.url, published: article.meta.published, quote });
      return `• ${quote} [${n}]`;
    });
    const mark = isUpdate(article.meta, window.from) ? ' (updated)' : '';
    const source = article.meta.source ? ` — ${article.meta.source}` : '';
    sections.push({ heading: `${article.meta.title}${mark}${source}`, text: points.join('\n') });
  }

  const rest = Math.max(input.total ?? 0, input.articles.length) - chosen.length;
  const counts = `${fresh.length} new, ${updated.length} updated ${since}.`;
  sections.unshift({ text: rest > 0 ? `${counts} Showing ${chosen.length}; ${rest} more in /search.` : counts });
  return {
    title,
    sections,
    citations,
    visibility: 'channel',
    answered: true,
    provenance: input.provenance,
    data: { articleIds: chosen.map((a) => a.meta.id), window },
  };
}

/**
 * Each article's sentences by normalised text, kept per sentence list: an article source hands the
 * same (unchanging) list to every digest of a fan-out, and the lookup need not be rebuilt for each.
 */
const knownSentences = new WeakMap<readonly string[], Map<string, string>>();

/** The summarizer's picks that really occur in the article; the lead sentence when none do. */
async function citableSentences(article: DigestArticle, max: number, summarize: DigestSummarizer): Promise<string[]> {
  let known = knownSentences.get(article.sentences);
  if (!known) knownSentences.set(article.sentences, (known = new Map(article.sentences.map((s) => [norm(s), s]))));
  const picked = (await summarize(article, max)).map((s) => known.get(norm(s))).filter((s): s is string => s !== undefined);
  const unique = [...new Set(picked)].slice(0, max);
  if (unique.length) return unique;
  const lead = article.sentences.find((s) => norm(s).length > 0);
  return [lead ?? article.meta.title];
}

/** The summarizer used when none is injected: the article's opening sentences (news puts the news first). */
export const leadSummarizer: DigestSummarizer = (article, max) => article.sentences.slice(0, max);
