import type { PersonCard } from '../article-store.js';
import { rowToMeta, type MetaRow } from './rows.js';

export interface PersonRow {
  key: string;
  name: string;
  role: string | null;
  affiliation: string | null;
  mentions: number;
  article_pk: number;
}

export interface QuoteRow extends MetaRow {
  speaker_key: string;
  q_text: string;
  sentence_idx: number;
  direct: number;
}

/**
 * Folds per-article person rows (sorted by key, then article date) into one card per key.
 * The display name is the one used by the article with the most mentions; roles are distinct, in
 * the order articles first gave them; the affiliation is the one stated most often.
 * Cards are ordered by how many articles mention the person, then by mentions.
 */
export function aggregatePeople(people: PersonRow[], quotes: QuoteRow[]): PersonCard[] {
  const cards = new Map<string, PersonCard & { articles: Set<number>; best: number; affiliations: Map<string, number> }>();
  for (const row of people) {
    let card = cards.get(row.key);
    if (!card) {
      card = {
        key: row.key,
        name: row.name,
        roles: [],
        articleCount: 0,
        mentions: 0,
        quotes: [],
        articles: new Set(),
        best: -1,
        affiliations: new Map(),
      };
      cards.set(row.key, card);
    }
    if (row.mentions > card.best) {
      card.best = row.mentions;
      card.name = row.name;
    }
    if (row.role && !card.roles.includes(row.role)) card.roles.push(row.role);
    if (row.affiliation) card.affiliations.set(row.affiliation, (card.affiliations.get(row.affiliation) ?? 0) + 1);
    card.articles.add(row.article_pk);
    card.mentions += row.mentions;
  }
  for (const q of quotes) {
    const card = cards.get(q.speaker_key);
    if (!card) continue; // a quote whose speaker the analysis did not list as a person
    card.quotes.push({
      text: q.q_text,
      articleId: q.a_id,
      sentenceIdx: q.sentence_idx,
      direct: q.direct === 1,
      article: rowToMeta(q),
    });
  }
  const result: PersonCard[] = [];
  for (const card of cards.values()) {
    const { articles, best: _best, affiliations, ...rest } = card;
    const person: PersonCard = { ...rest, articleCount: articles.size };
    const affiliation = [...affiliations.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (affiliation) person.affiliation = affiliation;
    result.push(person);
  }
  return result.sort((a, b) => b.articleCount - a.articleCount || b.mentions - a.mentions || a.key.localeCompare(b.key));
}
