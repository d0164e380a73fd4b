import type { PersonCard } from '../article-store.js';
import { foldPersonCards } from '../person-cards.js';
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

/** The SQLite rows, mapped onto the fold every backend shares. */
export function aggregatePeople(people: PersonRow[], quotes: QuoteRow[]): PersonCard[] {
  return foldPersonCards(
    people.map((r) => ({ ...r, article: r.article_pk })),
    quotes.map((q) => ({ speakerKey: q.speaker_key, text: q.q_text, articleId: q.a_id, sentenceIdx: q.sentence_idx, direct: q.direct === 1, article: rowToMeta(q) })),
  );
}
