import type { Citation, Reply } from '../../core/reply.js';
import type { ArticleStore, DatedSentence } from '../../store/article-store.js';
import { WEEKDAYS } from '../lexicon.js';
import { articlesAbout, topicTerms } from '../summarize/topic.js';

/** Events shown at most (the most recent ones). */
const MAX_EVENTS = 25;

function note(d: DatedSentence): string {
  if (!d.date.inferred) return '';
  const words = d.date.text.toLowerCase().split(/\s+/);
  const published = d.article.published ? `, the article being dated ${d.article.published.slice(0, 10)}` : '';
  if (words.some((w) => WEEKDAYS.includes(w))) return ` (inferred from the weekday “${d.date.text}”${published})`;
  return ` (inferred from “${d.date.text}”${published})`;
}

/** /timeline: dated events in date order, each with its resolved date, a note when inferred, and its source. */
export async function timeline(store: ArticleStore, topic?: string): Promise<Reply> {
  const t = topic?.trim();
  let articleIds: string[] | undefined;
  if (t) {
    if (!topicTerms(t).length) return plain(`“${t}” has no words to look for. Give a topic such as a name, a place or a subject.`);
    const { articles } = await articlesAbout(store, t, 50);
    if (!articles.length) return plain(`Nothing in the store about “${t}”.`);
    articleIds = articles.map((a) => a.id);
  }
  const dated = await store.datedSentences(articleIds ? { articleIds } : undefined);
  // One event per sentence: its first resolved date.
  const seen = new Set<string>();
  const events = dated.filter((d) => {
    const k = `${d.articleId}#${d.idx}`;
    return !seen.has(k) && seen.add(k);
  });
  if (!events.length) return plain(t ? `No dated events in the store about “${t}”.` : 'No dated events in the store.');
  events.sort((a, b) => a.date.date.localeCompare(b.date.date) || (a.article.published ?? '').localeCompare(b.article.published ?? '') || a.idx - b.idx);
  const shown = events.slice(-MAX_EVENTS);
  const citations: Citation[] = shown.map((d, i) => ({ n: i + 1, articleId: d.articleId, title: d.article.title, url: d.article.url, published: d.article.published, quote: d.text }));
  const lines = shown.map((d, i) => `• ${d.date.date}${note(d)} — ${d.text} [${i + 1}]`);
  const more = events.length > shown.length ? `(${events.length - shown.length} earlier events not shown)\n` : '';
  return {
    title: t ? `Timeline: ${t}` : 'Timeline',
    sections: [{ text: more + lines.join('\n') }],
    citations,
    visibility: 'ephemeral',
    answered: true,
    answer: shown.map((d) => `${d.date.date} ${d.text}`).join('\n'),
    data: { events: shown.map((d) => ({ date: d.date.date, inferred: d.date.inferred, dateText: d.date.text, articleId: d.articleId, idx: d.idx })) },
  };
}

function plain(text: string): Reply {
  return { sections: [{ text }], citations: [], visibility: 'ephemeral', answered: false, answer: '' };
}
