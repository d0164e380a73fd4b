import type { Migration } from '../../store/migrations.js';

/** The component name of the story tables in schema_migrations. */
export const STORIES_COMPONENT = 'stories';

/*
 * Why the tables look like this:
 * - story_articles is the story id of each article (the grouping's output) and its signature, the
 *   few heaviest terms of its tf-idf vector; deleting an article deletes its row.
 * - story_postings is the inverted index grouping looks candidates up in: rare signature term →
 *   the articles (grouping order) and their story. Story ids never change (no merges), so the story is
 *   kept here rather than joined. No foreign key: a removed article's posting still points at a
 *   story that exists, which is a fair hint, and cascading would need a second index on 30 rows an article.
 * - story_terms counts, per term, the grouped articles holding it (document frequency for idf),
 *   and story_counters how many were grouped and the last grouping position.
 * - stories keeps each story's size and the sum of its articles' unit signatures (centroid), all
 *   an article needs to score the story: the mean cosine to its articles is centroid · signature / size.
 */
const V1 = `
CREATE TABLE stories (
  id         INTEGER PRIMARY KEY,
  first_seq  INTEGER NOT NULL,
  size       INTEGER NOT NULL,
  centroid   TEXT    NOT NULL,
  first_time TEXT    NOT NULL,
  last_time  TEXT    NOT NULL,
  last_dated TEXT
);
CREATE TABLE story_articles (
  article_pk INTEGER PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
  story_id   INTEGER NOT NULL REFERENCES stories (id),
  seq        INTEGER NOT NULL UNIQUE,
  signature  TEXT    NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id, seq);
CREATE TABLE story_postings (
  term     TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  story_id INTEGER NOT NULL,
  PRIMARY KEY (term, seq)
) WITHOUT ROWID;
CREATE TABLE story_terms (
  term TEXT    PRIMARY KEY,
  df   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE story_counters (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  docs     INTEGER NOT NULL,
  last_seq INTEGER NOT NULL
);
INSERT INTO story_counters (only_row, docs, last_seq) VALUES (1, 0, 0);
`;

/** The story tables' migrations, oldest first. Append; never edit a released step. */
export const STORY_MIGRATIONS: readonly Migration[] = [{ version: 1, up: V1 }];
