import { answerTypeRow } from '../answer-types.js';
import type { AnswerContext } from '../answer-context.js';
import { candidatesOf, type AnswerCandidate } from '../candidates.js';
import { confidence, decideInputs, decideWeights, type DecideInputs, type DecideWeights } from '../decide.js';
import type { Found, Refusal } from '../outcome.js';
import type { Scored } from '../rank.js';
import { yesNoVerdict } from '../yes-no.js';
import { citeOf } from './cite.js';
import { FEATURE_NAMES } from '../features.js';
import { rootOf, wordTokens } from '../terms.js';
import { namedTerms } from '../question.js';

/**
 * Sentences whose short answers are pooled into candidates (see candidates.ts). 3, 5 and 8 give the
 * same answers on both tuning halves (bbc-qa.dev.json 148/189, team-qa.json 132/219, with the
 * decision as fitted for 5): the ranker's share past the third sentence is small.
 */
export const CANDIDATE_SENTENCES = 5;

/**
 * Sentences whose article holds the question's names and states the roles it qualifies. A
 * question names what it is about; an article without those names is about something else,
 * however well its words match ("How much did eBay pay for Skype?" against an article on Skype
 * that never mentions eBay), and one whose prime minister is not Canadian does not answer about
 * "the Canadian prime minister".
 *
 * Two leniencies, for questions that word things differently from the article (measured on
 * questions written away from the articles' wording, docs/answer-quality.md): a question naming
 * three or more things may word one of them differently ("Met Police" for "Metropolitan Police",
 * "Washington" for the US government), and a role the question asks to be filled ("Which Spanish
 * player …", "Who was named the LTA's young player …") is the answer's description, which the
 * article may give in other words ("Spain's Rafael Nadal").
 */
function aboutTheNames(ctx: AnswerContext, ranked: Scored[]): Scored[] {
  const { q } = ctx;
  const proper = namedTerms(q);
  const mayMiss = proper.length >= 3 ? 1 : 0;
  const asksForHolder = (role: string) => q.type === 'who' || role === q.whNoun;
  const roles = q.roles.filter((r) => !asksForHolder(r.role)).map((r) => `${r.qualifier} ${r.role}`);
  if (!proper.length && !roles.length) return ranked;
  return ranked.filter(
    (s) =>
      proper.filter((t) => !s.hit.articleKeys.has(t.key)).length <= mayMiss &&
      roles.every((r) => s.hit.articleRoles.has(r)),
  );
}

/**
 * Answers from other articles that disagree with the one shown ("Sources differ"), for comparable
 * types: the shown answer is the short answer, or with a sentence headline, the answer read from
 * that sentence. Only rivals the ranker rates at least half as well as its best sentence count.
 */
function rivals(shown: AnswerCandidate, all: AnswerCandidate[], top: Scored, lead: Scored): AnswerCandidate[] {
  const floor = top.p / 2;
  const article = lead.hit.sentence.articleId;
  return all.filter(
    (c) => c !== shown && c.sources[0].p >= floor && c.sources.every((s) => s.hit.sentence.articleId !== article),
  );
}

/** Share of two sentences' words they have in common (Jaccard over word keys). */
function overlap(a: Scored, b: Scored): number {
  const x = new Set(a.hit.tokens.map((t) => t.key));
  const y = new Set(b.hit.tokens.map((t) => t.key));
  let both = 0;
  for (const k of x) if (y.has(k)) both++;
  return both / (x.size + y.size - both || 1);
}

/**
 * Other articles that say the quoted sentence again, nearly word for word (an agency copy):
 * cited too, so the reader sees it is corroborated. 0.6 keeps a copy that adds a clause
 * ("…, the union said") and drops a sentence that only shares the topic.
 */
const SAME_SENTENCE = 0.6;
function copiesOf(lead: Scored, ranked: Scored[]): Scored[] {
  const seen = new Set([lead.hit.sentence.articleId]);
  const out: Scored[] = [];
  for (const s of ranked) {
    if (out.length === 2 || seen.has(s.hit.sentence.articleId) || overlap(lead, s) < SAME_SENTENCE) continue;
    seen.add(s.hit.sentence.articleId);
    out.push(s);
  }
  return out;
}

/**
 * The thing asked about ("about guns", "how many troops"). A topic ("about guns") must be in the
 * answering sentence, when any sentence has it. A counted thing is often reworded
 * ("36 planes" for "how many aircraft"), so it only has to be in the articles read at all: a count
 * of troops cannot come from a text that never says troops (undefined: nothing to answer with).
 */
function aboutTheFocus(ctx: AnswerContext, ranked: Scored[]): Scored[] | undefined {
  const focus = ctx.q.terms.filter((t) => t.focus);
  if (!focus.length) return ranked;
  if (answerTypeRow(ctx.q.type).required)
    return focus.every((t) => ranked.some((s) => s.hit.articleKeys.has(t.key))) ? ranked : undefined;
  const holds = (s: Scored) => focus.every((t) => s.hit.tokens.some((w) => w.key === t.key));
  const kept = ranked.filter(holds);
  return kept.length ? kept : ranked;
}

