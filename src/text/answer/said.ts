import type { Reply } from '../../core/reply.js';
import type { ArticleStore, PersonCard, SentenceHit } from '../../store/article-store.js';
import { findPerson } from '../cast/find-person.js';
import { wordTokens } from './terms.js';
import { fold } from '../fold.js';
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
 * "Mark Ballard" when the analysis kept only "Ballard" (the role before the name was not
 * recognised): the one surname-only card with that surname, and only if the full name the user
 * typed does occur in the store, so a different person with the same surname is never used.
 */
async function surnameOnly(store: ArticleStore, people: PersonCard[], name: string): Promise<PersonCard | undefined> {
  const parts = fold(name).split(/\s+/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const cards = people.filter((p) => p.key === parts[parts.length - 1]);
  if (cards.length !== 1) return undefined;
  if (!(await store.searchSentences([name], { limit: 1 })).length) return undefined;
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
  // A quotation the splitter cut keeps only its last piece as the quote: the earlier pieces are
  // X's words too ("The demand for the IPO was impressive. We believe …," said X).
  const quotes = [];
  const cache = new Map<string, Promise<SentenceHit[]>>();
  for (const q of person.quotes) quotes.push({ ...q, text: await completeQuote(store, q.articleId, q.sentenceIdx, q.text, cache) });
  const scored = quotes.map((q) => {
    const keys = new Set(wordTokens(q.text).map((t) => t.key));
    let overlap = 0;
    for (const k of topicKeys) if (keys.has(k)) overlap++;
    return { q, overlap };
  });
  scored.sort((a, b) => b.overlap - a.overlap || (b.q.article.published ?? '').localeCompare(a.q.article.published ?? '') || Number(b.q.direct) - Number(a.q.direct));
  if (topicKeys.size && scored[0].overlap === 0) {
    if (partial) return undefined;
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

const OPEN = /[“]|(?:^|\s)"/g;
const CLOSE = /[”]|"(?=[\s,.;:!?]|$)/g;

/**
 * The sentence splitter cuts a multi-sentence quotation ("We are taken as hostages. I don't know
 * who is right …," said X), so a quote answer taken from the last piece is completed with the
 * earlier pieces of the same article, back to the opening quotation mark (at most three).
 */
export async function completeQuote(store: ArticleStore, articleId: string, idx: number, span: string, cache?: Map<string, Promise<SentenceHit[]>>): Promise<string> {
  const opened = (s: string) => (s.match(OPEN) ?? []).length - (s.match(CLOSE) ?? []).length;
  // The stored quote text has no marks, so the sentence decides (loaded once per article).
  let load = cache?.get(articleId);
  if (!load) {
    load = store.sentencesOf(articleId);
    cache?.set(articleId, load);
  }
  const sentences = await load;
  const at = sentences.findIndex((s) => s.idx === idx);
  if (at < 0 || opened(sentences[at].text) >= 0) return span;
  const before: string[] = [];
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    const s = sentences[i].text;
    const open = s.search(/[“"][^”"]*$/);
    if (open >= 0) {
      before.unshift(s.slice(open + 1).trim());
      return `${before.join(' ')} ${span}`;
    }
    before.unshift(s.trim());
  }
  return span;
}
