import { answerTypeRow } from '../answer-types.js';
import type { AnswerContext } from '../answer-context.js';
import { candidatesOf, type AnswerCandidate } from '../candidates.js';
import { confidence, decideInputs, decideWeights, type DecideInputs, type DecideWeights } from '../decide.js';
import type { Found, Refusal } from '../outcome.js';
import type { Scored } from '../rank.js';
import { yesNoVerdict } from '../yes-no.js';
import { citeOf } from './cite.js';

/** Sentences whose short answers are pooled into candidates (see candidates.ts). */
export const CANDIDATE_SENTENCES = 5;

/**
 * Sentences whose article holds every name of the question and states every role it qualifies. A
 * question names what it is about; an article without one of those names is about something else,
 * however well its words match ("How much did eBay pay for Skype?" against an article on Skype
 * that never mentions eBay), and one whose prime minister is not Canadian does not answer about
 * "the Canadian prime minister".
 */
function aboutTheNames(ctx: AnswerContext, ranked: Scored[]): Scored[] {
  const proper = ctx.q.terms.filter((t) => t.proper);
  const roles = ctx.q.roles.map((r) => `${r.qualifier} ${r.role}`);
  return proper.length || roles.length ? ranked.filter((s) => proper.every((t) => s.hit.articleKeys.has(t.key)) && roles.every((r) => s.hit.articleRoles.has(r))) : ranked;
}

/** Answers from other articles that disagree with the first ("Sources differ"), for comparable types. */
function rivals(best: AnswerCandidate, all: AnswerCandidate[], top: Scored): AnswerCandidate[] {
  const floor = top.p / 2;
  return all.filter((c) => c !== best && c.sources[0].p >= floor && c.sources[0].hit.sentence.articleId !== best.sources[0].hit.sentence.articleId);
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
  if (answerTypeRow(ctx.q.type).required) return focus.every((t) => ranked.some((s) => s.hit.articleKeys.has(t.key))) ? ranked : undefined;
  const holds = (s: Scored) => focus.every((t) => s.hit.tokens.some((w) => w.key === t.key));
  const kept = ranked.filter(holds);
  return kept.length ? kept : ranked;
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
export async function assess(ctx: AnswerContext): Promise<Assessment | undefined> {
  const ranked = aboutTheFocus(ctx, aboutTheNames(ctx, await ctx.ranked()));
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
  const refuse = async (): Promise<Refusal> => ({ kind: 'refused', message: `Not in the store: nothing in the articles I have answers “${q.text}”.`, closest: await ctx.closest() });
  const a = await assess(ctx);
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
  const others = short ? best.sources.filter((s) => s.hit.sentence.articleId !== lead.hit.sentence.articleId).slice(0, 2) : [];
  const found: Found = {
    kind: 'found',
    headline: short ? best.text : lead.hit.sentence.text,
    short,
    cites: [lead, ...others].map((s) => citeOf(s.hit.sentence)),
    type: q.type,
    confidence: conf,
  };
  if (q.type === 'yesno') found.verdict = yesNoVerdict(q.text, lead.hit.sentence.text) ?? 'unstated';
  if (short && row.comparable) {
    const differ = rivals(best, candidates, top);
    if (differ.length) found.more = { heading: 'Sources differ', items: differ.map((c) => ({ text: c.text, cite: citeOf(c.sources[0].hit.sentence) })) };
  }
  return found;
}
