import type { Logger } from 'pino';
import { UserError } from '../core/errors.js';
import { silentLogger } from '../log.js';
import { openSqliteStore, SqliteArticleStore } from './sqlite/sqlite-store.js';
import { openPostgresStore, PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
import { parseDatabaseUrl } from './postgres/database-url.js';
import { readSqliteArticles, sqliteCounts } from './postgres/from-sqlite.js';
import { importArticles } from './postgres/pg-import.js';
import { copyDigests, countDigests, readSqliteDigests } from './postgres/digest-copy.js';
import { PG_DIGEST_MIGRATIONS } from '../digest/postgres/pg-digest-migrations.js';
import { copyFeeds, readSqliteFeeds } from './postgres/feed-copy.js';
import { PG_FEED_MIGRATIONS } from '../feeds/postgres/pg-feed-migrations.js';
import { FEEDS_COMPONENT } from '../feeds/sqlite/feed-migrations.js';

/** What a copy moved and what the target holds for those articles afterwards. */
export interface MigrateStoreReport {
  from: string;
  to: string;
  /** Rows in the source. */
  source: { articles: number; sentences: number; people: number; quotes: number };
  /** Articles written now; the rest were already in the target (an earlier, interrupted run). */
  copied: number;
  alreadyThere: number;
  /** Rows the target holds for the source's article ids, checked against `source`. */
  target: { articles: number; sentences: number; people: number; quotes: number };
  /** Digest subscriptions and ledger rows: in the source, and held by the target afterwards. */
  digests?: { source: { subscriptions: number; runs: number }; target: { subscriptions: number; runs: number } };
  /** Followed feeds and their item records: in the source, and written now. */
  feeds?: { source: { feeds: number; items: number }; copied: { feeds: number; items: number } };
}

/**
 * Copies every article of a SQLite store, with its stored analysis and its ingestion times, into a
 * PostgreSQL store, one transaction per batch, then verifies that the target holds as many
 * articles, sentences, people and quotes for those ids as the source. Digest subscriptions and
 * their ledger (watermarks included) move too, when the SQLite file has them, and so do followed
 * feeds with their polling state and item records (same ids). A mismatch is an
 * error; running it again after an interruption resumes where it stopped.
 */
export async function migrateStore(
  from: SqliteArticleStore,
  to: PostgresStore,
  opts: { logger?: Logger; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<MigrateStoreReport> {
  const logger = opts.logger ?? silentLogger();
  const source = sqliteCounts(from.db);
  const ids: string[] = [];
  let copied = 0;
  for (const batch of readSqliteArticles(from.db, opts.batchSize ?? 200)) {
    const written = await to.db.transaction((tx) => importArticles(tx, batch));
    copied += written.length;
    ids.push(...batch.map((a) => a.meta.id));
    opts.onProgress?.(ids.length, source.articles);
    logger.debug({ done: ids.length, total: source.articles }, 'migrate-store: batch copied');
  }
  const counts = await to.db.query<{ articles: number; sentences: number; people: number; quotes: number }>(
    `SELECT (SELECT count(*) FROM articles WHERE id = ANY($1::text[]))::int AS articles,
            (SELECT count(*) FROM sentences WHERE article_id = ANY($1::text[]))::int AS sentences,
            (SELECT count(*) FROM people WHERE article_id = ANY($1::text[]))::int AS people,
            (SELECT count(*) FROM quotes WHERE article_id = ANY($1::text[]))::int AS quotes`,
    [ids],
  );
  const target = counts.rows[0];
  const report: MigrateStoreReport = {
    from: from.location,
    to: to.location,
    source,
    copied,
    alreadyThere: ids.length - copied,
    target,
  };
  const differs = (Object.keys(source) as (keyof typeof source)[]).filter((k) => source[k] !== target[k]);
  if (differs.length) {
    throw new UserError(
      'MIGRATION_MISMATCH',
      `The copy to ${to.location} does not match ${from.location}: ${differs.map((k) => `${k} ${source[k]} → ${target[k]}`).join(', ')}. ` +
        'An article with the same id or content but different rows was already in the target.',
    );
  }
  const digests = readSqliteDigests(from.db);
  if (digests) {
    await to.migrate('digest', PG_DIGEST_MIGRATIONS);
    await to.db.transaction((tx) => copyDigests(tx, digests));
    const wanted = { subscriptions: digests.subscriptions.length, runs: digests.runs.length };
    const held = await countDigests(
      to.db,
      digests.subscriptions.map((s) => String(s.id)),
    );
    report.digests = { source: wanted, target: held };
    if (held.subscriptions !== wanted.subscriptions || held.runs !== wanted.runs) {
      throw new UserError(
        'MIGRATION_MISMATCH',
        `The digest ledger copied to ${to.location} does not match ${from.location}: subscriptions ${wanted.subscriptions} → ${held.subscriptions}, runs ${wanted.runs} → ${held.runs}.`,
      );
    }
  }
  const feeds = readSqliteFeeds(from.db);
  if (feeds) {
    await to.migrate(FEEDS_COMPONENT, PG_FEED_MIGRATIONS);
    const copiedFeeds = await to.db.transaction((tx) => copyFeeds(tx, feeds));
    report.feeds = { source: { feeds: feeds.feeds.length, items: feeds.items.length }, copied: copiedFeeds };
  }
  logger.info(report, 'migrate-store: copied and verified');
  return report;
}

/** `--from sqlite:PATH` → the path; anything else is a clear error naming the flag. */
export function parseSqliteSpec(spec: string): string {
  const m = /^sqlite:(.+)$/.exec(spec.trim());
  if (!m || !m[1].trim()) {
    throw new UserError(
      'BAD_STORE_SPEC',
      `--from must be sqlite:PATH (for example sqlite:data/briefbot.db), not "${spec}".`,
    );
  }
  return m[1].trim();
}

/** `briefbot migrate-store --from sqlite:PATH --to postgres://…`: opens both stores, copies, verifies, closes. */
export async function runMigrateStore(
  args: { from: string; to: string },
  opts: {
    logger?: Logger;
    onProgress?: (done: number, total: number) => void;
    schema?: string;
    connect?: PostgresStoreOptions;
  } = {},
): Promise<MigrateStoreReport> {
  const path = parseSqliteSpec(args.from);
  parseDatabaseUrl(args.to, '--to');
  const from = await openSqliteStore(path, { readonly: true });
  try {
    const to = await openPostgresStore(args.to, {
      logger: opts.logger,
      schema: opts.schema,
      setting: '--to',
      ...opts.connect,
    });
    try {
      return await migrateStore(from, to, opts);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
