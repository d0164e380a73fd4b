import type { PgMigration } from './pg-migrate.js';
import type { Queryable } from './pg-database.js';
import { addInjectionFlag } from './injection-migration.js';

/** The text search configuration every tsvector and tsquery of the store uses. */
export const TS_CONFIG = 'briefbot_english';

/**
 * English stemming like the SQLite store's porter tokenizer, plus accent folding (unaccent) like its
 * remove_diacritics, so "Lopez" finds "López". unaccent is a contrib extension; where the role may
 * not install it, the store still works with stemming alone and says so in the migration name.
 */
async function createTextSearchConfig(tx: Queryable): Promise<void> {
  let unaccentSchema = await findUnaccent(tx);
  if (!unaccentSchema) {
    await tx.query('SAVEPOINT add_unaccent');
    try {
      await tx.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
      await tx.query('RELEASE SAVEPOINT add_unaccent');
      unaccentSchema = await findUnaccent(tx);
    } catch {
      await tx.query('ROLLBACK TO SAVEPOINT add_unaccent');
    }
  }
  await tx.query(`CREATE TEXT SEARCH CONFIGURATION ${TS_CONFIG} (COPY = pg_catalog.english)`);
  if (unaccentSchema) {
    await tx.query(`ALTER TEXT SEARCH CONFIGURATION ${TS_CONFIG}
      ALTER MAPPING FOR hword, hword_part, word WITH ${unaccentSchema}.unaccent, pg_catalog.english_stem`);
  }
}

async function findUnaccent(tx: Queryable): Promise<string | undefined> {
  const r = await tx.query<{ nspname: string }>(
    `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
  );
  return r.rows[0]?.nspname;
}

const TABLES = `
CREATE TABLE articles (
  id text PRIMARY KEY,
  -- Insertion order, the tie-break the SQLite store gets from its integer rowid.
  pk integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  title text NOT NULL,
  source text NOT NULL,
  url text,
  authors jsonb NOT NULL DEFAULT '[]',
  published text,
  published_inferred boolean NOT NULL DEFAULT false,
  ingested_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  content_hash text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  body text NOT NULL,
  origin text,
  -- Title weighs more than body in ranking, as a title hit says more about the whole article.
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('${TS_CONFIG}', title), 'A') || setweight(to_tsvector('${TS_CONFIG}', body), 'B')
  ) STORED
);
CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);
-- Not unique: as in the SQLite store, an article replaced by id may take a url another one has.
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_search ON articles USING gin (search);
CREATE INDEX articles_published ON articles (published DESC NULLS LAST);
CREATE INDEX articles_updated_at ON articles (updated_at);

CREATE TABLE sentences (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE ON UPDATE CASCADE,
  idx integer NOT NULL,
  body text NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  entities jsonb NOT NULL DEFAULT '[]',
  dates jsonb NOT NULL DEFAULT '[]',
  has_number boolean NOT NULL DEFAULT false,
  search tsvector GENERATED ALWAYS AS (to_tsvector('${TS_CONFIG}', body)) STORED,
  UNIQUE (article_id, idx)
);
CREATE INDEX sentences_search ON sentences USING gin (search);
CREATE INDEX sentences_dated ON sentences (article_id, idx) WHERE dates <> '[]'::jsonb;

CREATE TABLE people (
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE ON UPDATE CASCADE,
  key text NOT NULL,
  name text NOT NULL,
  role text,
  affiliation text,
  mentions integer NOT NULL
);
CREATE INDEX people_key ON people (key);
CREATE INDEX people_article ON people (article_id);

