import { dateNote } from '../../../core/citations.js';
import type { ArticleMeta } from '../../../store/article-store.js';
import type { Cite } from '../outcome.js';

/** The cite of a stored sentence (or of a passage sent to the model). */
export function citeOf(s: {
  articleId: string;
  text: string;
  article: Pick<ArticleMeta, 'title' | 'url' | 'published'> &
    Partial<Pick<ArticleMeta, 'publishedFrom' | 'publishedInferred'>>;
}): Cite {
  const a = s.article;
  const cite: Cite = { articleId: s.articleId, title: a.title, url: a.url, published: a.published, quote: s.text };
  // A guessed date says so wherever it is shown ("2026-12-03, date from file time").
  const note = dateNote(a);
  if (note) cite.dateNote = note;
  return cite;
}
