import type { Cite } from '../outcome.js';

/** The cite of a stored sentence (or of a passage sent to the model). */
export function citeOf(s: {
  articleId: string;
  text: string;
  article: { title: string; url?: string; published?: string };
}): Cite {
  const a = s.article;
  return { articleId: s.articleId, title: a.title, url: a.url, published: a.published, quote: s.text };
}
