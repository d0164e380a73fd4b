import type { ArticleMeta } from '../store/article-store.js';

/**
 * The name to show for an article's source: the feed's or site's name, else the web site's host,
 * else nothing. Never "Unknown": the store fills that in when a source gave none, and a reader
 * learns nothing from it.
 */
export function sourceName(meta: Pick<ArticleMeta, 'source' | 'url'>): string | undefined {
  const named = meta.source?.replace(/\s+/g, ' ').trim();
  if (named && !/^unknown\b/i.test(named)) return named;
  if (!meta.url) return undefined;
  try {
    const url = new URL(meta.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Distinct source names of some articles, most frequent first, then alphabetically. */
export function sourceNames(metas: readonly Pick<ArticleMeta, 'source' | 'url'>[]): string[] {
  const counts = new Map<string, number>();
  for (const m of metas) {
    const name = sourceName(m);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}
