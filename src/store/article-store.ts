import type { Analysis, EntityMention, ResolvedDate } from '../text/types.js';

/**
 * Where an article's date came from, best first: the source's metadata (front matter, JSON fields,
 * feed dates, HTML meta/time/JSON-LD), a dateline or date near the top of its text, the file's
 * modification time (a guess), or the time it was ingested (a guess).
 */
export type DateSource = 'metadata' | 'text' | 'file-time' | 'ingest-time';

/** Which articles to remove: one id, one url, the articles read from a file (or from files in a folder), or a source. */
export type RemoveMatch = { id: string } | { url: string } | { file: string } | { folder: string } | { source: string };

/** An article as a reader produces it, before it is stored. */
export interface ArticleInput {
  /** Stable id from the source (JSON id, feed guid); derived from url or content when absent. */
  id?: string;
  title: string;
  source?: string;
  url?: string;
  authors?: string[];
  /** ISO date or date-time. */
  published?: string;
  /** True when the date was not stated by the source (file time, ingestion time, guessed). */
  publishedInferred?: boolean;
  /** Where `published` came from; without it, 'metadata' for a stated date. */
  publishedFrom?: DateSource;
  text: string;
  /** Where it came from (file path, feed url), for skip reasons and logs. */
  origin?: string;
  /** The absolute path of the file it was read from, so deleting the file can remove it. */
  file?: string;
}

export interface ArticleMeta {
  id: string;
  title: string;
  source: string;
  url?: string;
  authors: string[];
  published?: string;
  publishedInferred: boolean;
  /** Where the date came from; absent for articles stored before this was recorded. */
  publishedFrom?: DateSource;
  /** ISO date-time of the first ingestion of this id. */
  ingestedAt: string;
  /** ISO date-time of the last change of content (equals ingestedAt until replaced). */
  updatedAt: string;
  contentHash: string;
  /** Increments each time new content replaces the old under the same id or url. */
  version: number;
}

export interface StoredArticle extends ArticleMeta {
  text: string;
}

export type UpsertStatus = 'added' | 'updated' | 'skipped';

export interface UpsertResult {
  status: UpsertStatus;
  id: string;
  /** Why it was skipped, e.g. "duplicate of <id>". */
  reason?: string;
}

/** One sentence as search returns it, with the analysis stored at ingest time. */
export interface SentenceHit {
  sentenceId: number;
  articleId: string;
  idx: number;
  text: string;
  /** Higher is better (negated bm25). */
  score: number;
  entities: EntityMention[];
  dates: ResolvedDate[];
  hasNumber: boolean;
  article: ArticleMeta;
}

/** A sentence's position: its article and its index there. */
export interface SentenceRef {
  articleId: string;
  idx: number;
}

export interface ArticleHit {
  article: ArticleMeta;
  /** A snippet with the matched terms wrapped in ** **. */
  snippet: string;
  score: number;
}

/** A person aggregated over every article that mentions them. */
export interface PersonCard {
  key: string;
  name: string;
  roles: string[];
  affiliation?: string;
  articleCount: number;
  mentions: number;
  quotes: { text: string; articleId: string; sentenceIdx: number; direct: boolean; article: ArticleMeta }[];
}

/** One attributed quote on a person's card. */
export type PersonQuote = PersonCard['quotes'][number];

/**
 * A person's display name and counts, exactly as their card gives them (people()), without the
 * card: enough to rank and list everyone in the store.
 */
export interface PersonTally {
  key: string;
  name: string;
  articleCount: number;
  mentions: number;
  /** How many quotes the card carries. */
  quoteCount: number;
}

/** A sentence that carries a date, for timelines. */
export interface DatedSentence {
  articleId: string;
  idx: number;
  text: string;
  date: ResolvedDate;
  article: ArticleMeta;
}

export interface StoreStats {
  articles: number;
  sentences: number;
  oldest?: ArticleMeta;
  newest?: ArticleMeta;
  perSource: { source: string; count: number }[];
  /**
   * Articles holding sentences flagged at ingest as addressed to a model (prompt injection, hidden
   * text): how many, and the newest few. Those sentences are left out of every other read.
   */
  injected?: { articles: number; listed: { id: string; title: string; sentences: number }[] };
}

