import type { ArticleMeta, PersonCard } from './article-store.js';

/** One article's record of a person, as any backend reads it. */
export interface PersonRecordRow {
  key: string;
  name: string;
  role: string | null;
  affiliation: string | null;
  mentions: number;
  /** Identifies the article, only to count distinct articles. */
  article: string | number;
}

/** One attributed quote with its article, as any backend reads it. */
export interface QuoteCardRow {
  speakerKey: string;
  text: string;
  articleId: string;
  sentenceIdx: number;
  direct: boolean;
  article: ArticleMeta;
}

/**
 * Folds per-article person rows (sorted by key, then article date) into one card per key, the same
 * way for every backend. The display name is the one used by the article with the most mentions
 * (the earliest wins a tie); roles are distinct, in the order articles first gave them; the
 * affiliation is the one stated most often. Cards go by article count, then mentions, then key.
 */
export function foldPersonCards(people: Iterable<PersonRecordRow>, quotes: Iterable<QuoteCardRow>): PersonCard[] {
  const cards = new Map<
    string,
    { card: PersonCard; best: number; articles: Set<string | number>; affiliations: Map<string, number> }
  >();
  for (const row of people) {
    let entry = cards.get(row.key);
    if (!entry) {
      entry = {
        card: { key: row.key, name: row.name, roles: [], articleCount: 0, mentions: 0, quotes: [] },
        best: -1,
        articles: new Set(),
        affiliations: new Map(),
      };
      cards.set(row.key, entry);
    }
    const { card } = entry;
    if (row.mentions > entry.best) {
      entry.best = row.mentions;
      card.name = row.name;
    }
    if (row.role && !card.roles.includes(row.role)) card.roles.push(row.role);
    if (row.affiliation) entry.affiliations.set(row.affiliation, (entry.affiliations.get(row.affiliation) ?? 0) + 1);
    entry.articles.add(row.article);
    card.mentions += row.mentions;
  }
  for (const q of quotes) {
    // A quote whose speaker the analysis did not list as a person has no card to go on.
    cards.get(q.speakerKey)?.card.quotes.push({
      text: q.text,
      articleId: q.articleId,
      sentenceIdx: q.sentenceIdx,
      direct: q.direct,
      article: q.article,
    });
  }
  const result: PersonCard[] = [];
  for (const { card, articles, affiliations } of cards.values()) {
    card.articleCount = articles.size;
    const affiliation = [...affiliations.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (affiliation) card.affiliation = affiliation;
    result.push(card);
  }
  return result.sort(cardOrder);
}

/** The order of people() and personTallies(): article count, then mentions (most first), then key. */
export function cardOrder(
  a: { key: string; articleCount: number; mentions: number },
  b: { key: string; articleCount: number; mentions: number },
): number {
  return b.articleCount - a.articleCount || b.mentions - a.mentions || a.key.localeCompare(b.key);
}
