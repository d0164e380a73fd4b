import type { Analysis, AnalyzedSentence, Analyzer } from './types.js';
import { parse } from './nlp.js';
import { sentenceRanges } from './sentences.js';
import { findRuns, isAllCaps, type Run } from './analysis/runs.js';
import { detectPeople, mergePeople } from './analysis/people.js';
import { resolveMentions, type LocatedMention } from './analysis/mentions.js';
import { findQuotes } from './analysis/quotes.js';
import { dateFinder } from './analysis/dates.js';
import { findInjections } from './analysis/injection.js';

/**
 * Ingest-time analysis: sentences, people (with roles and resolved surnames), organisations,
 * places, quotes and resolved dates. One wink parse plus linear passes over its tokens.
 */
export const analyze: Analyzer = (text: string, published?: string): Analysis => {
  if (!text || !/[\p{L}\p{N}]/u.test(text)) return { sentences: [], people: [], quotes: [] };
  const { tokens, sentenceSpans } = parse(text);
  const ranges = sentenceRanges(tokens, sentenceSpans);
  // Sentences addressed to a model are kept (the article stays whole) but flagged, and give no
  // people, quotes or dates: nothing built from them reaches an answer, a card or a timeline.
  const injections = findInjections(
    text,
    ranges.map((r) => ({
      text: text.slice(tokens[r.first].start, tokens[r.last].end),
      start: tokens[r.first].start,
      end: tokens[r.last].end,
    })),
  );

  const runs: Run[] = [];
  ranges.forEach((r, idx) => {
    if (!injections[idx] && !isAllCaps(tokens, r.first, r.last)) runs.push(...findRuns(tokens, idx, r.first, r.last));
  });
  const hits = detectPeople(text, tokens, runs, ranges);
  const people = mergePeople(hits);
  const mentions = resolveMentions(text, tokens, runs, hits, people);

  const bySentence: LocatedMention[][] = ranges.map(() => []);
  for (const m of mentions) bySentence[m.sent].push(m);

  const datesIn = dateFinder(text, tokens, published);
  const sentences: AnalyzedSentence[] = ranges.map((r, idx) => {
    let hasNumber = false;
    for (let i = r.first; i <= r.last && !hasNumber; i++)
      if (tokens[i].type === 'number' || tokens[i].pos === 'NUM') hasNumber = true;
    const sentence: AnalyzedSentence = {
      idx,
      text: text.slice(tokens[r.first].start, tokens[r.last].end),
      start: tokens[r.first].start,
      end: tokens[r.last].end,
      entities: bySentence[idx].map((m) =>
        m.key ? { text: m.text, type: m.type, key: m.key } : { text: m.text, type: m.type },
      ),
      dates: injections[idx] ? [] : datesIn(r.first, r.last),
      hasNumber,
    };
    if (injections[idx]) sentence.injection = injections[idx]!.reason;
    return sentence;
  });
  const quotes = findQuotes(
    text,
    tokens,
    ranges.map((r, idx) => ({ first: r.first, last: r.last, mentions: bySentence[idx] })),
  ).filter((q) => !injections[q.sentenceIdx]);
  return { sentences, people: [...people.values()].filter((p) => p.mentions > 0), quotes };
};
