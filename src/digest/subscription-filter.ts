import { UserError } from '../core/errors.js';
import type { SubscriptionFilter } from '../core/services.js';
import type { ArticleMeta, ArticleStore } from '../store/article-store.js';

const MAX_PHRASES = 20;
const MAX_PHRASE_LENGTH = 100;

/** Stored form of a filter: JSON, or null when it keeps everything. */
export function filterJson(filter: SubscriptionFilter | undefined): string | null {
  return filter && !isEmptyFilter(filter) ? JSON.stringify(filter) : null;
}

export function isEmptyFilter(filter: SubscriptionFilter | undefined): boolean {
  return !filter || (!filter.feeds?.length && !filter.include?.length && !filter.exclude?.length);
}

/**
 * A comma-separated list as typed in chat ("border security, ceasefire"): trimmed entries, empty
 * ones dropped, duplicates (case-insensitive) kept once. "none" clears the list.
 */
export function splitList(text: string): string[] {
  if (/^\s*(none|-)\s*$/i.test(text)) return [];
  const seen = new Set<string>();
  return text
    .split(/[,;]/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/**
 * Words or phrases for include:/exclude:, checked and reduced to their words: query syntax
 * (quotes, `*`, `NEAR`, parentheses, `:`) is only punctuation here, so it can never reach the
 * full-text engine as syntax; an entry with no word at all is refused rather than ignored.
 */
export function checkPhrases(option: 'include' | 'exclude', phrases: readonly string[]): string[] {
  if (phrases.length > MAX_PHRASES)
    throw new UserError('TOO_MANY_TERMS', `${option}: takes at most ${MAX_PHRASES} words or phrases.`);
  return phrases.map((p) => {
    if (p.length > MAX_PHRASE_LENGTH)
      throw new UserError('TOO_LONG', `${option}: each word or phrase is limited to ${MAX_PHRASE_LENGTH} characters.`);
    const words = phraseWords(p);
    if (!words.length) throw new UserError('BAD_FILTER', `${option}: "${p}" has no words to look for.`);
    return words.join(' ');
  });
}

let segmenter: Intl.Segmenter | undefined;

/**
 * A phrase's words, in order and repeats kept, as queryTerms finds words (word-like segments,
 * lower-cased); operators like AND or NOT are plain words here, since the phrase is quoted.
 */
function phraseWords(phrase: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  return [...segmenter.segment(phrase.normalize('NFC'))]
    .filter((s) => s.isWordLike)
    .map((s) => s.segment.toLowerCase());
}

/** How /digest list shows a filter: "feeds: World (3) · include: border security, ceasefire · exclude: sports". */
export function describeFilter(
  filter: SubscriptionFilter | undefined,
  feedLabel: (id: number) => string,
): string | undefined {
  if (isEmptyFilter(filter)) return undefined;
  const parts: string[] = [];
  if (filter!.feeds?.length) parts.push(`feeds: ${filter!.feeds.map(feedLabel).join(', ')}`);
  if (filter!.include?.length) parts.push(`include: ${filter!.include.map(quoted).join(', ')}`);
  if (filter!.exclude?.length) parts.push(`exclude: ${filter!.exclude.map(quoted).join(', ')}`);
  return parts.join(' · ');
}

const quoted = (p: string) => (p.includes(' ') ? `"${p}"` : p);

export interface FilterDeps {
  store: ArticleStore;
  /** Of these articles, those that came from these feeds; absent where the store has no feeds. */
  articlesFromFeeds?: (feedIds: number[], articleIds: string[]) => Promise<Set<string>>;
}

/**
 * The seam between choosing a digest's window and composing it: narrows the window's articles to
 * those a subscription follows. `feed:` keeps articles any of its feeds brought; `include:` keeps
 * articles with any of its words or phrases in a sentence or the title; `exclude:` then drops
 * articles with any of its own. Matching is the store's full-text search (stemmed, accents
 * folded), each phrase passed as one quoted term, so user text is never query syntax.
 */
export async function narrowArticles(
  metas: ArticleMeta[],
  filter: SubscriptionFilter | undefined,
  deps: FilterDeps,
): Promise<ArticleMeta[]> {
  if (isEmptyFilter(filter) || !metas.length) return metas;
  let kept = metas;
  if (filter!.feeds?.length) {
    const fromFeeds = deps.articlesFromFeeds
      ? await deps.articlesFromFeeds(
          filter!.feeds,
          kept.map((m) => m.id),
        )
      : new Set<string>();
    kept = kept.filter((m) => fromFeeds.has(m.id));
  }
  if (filter!.include?.length && kept.length) {
    const hits = await articlesMentioning(deps.store, kept, filter!.include);
    kept = kept.filter((m) => hits.has(m.id));
  }
  if (filter!.exclude?.length && kept.length) {
    const hits = await articlesMentioning(deps.store, kept, filter!.exclude);
    kept = kept.filter((m) => !hits.has(m.id));
  }
  return kept;
}

/** Sentence hits a store returns at most per search (both backends clamp to this). */
const SEARCH_CAP = 1000;
/** Articles per search: small enough that their matching sentences rarely reach the cap. */
const CHUNK = 25;

/**
 * Ids of the articles with any phrase in a sentence or in the title. Exact, not a top-k: a search
 * whose hits reach the store's cap is split and asked again, so a common word in a large window
 * still finds (or, for exclude:, removes) every article.
 */
async function articlesMentioning(store: ArticleStore, metas: ArticleMeta[], phrases: string[]): Promise<Set<string>> {
  const words = phrases.map(phraseWords).filter((w) => w.length);
  const found = new Set<string>();
  for (const m of metas) if (words.some((w) => containsRun(phraseWords(m.title), w))) found.add(m.id);
  const terms = words.map((w) => w.join(' '));
  const pending: string[][] = [];
  const rest = metas.filter((m) => !found.has(m.id)).map((m) => m.id);
  for (let i = 0; i < rest.length; i += CHUNK) pending.push(rest.slice(i, i + CHUNK));
  while (pending.length) {
    const ids = pending.pop()!;
    const hits = await store.searchSentences(terms, { limit: SEARCH_CAP, articleIds: ids });
    if (hits.length >= SEARCH_CAP && ids.length > 1) {
      pending.push(ids.slice(0, ids.length >> 1), ids.slice(ids.length >> 1));
      continue;
    }
    for (const h of hits) found.add(h.articleId);
  }
  return found;
}

/** True when `run` occurs in `words` as consecutive words. */
function containsRun(words: string[], run: string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
