import type { Answerer } from '../../core/services.js';
import type { Citation, Reply } from '../../core/reply.js';
import type { ArticleStore, PersonCard } from '../../store/article-store.js';
import { findPerson, mergeSurnames } from '../cast/find-person.js';
import { analyzeQuestion, type QuestionAnalysis } from './question.js';
import { occurs, retrieve } from './retrieve.js';
import type { Candidate } from './rank.js';
import { answerSpan } from './span.js';
import { relevantPeople } from './relevant-people.js';
import { answerSaid, completeQuote, parseSaid } from './said.js';
import { yesNoVerdict } from './yes-no.js';
import { stem, wordTokens } from './terms.js';
import { ROLE_HEADS } from '../lexicon.js';
import { citationOf, closestArticles, dateOf, nearDuplicate, normaliseSpan, notInStore, unusableQuestion } from './compose.js';

type OkQuestion = Extract<QuestionAnalysis, { kind: 'ok' }>;

/**
 * Minimum idf-weighted share of the question's terms a sentence must hold to be an answer.
 * Chosen on the dev questions (docs/answer-quality.md): the answerable ones score 0.506–1.0 with
 * the shipped article alone and 0.684–1.0 among the 1,781 BBC articles; the unanswerable "how
 * many troops" question tops out at 0.20 alone, so 0.45 sits in that gap. Among the BBC articles
 * the unanswerable questions reach 0.55–0.59 on unrelated sentences: there the name, role and
 * focus gates below refuse them, not this number.
 */
export const DEFAULT_THRESHOLD = 0.45;

export interface AnswererOptions {
  threshold?: number;
  /** Candidates examined after reranking before giving up. */
  maxCandidates?: number;
}

/** Types whose answers can be compared across sources (a date, a count, an age). */
const COMPARABLE = new Set(['when', 'howmany', 'howold']);

export function createAnswerer(store: ArticleStore, opts: AnswererOptions = {}): Answerer {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const maxCandidates = opts.maxCandidates ?? 40;
  return {
    async answer(question: string): Promise<Reply> {
      const q = analyzeQuestion(question);
      if (q.kind === 'empty') {
        return unusableQuestion(
          q.reason === 'no-words'
            ? 'That question has no words in it. Ask about something in the coverage, e.g. “Who met in Mexico City?”'
            : 'That question is only common words (like “what is the”), so there is nothing to look up. Name what you want to know about.',
        );
      }
      if (q.kind === 'foreign') return unusableQuestion('I can only answer questions in English (the articles in the store are in English). Please rephrase your question in English.');
      return answerOk(store, q, threshold, maxCandidates);
    },
  };
}

