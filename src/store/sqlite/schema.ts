import type { Migration } from '../migrations.js';
import { addInjectionFlag } from './injection-migration.js';

/** The component name of the article store in schema_migrations. */
export const ARTICLE_STORE_COMPONENT = 'article-store';

/*
 * Design notes (why the schema looks like this):
 * - articles has an INTEGER primary key `pk` besides the public text `id`: child tables and the FTS
 *   indexes refer to the small integer, which keeps 2–3 million sentence rows compact and joins cheap.
 * - Both FTS5 tables are EXTERNAL-CONTENT tables (content=articles / content=sentences): the text
 *   is stored once, in the ordinary table, while FTS5 keeps only its inverted index. At 100,000
 *   articles (~280 MB of text) a normal FTS table would store the text a second time (and again
 *   for sentences); a contentless table would save the same space but cannot give snippet() or
 *   answer a delete without the old text. write-article.ts keeps the indexes in step explicitly, in
 *   the same transaction as the rows: FTS triggers measured 3–4× slower for bulk ingest here.
 * - Tokenizer: porter stemming over unicode61 with diacritics removed, so "officials" finds
 *   "official" and "Lopez" finds "López".
 * - Sentence dates are also kept in their own table, indexed by date, for timelines.
 */
const v1 = `
CREATE TABLE articles (
  pk                 INTEGER PRIMARY KEY,
  id                 TEXT    NOT NULL UNIQUE,
  title              TEXT    NOT NULL,
  source             TEXT    NOT NULL,
  url                TEXT,
  authors            TEXT    NOT NULL DEFAULT '[]',
  published          TEXT,
  published_inferred INTEGER NOT NULL DEFAULT 0,
  ingested_at        TEXT    NOT NULL,
  updated_at         TEXT    NOT NULL,
  content_hash       TEXT    NOT NULL UNIQUE,
  version            INTEGER NOT NULL DEFAULT 1,
  text               TEXT    NOT NULL
);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
-- Many articles share a day ("2021-10-08"): the second column orders them without a sort.
CREATE INDEX articles_by_date ON articles (published, updated_at);
CREATE INDEX articles_updated ON articles (updated_at);
CREATE INDEX articles_source ON articles (source);

CREATE TABLE sentences (
  id         INTEGER PRIMARY KEY,
  article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  text       TEXT    NOT NULL,
  entities   TEXT    NOT NULL DEFAULT '[]',
  dates      TEXT    NOT NULL DEFAULT '[]',
  has_number INTEGER NOT NULL DEFAULT 0,
  UNIQUE (article_pk, idx)
);

CREATE TABLE sentence_dates (
  sentence_id INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
  article_pk  INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
  date        TEXT    NOT NULL,
  text        TEXT    NOT NULL,
  inferred    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sentence_dates_date ON sentence_dates (date);
CREATE INDEX sentence_dates_article ON sentence_dates (article_pk);
CREATE INDEX sentence_dates_sentence ON sentence_dates (sentence_id);

CREATE TABLE people (
  article_pk  INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
  key         TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  role        TEXT,
  affiliation TEXT,
  mentions    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX people_key ON people (key);
CREATE INDEX people_article ON people (article_pk);

CREATE TABLE quotes (
  article_pk   INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
  speaker_key  TEXT    NOT NULL,
  sentence_idx INTEGER NOT NULL,
  text         TEXT    NOT NULL,
  direct       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX quotes_speaker ON quotes (speaker_key);
CREATE INDEX quotes_article ON quotes (article_pk);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles', content_rowid = 'pk',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE sentences_fts USING fts5 (
  text,
  content = 'sentences', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
`;

/**
 * Brings stores made by development builds of v1 to the v1 shape above: those had FTS triggers
 * (the writer now maintains FTS itself) and a one-column date index. A no-op on fresh stores.
 */
const v2 = [
  ...[
    'articles_fts_ai',
    'articles_fts_ad',
    'articles_fts_au',
    'sentences_fts_ai',
    'sentences_fts_ad',
    'sentences_fts_au',
  ].map((name) => `DROP TRIGGER IF EXISTS ${name};`),
  'DROP INDEX IF EXISTS articles_published;',
  'CREATE INDEX IF NOT EXISTS articles_by_date ON articles (published, updated_at);',
].join('\n');

/**
 * Where each article's date came from (metadata, a dateline in the text, the file's time, the
 * ingestion time). Articles stored before: a stated date counts as metadata; an inferred one stays
 * unknown (NULL), shown as a guess.
 */
const ARTICLE_PUBLISHED_FROM = `
ALTER TABLE articles ADD COLUMN published_from TEXT;
UPDATE articles SET published_from = 'metadata' WHERE published IS NOT NULL AND published_inferred = 0;
`;

/**
 * The file an article was read from (absolute path), so deleting the file removes its articles.
 * Articles stored before get it the next time their file is read (a duplicate fills it in).
 */
const ARTICLE_SOURCE_FILE = `
ALTER TABLE articles ADD COLUMN source_file TEXT;
CREATE INDEX articles_source_file ON articles (source_file) WHERE source_file IS NOT NULL;
`;

/** The article store's migrations, oldest first. Append; never edit a released step. */
export const articleStoreMigrations: readonly Migration[] = [
  { version: 1, up: v1 },
  { version: 2, up: v2 },
  { version: 3, up: ARTICLE_PUBLISHED_FROM },
  { version: 4, up: ARTICLE_SOURCE_FILE },
  { version: 5, up: addInjectionFlag },
];
