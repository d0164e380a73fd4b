import { fold } from '../text/fold.js';
import { STOP_WORDS } from '../text/stopwords.js';

/** What the grouper reads of one article: its words, its names and when it appeared. */
export interface ArticleText {
  /** The store's key of the article (its integer pk): grouping order and foreign keys. */
  key: number;
  title: string;
  /** Sentences in order, with the names the ingest analysis found in each. */
  sentences: { text: string; entities?: readonly { text: string }[] }[];
  /** Publication time, ISO (the store gives undated articles their ingest time). */
  published: string;
  /** False when the source stated no date (file time, ingest time). */
  dated: boolean;
}

/** An article reduced to the signals grouping compares. */
export interface StoryFeatures {
  key: number;
  /** Publication time in ms. */
  time: number;
  dated: boolean;
  /** Term → occurrences, a title word counting `titleWeight` times. */
  terms: Map<string, number>;
  /** Terms that occur inside a name: a capitalised run the analysis found, or a capitalised title word. */
  names: Set<string>;
}

/** Words this short carry no story ("of", initials). */
const MIN_TERM = 2;

/** Lower-cased, accent-folded word tokens of a text; stop words and bare numbers dropped. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < MIN_TERM || STOP_WORDS.has(raw) || /^\d+$/.test(raw)) continue;
    out.push(raw);
  }
  return out;
}

export function articleFeatures(a: ArticleText, titleWeight: number): StoryFeatures {
  const terms = new Map<string, number>();
  const add = (t: string, w: number) => terms.set(t, (terms.get(t) ?? 0) + w);
  for (const t of termsOf(a.title)) add(t, titleWeight);
  const names = new Set<string>();
  for (const w of a.title.split(/\s+/)) if (/^\p{Lu}/u.test(w)) for (const t of termsOf(w)) names.add(t);
  for (const s of a.sentences) {
    for (const t of termsOf(s.text)) add(t, 1);
    for (const e of s.entities ?? []) for (const t of termsOf(e.text)) names.add(t);
  }
  const time = Date.parse(a.published);
  return { key: a.key, time: Number.isNaN(time) ? 0 : time, dated: a.dated && !Number.isNaN(time), terms, names };
}
