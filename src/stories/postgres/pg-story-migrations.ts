import type { PgMigration } from '../../store/postgres/pg-migrate.js';

/** The story tables on PostgreSQL: the same shape and meaning as the SQLite ones (see there for why). */
export const PG_STORY_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'stories, story_articles, story_postings, story_terms, story_counters',
    up: `
      CREATE TABLE stories (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        first_seq bigint NOT NULL,
        size integer NOT NULL,
        centroid text NOT NULL,
        first_time text NOT NULL,
        last_time text NOT NULL,
        last_dated text
      );
      CREATE TABLE story_articles (
        article_pk integer PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
        story_id bigint NOT NULL REFERENCES stories (id),
        seq bigint NOT NULL UNIQUE,
        signature text NOT NULL
      );
      CREATE INDEX story_articles_story ON story_articles (story_id, seq);
      CREATE TABLE story_postings (
        term text NOT NULL,
        seq bigint NOT NULL,
        story_id bigint NOT NULL,
        PRIMARY KEY (term, seq)
      );
      CREATE TABLE story_terms (
        term text PRIMARY KEY,
        df integer NOT NULL
      );
      CREATE TABLE story_counters (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        docs bigint NOT NULL,
        last_seq bigint NOT NULL
      );
      INSERT INTO story_counters (docs, last_seq) VALUES (0, 0);
    `,
  },
];