/**
 * "What did X say (about Y)?" that the people strategy could not answer from X's quotes. Only a
 * sentence that names X, or follows or precedes one that does, and reports speech can answer it:
 * anything else answers about someone else. Refused when no such sentence was found, or when none
 * of them, with its neighbours, has a word of the topic (a string: why). Undefined when the
 * question is not one of these.
 */
function bySpeaker(ctx: AnswerContext, ranked: Scored[]): Scored[] | string | undefined {
  const spec = ctx.q.said;
  const at = FEATURE_NAMES.indexOf('speaker');
  // A speaker given by role alone ("the spokesman") has no name to look for: not gated.
  if (!spec || !/\p{Lu}/u.test(spec.speaker)) return undefined;
  const kept = ranked.filter((s) => s.features[at] > 0);
  if (!kept.length) return `Not in the store: the articles I have report nothing said by ${spec.speaker}.`;
  const topic = wordTokens(spec.topic).filter((t) => !t.stop && !t.part);
  if (!topic.length) return kept;
  // Derived forms count ("extradition" for "extradite"): this decides a refusal.
  const near = (s: Scored) =>
    topic.some(
      (t) =>
        s.hit.prevKeys.has(t.key) ||
        s.hit.nextKeys.has(t.key) ||
        s.hit.tokens.some((w) => w.key === t.key || rootOf(w.text) === rootOf(t.text)),
    );
  const onTopic = kept.filter(near);
  return onTopic.length
    ? onTopic
    : `Not in the store: the articles report what ${spec.speaker} said, but not on “${spec.topic.replace(/^(about|on|to|over|regarding)\s+/i, '')}”.`;
}

/** What the decision reads for one question: the ranking, the pooled short answers and the decision inputs. */
export interface Assessment {
  ranked: Scored[];
  /**
   * The sentence a headline would quote: the best ranked, or for a type only its own kind of
   * answer answers ("how many"), the best ranked that holds one.
   */
  lead: Scored;
  candidates: AnswerCandidate[];
  best?: AnswerCandidate;
  inputs: DecideInputs;
}

/** Ranks, pools and measures: everything extract decides on (also what scripts/fit-ranker.ts fits the decision to). */
export async function assess(ctx: AnswerContext): Promise<Assessment | string | undefined> {
  const named = aboutTheNames(ctx, await ctx.ranked());
  // The speaker gate reads the topic itself (beside the sentence too), so it comes before, and
  // instead of, the focus filter: X's words on the topic, not the topic's sentences about others.
  const spoken = bySpeaker(ctx, named);
  if (typeof spoken === 'string') return spoken;
  const ranked = spoken ?? aboutTheFocus(ctx, named);
  if (!ranked?.length) return undefined;
  const candidates = answerTypeRow(ctx.q.type).open ? [] : candidatesOf(ranked, CANDIDATE_SENTENCES);
  const best = candidates[0];
  const row = answerTypeRow(ctx.q.type);
  const lead = (row.required && ranked.slice(0, CANDIDATE_SENTENCES).find((s) => s.spans.length)) || ranked[0];
  return { ranked, lead, candidates, best, inputs: decideInputs(ranked, lead, best, ctx.q) };
}

/**
 * The general strategy: rank the retrieved sentences, pool their short answers, and let one
 * calibrated confidence answer or decline. The headline is the short answer when its support
 * clears the fitted bar, else the best sentence itself, so it is never a fragment that does not
 * answer. The supporting sentence is always cited.
 */
export async function extract(ctx: AnswerContext, w: DecideWeights = decideWeights()): Promise<Found | Refusal> {
  const { q } = ctx;
  const refuse = async (): Promise<Refusal> => ({
    kind: 'refused',
    message: `Not in the store: nothing in the articles I have answers “${q.text}”.`,
    closest: await ctx.closest(),
  });
  const a = await assess(ctx);
  if (typeof a === 'string') return { kind: 'refused', message: a, closest: await ctx.closest() };
  if (!a) return refuse();
  const { ranked, candidates, best } = a;
  const row = answerTypeRow(q.type);
  const top = ranked[0];
  // A question that only an answer of its kind answers ("how many", "when") and whose best
  // sentences hold none: the store does not give it.
  if (row.required && !best) return refuse();
  const conf = confidence(a.inputs, w);
  if (conf < w.threshold) return refuse();
  const short = best !== undefined && best.support >= w.shortAnswer;
  const lead = short ? best.sources[0] : a.lead;
  const others = short
    ? best.sources.filter((s) => s.hit.sentence.articleId !== lead.hit.sentence.articleId).slice(0, 2)
    : copiesOf(lead, ranked);
  const found: Found = {
    kind: 'found',
    headline: short ? best.text : lead.hit.sentence.text,
    short,
    cites: [lead, ...others].map((s) => citeOf(s.hit.sentence)),
    type: q.type,
    confidence: conf,
  };
  if (q.type === 'yesno') found.verdict = yesNoVerdict(q.text, lead.hit.sentence.text) ?? 'unstated';
  const shown = short ? best : candidates.find((c) => c.sources.includes(lead));
  if (shown && row.comparable) {
    const differ = rivals(shown, candidates, top, lead);
    if (differ.length)
      found.more = {
        heading: 'Sources differ',
        items: differ.map((c) => ({ text: c.text, cite: citeOf(c.sources[0].hit.sentence) })),
      };
  }
  return found;
}
