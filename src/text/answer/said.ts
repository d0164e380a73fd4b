import type { Reply } from '../../core/reply.js';
import type { ArticleStore, PersonCard, SentenceRef } from '../../store/article-store.js';
import { findPerson } from '../cast/find-person.js';
import { wordTokens } from './terms.js';
import { fold } from '../fold.js';
import { dateOf, notInStore } from './compose.js';
import { occurs } from './retrieve.js';

/** "What did X say (about Y)?" and its variants. */
const SAID = /^\s*(?:what|how)\s+(?:did|does|has|have|had)\s+(.+?)\s+(?:say|said|says|tell|told|think|thinks|believe|believes|argue|argued|claim|claimed)\b(.*)$/i;

/** The speaker and topic of a "what did X say" question, if it is one. */
export function parseSaid(question: string): { speaker: string; topic: string } | undefined {
  const m = SAID.exec(question.replace(/[?!.]+\s*$/, ''));
  if (!m) return undefined;
  return { speaker: m[1].replace(/^(the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+/i, '').trim(), topic: m[2].trim() };
}

/**
 * "Mark Ballard" when the analysis kept only "Ballard" (the role before the name was not
 * recognised): the one surname-only card with that surname, and only if the full name the user
 * typed does occur in the store, so a different person with the same surname is never used.
 */
async function surnameOnly(store: ArticleStore, people: PersonCard[], name: string): Promise<PersonCard | undefined> {
  const parts = fold(name).split(/\s+/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const cards = people.filter((p) => p.key === parts[parts.length - 1]);
  if (cards.length !== 1) return undefined;
  if (!(await occurs(store, name))) return undefined;
  // Cards of people only mentioned near the question come without quotes: load this one's.
  const [full] = await store.people({ keys: [cards[0].key] });
  return full ? { ...full, name: cards[0].name } : cards[0];
}

/**
 * Answers "What did X say about Y?" from the quotes attributed to X at ingest, so the answer is
 * X's own words, not a sentence that merely mentions X. Returns undefined when X is not a known
 * person (the ordinary search then takes over, e.g. for "the Canadian prime minister").
 */
export async function answerSaid(store: ArticleStore, question: string, people: PersonCard[]): Promise<Reply | undefined> {
  const said = parseSaid(question);
  if (!said) return undefined;
  const known = findPerson(people, said.speaker);
  const person = known ?? (await surnameOnly(store, people, said.speaker));
  if (!person) return undefined;
  // Found only through the surname, the card may have missed some of their quotes: a topic its
  // quotes do not cover goes to the ordinary search rather than to a refusal.
  const partial = !known;
  const articles = [...new Map(person.quotes.map((q) => [q.articleId, q.article])).values()];
  if (!person.quotes.length && partial) return undefined;
  if (!person.quotes.length) return notInStore(`Not in the store: the articles name ${person.name} but quote nothing from them.`, []);
  const topicKeys = new Set(wordTokens(said.topic).filter((t) => !t.stop && !t.part).map((t) => t.key));
  const overlapOf = (text: string) => {
    const keys = new Set(wordTokens(text).map((t) => t.key));
    let overlap = 0;
    for (const k of topicKeys) if (keys.has(k)) overlap++;
    return overlap;
  };
  type Scored = { q: PersonCard['quotes'][number]; overlap: number; sentence?: string };
  const byRank = (a: Scored, b: Scored) => b.overlap - a.overlap || (b.q.article.published ?? '').localeCompare(a.q.article.published ?? '') || Number(b.q.direct) - Number(a.q.direct);
  // A quotation the splitter cut keeps only its last piece as the quote: the earlier pieces are
  // X's words too ("The demand for the IPO was impressive. We believe …," said X), so quotes are
  // scored completed. Completing only adds words, so a quote's overlap can only grow, at most to
  // every topic word: a quote that would rank below the third best even then is never picked,
  // and is not completed (someone quoted thousands of times has few contenders, not thousands).
  const raw = person.quotes.map((q) => ({ q, overlap: overlapOf(q.text) }));
  const third = [...raw].sort(byRank)[Math.min(2, raw.length - 1)];
  const contenders = raw.filter((s) => byRank({ q: s.q, overlap: topicKeys.size }, third) <= 0).map((s) => s.q);
  const completed = await completeQuotes(store, contenders);
  const scored: Scored[] = contenders.map((q, i) => ({ q: { ...q, text: completed[i].text }, overlap: overlapOf(completed[i].text), sentence: completed[i].sentence }));
  scored.sort(byRank);
  if (topicKeys.size && scored[0].overlap === 0) {
    if (partial) return undefined;
    return notInStore(`Not in the store: the articles quote ${person.name}, but not on “${said.topic.replace(/^(about|on|of)\s+/i, '')}”.`, articles.slice(0, 3));
  }
  const picked = scored.filter((s) => s.overlap === scored[0].overlap).slice(0, 3);
  const citations = [];
  for (const [i, s] of picked.entries()) {
    citations.push({ n: i + 1, articleId: s.q.articleId, title: s.q.article.title, url: s.q.article.url, published: s.q.article.published, quote: s.sentence ?? s.q.text });
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

const OPEN = /[“]|(?:^|\s)"/g;
const CLOSE = /[”]|"(?=[\s,.;:!?]|$)/g;
const opened = (s: string) => (s.match(OPEN) ?? []).length - (s.match(CLOSE) ?? []).length;

/** A quote with the earlier pieces of its quotation put back, and the sentence it was taken from. */
export interface CompletedQuote {
  text: string;
  sentence?: string;
}

const refKey = (articleId: string, idx: number) => `${idx}#${articleId}`;

/**
 * The sentence splitter cuts a multi-sentence quotation ("We are taken as hostages. I don't know
 * who is right …," said X), so a quote taken from the last piece is completed with the earlier
 * pieces of the same article, back to the opening quotation mark (at most three). The stored
 * quote text has no marks, so each quote's sentence decides; earlier sentences are read only for
 * the few that close a quotation they did not open. Sentence indexes run 0, 1, 2… in an article.
 */
export async function completeQuotes(store: ArticleStore, quotes: readonly { articleId: string; sentenceIdx: number; text: string }[]): Promise<CompletedQuote[]> {
  const own = await readSentences(store, quotes.map((q) => ({ articleId: q.articleId, idx: q.sentenceIdx })));
  const cut = quotes.filter((q) => opened(own.get(refKey(q.articleId, q.sentenceIdx)) ?? '') < 0);
  const earlier = await readSentences(
    store,
    cut.flatMap((q) => [1, 2, 3].map((back) => ({ articleId: q.articleId, idx: q.sentenceIdx - back })).filter((r) => r.idx >= 0)),
  );
  return quotes.map((q) => {
    const sentence = own.get(refKey(q.articleId, q.sentenceIdx));
    if (sentence === undefined || opened(sentence) >= 0) return { text: q.text, sentence };
    const before: string[] = [];
    for (let i = q.sentenceIdx - 1; i >= 0 && i >= q.sentenceIdx - 3; i--) {
      const s = earlier.get(refKey(q.articleId, i));
      if (s === undefined) break;
      const open = s.search(/[“"][^”"]*$/);
      if (open >= 0) {
        before.unshift(s.slice(open + 1).trim());
        return { text: `${before.join(' ')} ${q.text}`, sentence };
      }
      before.unshift(s.trim());
    }
    return { text: q.text, sentence };
  });
}

/** One quote's completion (see completeQuotes). */
export async function completeQuote(store: ArticleStore, articleId: string, idx: number, span: string): Promise<string> {
  return (await completeQuotes(store, [{ articleId, sentenceIdx: idx, text: span }]))[0].text;
}

/** Sentence texts by position: in one read where the store offers it, else article by article. */
async function readSentences(store: ArticleStore, refs: SentenceRef[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (!refs.length) return texts;
  if (store.sentenceTexts) {
    for (const s of await store.sentenceTexts(refs)) texts.set(refKey(s.articleId, s.idx), s.text);
    return texts;
  }
  for (const articleId of new Set(refs.map((r) => r.articleId))) {
    for (const s of await store.sentencesOf(articleId)) texts.set(refKey(articleId, s.idx), s.text);
  }
  return texts;
}
