import { TS_CONFIG } from './article-migrations.js';

const MAX_TERMS = 32;
const MAX_TERM_LENGTH = 200;

/** Query terms ready to be bound as parameters; the SQL that uses them never contains user text. */
export interface TermQuery {
  /** Parameter values, one per term. */
  params: string[];
  /** SQL for a VALUES list of (i, tsquery), one row per term, reading parameters from `offset` + 1. */
  valuesSql: string;
  /** SQL for one tsquery that matches any term, for the GIN index. */
  anySql: string;
}

/**
 * Turns plain terms into tsqueries without ever parsing user text as query syntax: each term is a
 * bound parameter handed to phraseto_tsquery, which only tokenises it (a multi-word term becomes a
 * phrase, as a quoted FTS5 term does in the SQLite store), and the terms are OR-ed. Quotes, `&`,
 * `|`, `!`, `:*`, parentheses and the like are just punctuation to the parser.
 */
export function buildTermQuery(terms: readonly string[], offset = 0): TermQuery | undefined {
  const params: string[] = [];
  const seen = new Set<string>();
  for (const raw of terms) {
    // PostgreSQL text cannot hold NUL; other control characters are harmless separators.
    const term = raw
      .replace(/\u0000/g, ' ')
      .trim()
      .slice(0, MAX_TERM_LENGTH);
    const key = term.toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    params.push(term);
    if (params.length === MAX_TERMS) break;
  }
  if (!params.length) return undefined;
  const one = (i: number) => `phraseto_tsquery('${TS_CONFIG}', $${offset + i + 1})`;
  const valuesSql = params.map((_, i) => `(${i + 1}, ${one(i)})`).join(', ');
  const anySql = `(${params.map((_, i) => one(i)).join(' || ')})`;
  return { params, valuesSql, anySql };
}
