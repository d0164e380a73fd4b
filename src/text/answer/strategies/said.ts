import type { ArticleStore, PersonCard } from '../../../store/article-store.js';
import { findPerson } from '../../cast/find-person.js';
import { fold } from '../../fold.js';
import type { AnswerContext } from '../answer-context.js';
import type { Found } from '../outcome.js';
import { occurs } from '../retrieve.js';
import { wordTokens } from '../terms.js';
import { completeQuotes } from '../quotes.js';
import { restates } from '../extract/name-span.js';

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

type Quote = PersonCard['quotes'][number];
type Scored = { q: Quote; overlap: number; sentence?: string };
const byRank = (a: Scored, b: Scored) =>
  b.overlap - a.overlap ||
  (b.q.article.published ?? '').localeCompare(a.q.article.published ?? '') ||
  Number(b.q.direct) - Number(a.q.direct);

/**
 * "What did X say (about Y)?" from the quotes attributed to X at ingest, so the answer is X's own
 * words, not a sentence that merely mentions X. Nothing (the ranked search goes on) when X is not
 * a known person, is quoted on nothing, or none of X's quotes is on the topic.
 */
export async function said(ctx: AnswerContext): Promise<Found | undefined> {
  const spec = ctx.q.said;
  if (!spec) return undefined;
  const people = (await ctx.people()).all;
  const known = findPerson(people, spec.speaker);
  const person = known ?? (await surnameOnly(ctx.store, people, spec.speaker));
  if (!person) return undefined;
  if (!person.quotes.length) return undefined;
  const topicKeys = new Set(
    wordTokens(spec.topic)
      .filter((t) => !t.stop && !t.part)
      .map((t) => t.key),
  );
  const overlapOf = (text: string) => {
    const keys = new Set(wordTokens(text).map((t) => t.key));
    return [...topicKeys].filter((k) => keys.has(k)).length;
  };
  // A quote the splitter cut keeps only its last piece: quotes are scored completed. Completing
  // only adds words, so a quote that would rank below the third best even with every topic word
  // is never picked, and is not completed.
  const raw = person.quotes.map((q) => ({ q, overlap: overlapOf(q.text) }));
  const third = [...raw].sort(byRank)[Math.min(2, raw.length - 1)];
  const contenders = raw.filter((s) => byRank({ q: s.q, overlap: topicKeys.size }, third) <= 0).map((s) => s.q);
  const completed = await completeQuotes(ctx.store, contenders);
  const scored: Scored[] = contenders.map((q, i) => ({
    q: { ...q, text: completed[i].text },
    overlap: overlapOf(completed[i].text),
    sentence: completed[i].sentence,
  }));
  scored.sort(byRank);
  // None of their quotes is on the topic: what they said may still be reported in other words
  // ("Campbell has called the rivalry 'bitter and personal'"), which the ranked search reads.
  if (topicKeys.size && scored[0].overlap === 0) return undefined;
  const picked = scored.filter((s) => s.overlap === scored[0].overlap).slice(0, 3);
  const cite = (s: Scored) => ({
    articleId: s.q.articleId,
    title: s.q.article.title,
    url: s.q.article.url,
    published: s.q.article.published,
    quote: s.sentence ?? s.q.text,
  });
  // A quoted phrase made only of the question's own words ("pressing political challenge") says
  // nothing the question did not: the sentence around it does ("… the Middle East …").
  const shown = (s: Scored) =>
    restates(s.q.text, ctx.q.keys) && s.sentence ? s.sentence : s.q.direct ? `“${s.q.text}”` : s.q.text;
  return {
    kind: 'found',
    headline: shown(picked[0]),
    short: false,
    cites: [cite(picked[0])],
    type: 'what',
    confidence: 1,
    person: person.key,
    more:
      picked.length > 1
        ? { heading: 'Also', items: picked.slice(1).map((s) => ({ text: shown(s), cite: cite(s) })) }
        : undefined,
  };
}
