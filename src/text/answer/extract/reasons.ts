import { restates } from './name-span.js';
import { trimEdges } from './span-parts.js';
import type { Extracted, QuestionView, SentenceView } from './view.js';

/**
 * Words that open a cause or a purpose: "because of", "in order to", "in an attempt to", "after a
 * series of six operations", "with an Achilles tendon injury", "following the side's elimination",
 * "for taking risks", "to beat touts" (to + a verb, not "to the").
 */
const CUE = new RegExp(
  [
    'because(?: of)?',
    'in order to',
    'so that',
    'so as to',
    'due to',
    'owing to',
    'thanks to',
    'as a result of',
    'in (?:an )?(?:attempt|effort|bid) to',
    'aimed at',
    'in protest (?:against|at|over)',
    'following',
    'after',
    'amid',
    'over',
    'with (?:an?|his|her|their|its) ',
    'for (?=[a-z]+ing\\b)',
    'since',
    'as',
    'means',
    'to (?!(?:the|a|an|be|his|her|their|its|this|that|these|those)\\b)(?=[a-z]+\\b)',
  ].join('|'),
  'g',
);

/**
 * why: the cause or purpose phrases of the sentence, from each cue to the clause's end (quotation
 * marks do not end it), those after the question's words first. A phrase that only repeats the
 * question ("to vote" for "why might residents miss the chance to vote") says nothing new.
 */
export function reasonSpans(s: SentenceView, q: QuestionView): Extracted[] {
  const text = s.text;
  const lastMatch = Math.max(0, ...s.tokens.filter((t) => q.keys.has(t.key)).map((t) => t.end));
  const out: { e: Extracted; after: boolean }[] = [];
  for (const m of text.matchAll(new RegExp(`\\b(?:${CUE.source})`, 'gi'))) {
    const from = m.index!;
    const rest = text.slice(from);
    const end = rest.search(/[;:()—–]|\s-\s/);
    const span = trimEdges(rest.slice(0, end < 0 ? rest.length : end).replace(/[“”"]/g, ''));
    const words = span.split(/\s+/);
    if (words.length < 2 || restates(span, q.keys)) continue;
    if (out.some((o) => o.e.text.includes(span) || span.includes(o.e.text))) continue;
    out.push({
      e: {
        text: words.slice(0, 30).join(' '),
        quality: /^(because|in order|so that|so as|due|owing|thanks|as a result|in (an )?(attempt|effort|bid))/i.test(
          span,
        )
          ? 1
          : 0.6,
      },
      after: from >= lastMatch,
    });
  }
  return out.sort((a, b) => Number(b.after) - Number(a.after) || b.e.quality - a.e.quality).map((o) => o.e);
}