CREATE TABLE quotes (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE ON UPDATE CASCADE,
  speaker_key text NOT NULL,
  body text NOT NULL,
  sentence_idx integer NOT NULL,
  direct boolean NOT NULL
);
CREATE INDEX quotes_speaker ON quotes (speaker_key);
CREATE INDEX quotes_article ON quotes (article_id);
`;

/** The tables whose writes move the change counter: everything a whole-store read is built from. */
const ARTICLE_TABLES = ['articles', 'sentences', 'people', 'quotes'] as const;

/**
 * The store's change token (changeVersion): one row, bumped by the database itself whenever any
 * transaction writes an article table, so every writer counts, whatever code it runs: this
 * build's upserts, migrate-store's import, a replica still on an older build (its migration step
 * set is older, but the trigger lives in the database), a hand-run DELETE.
 *
 * - A row in a table, not a sequence: the bump commits or rolls back with the write, so a reader
 *   never sees a new version before the rows it stands for (and then caches old rows under it).
 * - BEFORE each statement: a writer takes the row's lock before it has written any article row,
 *   so two writers cannot each hold rows the other waits for (no deadlock), and under READ
 *   COMMITTED the second writer waits, re-reads the committed row and bumps it again: no lost
 *   bump, no serialization failure.
 * - Once per transaction: last_xact remembers who bumped last, so a 200-article batch updates the
 *   row once instead of once per statement. A rolled-back savepoint undoes the bump with it, and
 *   the next statement bumps again.
 * - The epoch, random at creation, keeps tokens of a dropped and re-created schema from repeating.
 * - search_path is fixed to the store's schema, so a writer whose search_path differs (psql on
 *   public) still finds the counter beside the table it writes.
 */
const CHANGE_COUNTER = `
CREATE TABLE article_changes (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  epoch text NOT NULL DEFAULT gen_random_uuid()::text,
  counter bigint NOT NULL DEFAULT 0,
  last_xact xid8
);
INSERT INTO article_changes DEFAULT VALUES;

CREATE FUNCTION bump_article_changes() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE article_changes SET counter = counter + 1, last_xact = pg_current_xact_id()
  WHERE last_xact IS DISTINCT FROM pg_current_xact_id();
  RETURN NULL;
END
$$;
${ARTICLE_TABLES.map(
  (t) => `CREATE TRIGGER ${t}_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
  FOR EACH STATEMENT EXECUTE FUNCTION bump_article_changes();`,
).join('\n')}
`;

/**
 * Where each article's date came from (metadata, a dateline in the text, the file's time, the
 * ingestion time). Articles stored before: a stated date counts as metadata; an inferred one stays
 * unknown (NULL), shown as a guess.
 */
const ARTICLE_PUBLISHED_FROM = `
ALTER TABLE articles ADD COLUMN published_from text;
UPDATE articles SET published_from = 'metadata' WHERE published IS NOT NULL AND NOT published_inferred;
`;

/**
 * The file an article was read from (absolute path), so deleting the file removes its articles.
 * (`origin` names the line or item too, "feed.xml item 3", so it cannot be matched to a file.)
 */
const ARTICLE_SOURCE_FILE = `
ALTER TABLE articles ADD COLUMN source_file text;
CREATE INDEX articles_source_file ON articles (source_file) WHERE source_file IS NOT NULL;
`;

/** The article store's schema history. Append new versions; never edit a released one. */
export const ARTICLE_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'text search configuration (english stemming, unaccent when available)',
    up: createTextSearchConfig,
  },
  { version: 2, name: 'articles, sentences, people, quotes with tsvector columns and GIN indexes', up: TABLES },
  {
    version: 3,
    name: 'article_changes counter, bumped by a statement trigger on every article table',
    up: CHANGE_COUNTER,
  },
  { version: 4, name: 'articles.published_from: where the date came from', up: ARTICLE_PUBLISHED_FROM },
  { version: 5, name: 'articles.source_file: the file an article was read from', up: ARTICLE_SOURCE_FILE },
  {
    version: 6,
    name: 'sentences.injection: the prompt-injection flag, set at ingest, kept out of every answer',
    up: addInjectionFlag,
  },
];

/** One cheap read of the change token: the counter row's epoch and count. */
export const CHANGE_VERSION_SQL = `SELECT epoch || ':' || counter AS version FROM article_changes`;
