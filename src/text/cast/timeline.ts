import { articleCitation } from '../../core/citations.js';
import type { Citation, Reply } from '../../core/reply.js';
import type { ArticleStore, DatedSentence } from '../../store/article-store.js';
import { articlesAbout, mentionsAll, mentionsAny, topicTerms } from '../summarize/topic.js';

/** Events shown at most (the most recent ones). */
const MAX_EVENTS = 25;

/**
 * /timeline: dated events in date order, each with its resolved date and its source. With a topic,
 * only the events whose sentence is about it: the articles the store's search finds for every topic
 * word, then the sentences there that name the topic (all of its words when some do, else any).
 * Dates inferred from a weekday or a relative phrase carry a mark, explained once below the list.
 */
export async function timeline(store: ArticleStore, topic?: string): Promise<Reply> {
  const t = topic?.trim();
  let events: DatedSentence[];
  if (t) {
    if (!topicTerms(t).length)
      return plain(`“${t}” has no words to look for. Give a topic such as a name, a place or a subject.`);
    const { articles, keys } = await articlesAbout(store, t, 50);
    if (!articles.length) return plain(`Nothing in the store about “${t}”.`);
    const about = firstDates(await store.datedSentences({ articleIds: articles.map((a) => a.id) })).filter((d) =>
      mentionsAny(d.text, keys),
    );
    const all = about.filter((d) => mentionsAll(d.text, keys));
    events = keys.size > 1 && all.length ? all : about;
    if (!events.length) return plain(`No dated events in the store about “${t}”.`);
  } else {
    events = firstDates(await store.datedSentences());
    if (!events.length) return plain('No dated events in the store.');
  }
  events.sort(
    (a, b) =>
      a.date.date.localeCompare(b.date.date) ||
      (a.article.published ?? '').localeCompare(b.article.published ?? '') ||
      a.idx - b.idx,
  );
  const shown = events.slice(-MAX_EVENTS);
  const citations: Citation[] = shown.map((d, i) => articleCitation(d.article, i + 1, d.text));
  const lines = shown.map((d, i) => `• ${d.date.date}${d.date.inferred ? '*' : ''} — ${d.text} [${i + 1}]`);
  const more = events.length > shown.length ? `(${events.length - shown.length} earlier events not shown)\n` : '';
  const note = inferredNote(shown);
  return {
    title: t ? `Timeline: ${t}` : 'Timeline',
    sections: [{ text: more + lines.join('\n') + (note ? `\n${note}` : '') }],
    citations,
    visibility: 'ephemeral',
    answered: true,
    answer: shown.map((d) => `${d.date.date} ${d.text}`).join('\n'),
    data: {
      events: shown.map((d) => ({
        date: d.date.date,
        inferred: d.date.inferred,
        dateText: d.date.text,
        articleId: d.articleId,
        idx: d.idx,
      })),
    },
  };
}

/** One event per sentence: its first resolved date. */
function firstDates(dated: DatedSentence[]): DatedSentence[] {
  const seen = new Set<string>();
  return dated.filter((d) => {
    const k = `${d.articleId}#${d.idx}`;
    return !seen.has(k) && seen.add(k);
  });
}

/**
 * The one note for every marked date: which words they come from and what they were counted from
 * ("* Inferred from “Wednesday”, “Thursday” and “Friday”, counted from the article's date, 2021-10-08.").
 */
function inferredNote(events: DatedSentence[]): string | undefined {
  const inferred = events.filter((d) => d.date.inferred);
  if (!inferred.length) return undefined;
  const phrases = [...new Set(inferred.map((d) => `“${d.date.text}”`))];
  const listed = phrases.length > 1 ? `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}` : phrases[0];
  const days = [...new Set(inferred.map((d) => d.article.published?.slice(0, 10) ?? 'undated'))];
  const from = days.length === 1 ? `the article's date, ${days[0]}` : "each article's date (under Sources)";
  return `* Inferred from ${listed} in the text, counted from ${from}.`;
}

function plain(text: string): Reply {
  return { sections: [{ text }], citations: [], visibility: 'ephemeral', answered: false, answer: '' };
}