/** How many articles with flagged sentences stats() names (newest first); its count covers all. */
export const FLAGGED_ARTICLES_LISTED = 20;

export interface SearchOptions {
  limit?: number;
  /** Relevance (bm25) or newest published first. */
  order?: 'relevance' | 'newest';
  /**
   * false: no snippet (ArticleHit.snippet is ""). A caller that only ranks articles (/ask) skips
   * the snippet's second pass over the index: at 100,000 articles it was most of the search.
   */
  snippet?: boolean;
}

export interface PeopleOptions {
  keys?: string[];
  quotes?: boolean;
  newestQuotes?: number;
}

/**
 * The article store. Every backend (SQLite, PostgreSQL) implements this and passes the same suite.
 * Query terms are plain words: the store quotes them, so no user text reaches the query language.
 */
export interface ArticleStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Human-readable location, shown at start ("articles.db", "postgres://host/db"). */
  readonly location: string;

  upsert(input: ArticleInput, analysis: Analysis): Promise<UpsertResult>;
  get(id: string): Promise<StoredArticle | undefined>;
  /** Sentences of one article, in order. */
  sentencesOf(articleId: string): Promise<SentenceHit[]>;
  stats(): Promise<StoreStats>;
  /** How many articles the store holds: what stats() says, without its scans of every sentence (for start-up). */
  articleCount(): Promise<number>;

  /** Articles matching any of the terms (OR), with a highlighted snippet. */
  searchArticles(terms: string[], opts?: SearchOptions): Promise<ArticleHit[]>;
  /** Sentences matching any of the terms (OR), best bm25 first. */
  searchSentences(terms: string[], opts?: { limit?: number; articleIds?: string[] }): Promise<SentenceHit[]>;
  /** Article metadata, newest published first (for briefs and listings). */
  listArticles(opts?: { limit?: number; changedAfter?: string; changedUpTo?: string }): Promise<ArticleMeta[]>;

  /**
   * People cards: every person, or only `keys` (exact keys). `quotes: false` leaves each card's
   * quotes empty, for callers that only need names, roles and counts (cheaper at scale);
   * `newestQuotes: n` keeps only the n newest quotes of all the cards read, still in card order
   * (someone quoted in thousands of articles made /ask read thousands of quotes).
   */
  people(opts?: PeopleOptions): Promise<PersonCard[]>;
  /**
   * Every person's tally, in people()'s order, counted by the database rather than by loading every
   * card and quote (seconds and hundreds of MB at 100,000 articles). Not remembered here: its one
   * caller (src/text/cast/cast-people.ts) keeps what it builds from it until changeVersion moves.
   */
  personTallies(): Promise<PersonTally[]>;
  /**
   * The first `limit` quotes of each of these people (all of them without a limit), in their
   * card's order; people without quotes are left out. Reads no person rows, so a caller that has
   * the card already pays only for the quotes it shows.
   */
  personQuotes(keys: string[], limit?: number): Promise<{ key: string; quotes: PersonQuote[] }[]>;
  /**
   * How many sentences match any of the terms, counting no further than `cap`. No ranking and no
   * rows: a document frequency for idf.
   */
  countSentences(terms: string[], cap: number): Promise<number>;
  /**
   * A token that changes whenever articles may have changed (a write by this or any other
   * process). Lets callers keep results of whole-store reads until then.
   */
  changeVersion(): Promise<string>;
  /** Every distinct person key, sorted (lets callers load only the people they need). */
  personKeys(): Promise<string[]>;
  /**
   * The texts of the sentences at these positions (unknown ones are left out, order not kept).
   * For reading one or two sentences of each of many articles (a speaker's quotes) without
   * loading those articles whole.
   */
  sentenceTexts(refs: readonly SentenceRef[]): Promise<(SentenceRef & { text: string })[]>;
  datedSentences(opts?: { articleIds?: string[] }): Promise<DatedSentence[]>;
  /**
   * Removes the matching articles with their sentences, people and quotes (and their search
   * entries), in one transaction; returns the ids removed. A file matches the articles read from
   * it (and, for articles stored before files were recorded, the id ingest derives from its path).
   */
  removeArticles(match: RemoveMatch): Promise<string[]>;

  close(): Promise<void>;
}
