import { lemmatise, type LemmaToken } from './lemmas.js';
import { wordKey } from './terms.js';

export type Verdict = 'yes' | 'no' | undefined;

const AUX = new Set(['be', 'do', 'have', 'will', 'would', 'can', 'could', 'shall', 'should', 'may', 'might', 'must']);
const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);
/** Light verbs say little alone: "get permission" is stated by "won permission". */
const LIGHT: Record<string, string[]> = {
  get: ['get', 'win', 'receive', 'obtain', 'gain', 'secure', 'earn', 'grant', 'give', 'award'],
  have: ['have', 'own', 'hold', 'possess', 'run', 'control'],
};
const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor']);
/**
 * Words that make a sentence a plan, a wish, a doubt or a denial rather than a statement of
 * the fact ("he wants to see the U.S. extradite suspects" does not say it extradites them).
 */
const HEDGES = new Set([
  'could',
  'may',
  'might',
  'if',
  'whether',
  'unless',
  'perhaps',
  'possibly',
  'reportedly',
  'allegedly',
  'want',
  'hope',
  'plan',
  'seek',
  'propose',
  'expect',
  'ask',
  'urge',
  'aim',
  'try',
  'intend',
  'consider',
  'threaten',
  'fear',
  'deny',
  'refuse',
  'fail',
  'reject',
  'call',
  'demand',
  'suggest',
  'likely',
  'unlikely',
]);
const FUTURE = new Set(['will', 'would', "'ll", 'shall', 'going']);
const PAST_AUX = new Set(['did', 'has', 'have', 'had', 'was', 'were']);
const PRONOUN_SUBJECTS = new Set(['it', 'he', 'she', 'they', 'we']);

/** wink leaves "being" as its own lemma. */
const isBe = (t: LemmaToken) => t.lemma === 'be' || /^(be|being|been|am|is|are|was|were)$/.test(t.lower);
const keysOf = (t: LemmaToken) => new Set([t.lemma, wordKey(t.value), wordKey(t.lemma)]);

/**
 * Whether a sentence clearly states the yes/no question's claim: every content word of the
 * question (its verb by lemma: "met" states "meet") is in the sentence, the question's subject
 * sits on the subject side of that verb and its object on the other (swapped across active and
 * passive), and nothing hedges it. Then "yes", or "no" when the sentence negates the verb.
 * Anything less is undefined: the bot shows the sentence without claiming either.
 */
export function yesNoVerdict(question: string, sentence: string): Verdict {
  const q = lemmatise(question.replace(/[?!.]+\s*$/, ''));
  if (!q.length || !AUX.has(q[0].lemma)) return undefined;
  const body = q.slice(1);
  if (body.some((t) => NEGATORS.has(t.lower))) return undefined;
  const s = lemmatise(sentence);
  const formsOf = (t: LemmaToken) => LIGHT[t.lemma] ?? [t.lemma];
  // The tagger can take a noun for a verb in a short question ("Have tube commuters hidden …"):
  // the question's verb is the first one the sentence also uses as a verb.
  const verbs = body.map((t, i) => (t.pos === 'VERB' && !AUX.has(t.lemma) ? i : -1)).filter((i) => i >= 0);
  const verbAt =
    verbs.find((i) => s.some((x) => x.pos === 'VERB' && formsOf(body[i]).includes(x.lemma))) ?? verbs[0] ?? -1;
  // "Is Ebrard Mexico's foreign secretary?" has no verb to check the roles against: no verdict.
  if (verbAt < 0) return undefined;
  const verb = body[verbAt];
  // "Is X being replaced", "Was X founded by Y": a form of "be" before a participle.
  const participle = verb.lower !== verb.lemma && !verb.lower.endsWith('ing');
  const qPassive =
    (verbAt > 0 && isBe(body[verbAt - 1])) ||
    (isBe(q[0]) && participle && !body.slice(0, verbAt).some((t) => t.pos === 'AUX'));
  const qLemmas = new Set(q.map((t) => t.lemma));
  if (s.some((t) => HEDGES.has(t.lemma) && !qLemmas.has(t.lemma))) return undefined;

  const verbForms = formsOf(verb);
  const sVerbAt = s.findIndex((t) => verbForms.includes(t.lemma) || keysOf(t).has(wordKey(verb.value)));
  if (sVerbAt < 0) return undefined;
  const sPassive = sVerbAt > 0 && isBe(s[sVerbAt - 1]);
  const swapped = qPassive !== sPassive;
  const pronounSubject = s.slice(0, 2).some((t) => PRONOUN_SUBJECTS.has(t.lower));

  const positions = (t: LemmaToken) => {
    const want = keysOf(t);
    return s.map((x, i) => ([...keysOf(x)].some((k) => want.has(k)) ? i : -1)).filter((i) => i >= 0);
  };
  for (const [i, t] of body.entries()) {
    if (i === verbAt || !CONTENT_POS.has(t.pos) || AUX.has(t.lemma)) continue;
    const at = positions(t);
    const subjectSide = i < verbAt !== swapped;
    if (!at.length) {
      // "It recently won …": a subject the sentence refers to by pronoun.
      if (subjectSide && i < verbAt && t.pos === 'PROPN' && pronounSubject) continue;
      return undefined;
    }
    if (subjectSide ? !at.some((p) => p < sVerbAt) : !at.some((p) => p > sVerbAt)) return undefined;
  }
  // "would replace" states a plan, not that "the Merida Initiative has been / was replaced".
  const before = s.slice(Math.max(0, sVerbAt - 3), sVerbAt);
  if (before.some((t) => FUTURE.has(t.lower)) && PAST_AUX.has(q[0].lower)) return undefined;
  const negated = before.some((t) => NEGATORS.has(t.lower));
  return negated ? 'no' : 'yes';
}
