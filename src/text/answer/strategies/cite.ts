import type { SentenceHit } from '../../../store/article-store.js';
import type { Cite } from '../outcome.js';

/** The cite of a stored sentence. */
export function citeOf(s: Pick<SentenceHit, 'article' | 'text'>): Cite {
  const a = s.article;
  return { articleId: a.id, title: a.title, url: a.url, published: a.published, quote: s.text };
}