async function answerOk(store: ArticleStore, q: OkQuestion, threshold: number, maxCandidates: number): Promise<Reply> {
  const { candidates, df } = await retrieve(store, q);
  const closest = () => closestArticles(candidates);

  // A name the store has never seen: say so rather than answer about something else.
  const missing = q.terms.filter((t) => t.proper && (df.get(t.key) ?? 0) === 0);
  const people = await peopleFor(store, q, candidates.slice(0, maxCandidates));
  for (const name of q.personNames) {
    // Unknown as a person and absent as a phrase: the store cannot be about them. (A phrase that
    // does occur — "Live Aid", "Time Warner" — is a name of something else and is searched normally.)
    if (!findPerson(people.all, name) && !(await occurs(store, name))) {
      return notInStore(`Not in the store: no one named “${name}” appears in the articles I have, so I can't answer about them.`, closest());
    }
  }
  if (missing.length) {
    const words = missing.map((t) => `“${t.text}”`).join(', ');
    return notInStore(`Not in the store: no article mentions ${words}, so I can't answer “${q.text}”.`, closest());
  }

  const identity = await whoIs(q, people.all, candidates);
  if (identity) return identity;
  const quoted = await answerSaid(store, q.text, people.all);
  if (quoted) return quoted;

  const accepted: { c: Candidate; span: string }[] = [];
  const articleKeys = new Map<string, Set<string>>();
  const pool = preferRoleHolders(q, candidates.slice(0, maxCandidates), people.byKey);
  for (const c of pool) {
    if (c.coverage < threshold) continue;
    if (!(await namesCovered(store, q, c, articleKeys))) continue;
    if (!rolesCovered(q, c, people.byKey)) continue;
    const span = answerSpan(q, c, people.byKey);
    if (!span) continue;
    accepted.push({ c, span });
    if (accepted.length >= 8) break;
  }
  if (!accepted.length) return notInStore(`Not in the store: nothing in the articles I have answers “${q.text}”.`, closest());

  const top = accepted[0];
  // A quotation the splitter cut in pieces: the answer gets the earlier pieces back.
  if (parseSaid(q.text) && top.c.hit.text.includes(top.span)) top.span = await completeQuote(store, top.c.hit.articleId, top.c.hit.idx, top.span);
  const support = [top, ...accepted.slice(1).filter((a) => a.c.hit.articleId !== top.c.hit.articleId && nearDuplicate(a.c, top.c) && normaliseSpan(a.span) === normaliseSpan(top.span))];
  const citations: Citation[] = support.map((s, i) => citationOf(s.c, i + 1));
  const marks = citations.map((c) => `[${c.n}]`).join('');
  // Yes/no: "Yes — …" only when the sentence states the claim; otherwise just the sentence.
  const verdict = q.type === 'yesno' ? yesNoVerdict(q.text, top.c.hit.text) : undefined;
  const answer = verdict ? `${verdict === 'yes' ? 'Yes' : 'No'} — ${top.span}` : top.span;
  const sections = [{ text: `${answer} ${marks}` }, { heading: 'Source', text: `“${top.c.hit.text}” ${marks}` }];

  if (COMPARABLE.has(q.type)) {
    const rivals = accepted.filter((a) => a.c.hit.articleId !== top.c.hit.articleId && a.c.score >= 0.8 * top.c.score && normaliseSpan(a.span) !== normaliseSpan(top.span));
    const seen = new Set([normaliseSpan(top.span)]);
    const lines = [`• ${top.span} — ${top.c.hit.article.title} (${dateOf(top.c.hit.article)}) [1]`];
    for (const r of rivals) {
      if (seen.has(normaliseSpan(r.span))) continue;
      seen.add(normaliseSpan(r.span));
      const cit = citationOf(r.c, citations.length + 1);
      citations.push(cit);
      lines.push(`• ${r.span} — ${r.c.hit.article.title} (${dateOf(r.c.hit.article)}) [${cit.n}]`);
    }
    if (lines.length > 1) sections.push({ heading: 'Sources differ', text: lines.join('\n') });
  }
  return {
    title: q.text,
    sections,
    citations,
    visibility: 'ephemeral',
    answered: true,
    answer,
    provenance: { path: 'extractive' },
    data: { confidence: Number(top.c.coverage.toFixed(3)), type: q.type, ...(q.type === 'yesno' ? { verdict: verdict ?? 'unstated' } : {}) },
  };
}

/**
 * "Who is the chancellor?": sentences naming a person whose stated role holds the asked-for
 * title come first, so "Chancellor Gordon Brown" beats "shadow chancellor under John Smith".
 */
function preferRoleHolders(q: OkQuestion, candidates: Candidate[], people: Map<string, PersonCard>): Candidate[] {
  const roles = q.type === 'who' ? roleTerms(q) : [];
  if (!roles.length) return candidates;
  const holds = (c: Candidate) =>
    c.hit.entities.some((e) => {
      const card = e.key ? people.get(e.key) : undefined;
      if (!card) return false;
      const keys = new Set(wordTokens(card.roles.join(' ')).map((t) => t.key));
      return roles.every((r) => keys.has(r.key));
    });
  return [...candidates.filter(holds), ...candidates.filter((c) => !holds(c))];
}

function roleTerms(q: OkQuestion) {
  return q.terms.filter((t) => ROLE_HEADS.has(t.text.toLowerCase()) || ROLE_HEADS.has(stem(t.text.toLowerCase())));
}

