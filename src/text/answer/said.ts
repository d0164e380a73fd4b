import type { Reply } from '../../core/reply.js';
import type { ArticleStore, PersonCard } from '../../store/article-store.js';
import { findPerson } from '../cast/find-person.js';
import { wordTokens } from './terms.js';
import { dateOf, notInStore } from './compose.js';

/** "What did X say (about Y)?" and its variants. */
const SAID = /^\s*(?:what|how)\s+(?:did|does|has|have|had)\s+(.+?)\s+(?:say|said|says|tell|told|think|thinks|believe|believes|argue|argued|claim|claimed)\b(.*)$/i;

/** The speaker and topic of a "what did X say" question, if it is one. */
export function parseSaid(question: string): { speaker: string; topic: string } | undefined {
  const m = SAID.exec(question.replace(/[?!.]+\s*$/, ''));
  if (!m) return undefined;
  return { speaker: m[1].replace(/^(the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+/i, '').trim(), topic: m[2].trim() };
}

/**
 * Answers "What did X say about Y?" from the quotes attributed to X at ingest, so the answer is
 * X's own words, not a sentence that merely mentions X. Returns undefined when X is not a known
 * person (the ordinary search then takes over, e.g. for "the Canadian prime minister").
 */
export async function answerSaid(store: ArticleStore, question: string, people: PersonCard[]): Promise<Reply | undefined> {
  const said = parseSaid(question);
  if (!said) return undefined;
  const person = findPerson(people, said.speaker);
  if (!person) return undefined;
  const articles = [...new Map(person.quotes.map((q) => [q.articleId, q.article])).values()];
  if (!person.quotes.length) return notInStore(`Not in the store: the articles name ${person.name} but quote nothing from them.`, []);
  const topicKeys = new Set(wordTokens(said.topic).filter((t) => !t.stop && !t.part).map((t) => t.key));
  const scored = person.quotes.map((q) => {
    const keys = new Set(wordTokens(q.text).map((t) => t.key));
    let overlap = 0;
    for (const k of topicKeys) if (keys.has(k)) overlap++;
    return { q, overlap };
  });
  scored.sort((a, b) => b.overlap - a.overlap || (b.q.article.published ?? '').localeCompare(a.q.article.published ?? '') || Number(b.q.direct) - Number(a.q.direct));
  if (topicKeys.size && scored[0].overlap === 0) {
    return notInStore(`Not in the store: the articles quote ${person.name}, but not on “${said.topic.replace(/^(about|on|of)\s+/i, '')}”.`, articles.slice(0, 3));
  }
  const picked = scored.filter((s) => s.overlap === scored[0].overlap).slice(0, 3);
  const citations = [];
  for (const [i, s] of picked.entries()) {
    const sentence = (await store.sentencesOf(s.q.articleId)).find((h) => h.idx === s.q.sentenceIdx)?.text ?? s.q.text;
    citations.push({ n: i + 1, articleId: s.q.articleId, title: s.q.article.title, url: s.q.article.url, published: s.q.article.published, quote: sentence });
  }
  const first = picked[0].q;
  const lines = picked.map((s, i) => `${s.q.direct ? `“${s.q.text}”` : s.q.text} — ${person.name}, ${dateOf(s.q.article)} [${i + 1}]`);
  return {
    title: question.trim(),
    sections: [{ text: lines[0] }, ...(lines.length > 1 ? [{ heading: 'Also', text: lines.slice(1).join('\n') }] : [])],
    citations,
    visibility: 'ephemeral',
    answered: true,
    answer: first.text,
    provenance: { path: 'extractive' },
    data: { confidence: 1, type: 'what', person: person.key },
  };
}
