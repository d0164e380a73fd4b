/** What text analysis extracts from one article at ingest time, so queries never re-parse. */

/** A calendar date found in (or resolved for) a sentence. */
export interface ResolvedDate {
  /** The words in the text, e.g. "Thursday", "Oct. 8, 2021", "last week". */
  text: string;
  /** ISO date YYYY-MM-DD. */
  date: string;
  /** True when resolved from a weekday or relative expression against the article's date. */
  inferred: boolean;
}

export type EntityType = 'person' | 'org' | 'place';

export interface EntityMention {
  text: string;
  type: EntityType;
  /** For people: the key of the person the mention resolves to (see PersonRecord.key). */
  key?: string;
}

export interface AnalyzedSentence {
  /** 0-based position in the article. */
  idx: number;
  text: string;
  /** Character offsets in the article text. */
  start: number;
  end: number;
  entities: EntityMention[];
  dates: ResolvedDate[];
  /** True when the sentence states a number (counts, ages, amounts). */
  hasNumber: boolean;
  /**
   * Set when the sentence addresses a model rather than reporting (prompt injection, hidden text):
   * why it was flagged. Stores keep such sentences out of every read that feeds answers.
   */
  injection?: string;
}

/** A person as one article presents them. */
export interface PersonRecord {
  /** Stable across articles: the accent-folded, lower-cased full name, e.g. "antony blinken". */
  key: string;
  /** Display name with its original accents, e.g. "Andrés Manuel López Obrador". */
  name: string;
  /** The role as the article states it, e.g. "U.S. Secretary of State". */
  role?: string;
  /** Country or organisation, e.g. "U.S.", "Mexico", "State Department". */
  affiliation?: string;
  /** Number of mentions in this article (full name plus resolved surname mentions). */
  mentions: number;
}

/** Words attributed to a speaker, direct ("…," Price said) or reported (X said that …). */
export interface QuoteRecord {
  speakerKey: string;
  text: string;
  sentenceIdx: number;
  direct: boolean;
}

export interface Analysis {
  sentences: AnalyzedSentence[];
  people: PersonRecord[];
  quotes: QuoteRecord[];
  /**
   * The store's dedupe key of the analysed text (identity.ts contentHash), when the analyser
   * computed it: the ingest worker pool does, so the thread that writes the store does not.
   */
  contentHash?: string;
}

/** A text analyser: pure, deterministic, no I/O. `published` is the article's ISO date, if known. */
export type Analyzer = (text: string, published?: string) => Analysis;
