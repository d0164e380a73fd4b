import { informative, nameAt, restates } from './name-span.js';
import { appositiveName, quotedWords, trimEdges } from './span-parts.js';
import { wordTokens } from '../terms.js';
import type { Extracted, QuestionView, SentenceView } from './view.js';

const NAME = "\\p{Lu}[\\p{L}'’-]*(?:\\s+\\p{Lu}[\\p{L}'’-]*)*";
const NAME_LIST = new RegExp(`^\\s+(${NAME}(?:(?:,\\s*|\\s+and\\s+|,\\s+and\\s+)${NAME})*)`, 'u');
const BOUNDARY = /[,;:()“”"—–]|\s-\s/g;
const INSTANCES = /^\s*,?\s*(such as|including|like|especially|notably|namely|among them)\s+/i;

const contentCount = (s: string) => wordTokens(s).filter((t) => !t.stop && !t.part).length;

/** The clause around a character offset, between the boundaries (commas, quotes, dashes) around it. */
function clauseAt(text: string, at: number): [number, number] {
  let s = 0;
  let e = text.length;
  for (const m of text.matchAll(BOUNDARY)) {
    if (m.index! < at) s = m.index! + 1;
    else {
      e = m.index!;
      break;
    }
  }
  return [s, e];
}

/** "What drugs …?" answered by "… drugs such as fentanyl", "… flops Alexander and Catwoman", "… initiative, called X". */
function instancesOfNoun(s: SentenceView, q: QuestionView): string | undefined {
  const at = q.whNoun ? s.tokens.find((t) => !t.part && t.key === q.whNoun) : undefined;
  if (!at) return undefined;
  const rest = s.text.slice(at.end);
  const m = INSTANCES.exec(rest);
  if (m) {
    const words = trimEdges(rest.slice(m[0].length)).split(/\s+/);
    return trimEdges(words.slice(0, 30).join(' '));
  }
  const named = NAME_LIST.exec(rest);
  if (named) return named[1];
  const given = appositiveName(s.text, at.end);
  return given && !restates(given, q.keys) ? given : undefined;
}

/**
 * what: the words the question leaves open. After the question's last verb or adjective found in
 * the sentence ("ready [for an updated … agreement]"), up to the next question word or clause
 * boundary; a name right after the verb is taken whole; when the question names its topic
 * ("about guns"), the clause holding it.
 */
export function clauseSpans(s: SentenceView, q: QuestionView): Extracted[] {
  const text = s.text;
  const toks = s.tokens.filter((t) => !t.part);
  const byKey = new Map(q.terms.map((t) => [t.key, t]));
  const matchedIdx = toks.map((t, i) => (byKey.has(t.key) ? i : -1)).filter((i) => i >= 0);
  if (!matchedIdx.length) return [];
  const out: Extracted[] = [];
  const push = (span: string | undefined, quality: number) => {
    if (span && !restates(span, q.keys) && !out.some((o) => o.text === span)) out.push({ text: span, quality });
  };
  if (q.said) push(quotedWords(text), 0.8);
  push(instancesOfNoun(s, q), 0.9);
  const focusIdx = matchedIdx.find((i) => byKey.get(toks[i].key)!.focus);
  if (focusIdx !== undefined) {
    const [a, b] = clauseAt(text, toks[focusIdx].start);
    push(trimEdges(text.slice(a, b)), 0.5);
  }
  const order = q.terms.map((t) => t.key);
  const anchors = matchedIdx.filter((i) => ['VERB', 'ADJ'].includes(byKey.get(toks[i].key)!.pos));
  anchors.sort((a, b) => order.indexOf(toks[b].key) - order.indexOf(toks[a].key) || a - b);
  for (const a of anchors) {
    const from = toks[a].end;
    const [, clauseEnd] = clauseAt(text, from);
    const next = matchedIdx.find((i) => i > a && toks[i].start >= from && toks[i].key !== toks[a].key);
    const name = nameAt(text, from);
    if (name && name.text.split(/\s+/).length <= 16 && /^\s*(?:(?:the|a|an)\s+)?[\p{Lu}\p{N}]/u.test(text.slice(from)))
      push(name.text, 0.7);
    const toNext = trimEdges(
      text.slice(from, Math.min(clauseEnd, next !== undefined ? toks[next].start : text.length)),
    );
    if (contentCount(toNext) >= 2 || (contentCount(toNext) === 1 && informative(toNext))) push(toNext, 0.6);
    const quotedObject = /^\s*(?:(?:an?|the)\s+)?[“"]([^”"]{2,80})[”"]/.exec(text.slice(from));
    if (quotedObject) push(quotedObject[1].replace(/[,.]$/, ''), 0.7);
    push(appositiveName(text, clauseEnd), 0.6);
    const toClause = trimEdges(text.slice(from, clauseEnd));
    if (contentCount(toClause) >= 2) push(toClause, 0.5);
  }
  return out;
}
