import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepares each distinct SQL text once per connection. Preparing costs about as much as running a
 * small query, so at /ask rates the cache matters; the SQL texts are constants, so it stays small.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get<P extends unknown[] | {} = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }
}