/**
 * "Who is Ned Price?": the question is only a name the store knows, so the answer is the role
 * the articles state for that person, cited from the sentence that states it.
 */
async function whoIs(q: OkQuestion, people: PersonCard[], candidates: Candidate[]): Promise<Reply | undefined> {
  if (q.type !== 'who' || q.names.length !== 1 || !q.terms.every((t) => t.proper)) return undefined;
  const person = findPerson(people, q.names[0]);
  if (!person) return undefined;
  const role = person.roles[0];
  const mentions = candidates.filter((c) => c.hit.entities.some((e) => e.key === person.key));
  const stating = (role && mentions.find((c) => c.hit.text.includes(role))) || mentions[0];
  if (!stating) return undefined;
  const answer = role ? `${person.name}, ${role}` : person.name;
  const cit = citationOf(stating, 1);
  const extra = person.affiliation && !(role ?? '').includes(person.affiliation) ? ` (${person.affiliation})` : '';
  return {
    title: q.text,
    sections: [{ text: `${answer}${extra} [1]` }, { heading: 'Source', text: `“${stating.hit.text}” [1]` }],
    citations: [cit],
    visibility: 'ephemeral',
    answered: true,
    answer,
    provenance: { path: 'extractive' },
    data: { confidence: 1, type: q.type, person: person.key },
  };
}

/** Every capitalised name in the question must occur in the sentence or its article. */
async function namesCovered(store: ArticleStore, q: OkQuestion, c: Candidate, cache: Map<string, Set<string>>): Promise<boolean> {
  const proper = q.terms.filter((t) => t.proper);
  if (!proper.length) return true;
  if (proper.every((t) => c.matched.has(t.key))) return true;
  let keys = cache.get(c.hit.articleId);
  if (!keys) {
    const art = await store.get(c.hit.articleId);
    keys = new Set(wordTokens(`${art?.title ?? ''} ${art?.text ?? ''}`).map((t) => t.key));
    cache.set(c.hit.articleId, keys);
  }
  return proper.every((t) => keys!.has(t.key));
}

/**
 * A question about someone by role ("What did the Canadian prime minister announce?") is only
 * answered by a sentence naming that role, directly or through a person whose stated role has
 * it; otherwise the bot would answer about someone else. Who-questions ask for the person, so
 * their role words are matched like any other term.
 */
function rolesCovered(q: OkQuestion, c: Candidate, people: Map<string, PersonCard>): boolean {
  if (q.type === 'who') return true;
  const roles = roleTerms(q);
  if (!roles.length) return true;
  const keys = new Set(c.matched);
  for (const e of c.hit.entities) {
    const card = e.key ? people.get(e.key) : undefined;
    if (card) for (const t of wordTokens(card.roles.join(' '))) keys.add(t.key);
  }
  return roles.every((t) => keys.has(t.key));
}

interface PeopleIndex {
  all: PersonCard[];
  byKey: Map<string, PersonCard>;
}

/**
 * People cards are needed to name who-answers and to check names in the question: only those of
 * the question's names and of the people in the candidates examined (`pool`) are loaded (see
 * relevant-people.ts). Candidates' people matter only through byKey, which only who-answers and
 * role checks read; finding the question's names needs their own cards alone.
 */
async function peopleFor(store: ArticleStore, q: OkQuestion, pool: Candidate[]): Promise<PeopleIndex> {
  const hasRole = roleTerms(q).length > 0;
  const said = parseSaid(q.text);
  if (q.type !== 'who' && !q.personNames.length && !hasRole && !said) return { all: [], byKey: new Map() };
  const names = [...q.personNames, ...q.names, ...(said ? [said.speaker] : [])];
  const keys = new Set<string>();
  if (q.type === 'who' || hasRole) for (const c of pool) for (const e of c.hit.entities) if (e.key) keys.add(e.key);
  const all = await relevantPeople(store, names, keys, said ? [said.speaker] : []);
  return { all, byKey: new Map(all.map((p) => [p.key, p])) };
}
