import type { Token } from '../nlp.js';
import type { QuoteRecord } from '../types.js';
import { SPEECH_VERBS } from '../lexicon.js';
import type { LocatedMention } from './mentions.js';

const OPEN = new Set(['“', '"', '«', '„']);
const CLOSE = new Set(['”', '"', '»']);

/** Text inside quotation marks in tokens[first..last], segments joined with " … ". */
function quotedText(text: string, tokens: Token[], first: number, last: number): string | undefined {
  const parts: string[] = [];
  let open = -1;
  let seenMark = false;
  for (let i = first; i <= last; i++) {
    const v = tokens[i].value;
    // A closing mark with no opening one: the quotation began in an earlier sentence.
    if (!seenMark && v === '”' && i > first) {
      parts.push(text.slice(tokens[first].start, tokens[i - 1].end).replace(/[,\s]+$/, ''));
      seenMark = true;
      continue;
    }
    if (OPEN.has(v) || CLOSE.has(v)) seenMark = true;
    if (open < 0 && OPEN.has(v)) open = i;
    else if (open >= 0 && CLOSE.has(v)) {
      if (i - 1 > open) parts.push(text.slice(tokens[open + 1].start, tokens[i - 1].end).replace(/[,\s]+$/, ''));
      open = -1;
    }
  }
  return parts.length ? parts.join(' … ') : undefined;
}

function clean(s: string): string {
  return s.replace(/^[\s,;:]+|[\s,;:]+$/g, '').replace(/^that\s+/i, '');
}

function punctBetween(tokens: Token[], a: number, b: number): boolean {
  for (let i = a + 1; i < b; i++) if (tokens[i].type === 'punctuation' && tokens[i].value !== '-') return true;
  return false;
}

interface SentenceInfo {
  first: number;
  last: number;
  mentions: LocatedMention[];
}

/**
 * Attributes speech: "…," Price said / X said that … / …, X said / according to X. A sentence
 * that is only a quotation continues the previous direct quote's speaker, as news style does.
 */
export function findQuotes(text: string, tokens: Token[], sentences: SentenceInfo[]): QuoteRecord[] {
  const quotes: QuoteRecord[] = [];
  let lastPerson: string | undefined;
  let lastDirectSpeaker: { key: string; idx: number } | undefined;
  sentences.forEach((s, idx) => {
    const people = s.mentions.filter((m) => m.type === 'person' && m.key);
    let found: QuoteRecord | undefined;
    for (let v = s.first; v <= s.last && !found; v++) {
      const low = tokens[v].lower;
      const according = low === 'according' && tokens[v + 1]?.lower === 'to';
      if (!SPEECH_VERBS.has(low) && !according) continue;
      let speaker: LocatedMention | undefined;
      let speakerStart = -1;
      if (according) {
        speaker = people.find((m) => m.first >= v + 2 && m.first <= v + 6);
        speakerStart = v;
      } else {
        let j = v - 1;
        if (tokens[j]?.lower === 'also' || tokens[j]?.lower === 'has' || tokens[j]?.lower === 'had') j--;
        speaker =
          people.find((m) => m.last === j) ??
          people.find((m) => m.first > v && m.first <= v + 6 && !punctBetween(tokens, v, m.first));
        // "Blair, 51, said" / "Juncker, the president of …, said": the name itself is followed by the comma.
        if (!speaker && tokens[j]?.value === ',')
          speaker = [...people]
            .reverse()
            .find((m) => m.last < j && j - m.last <= 14 && tokens[m.last + 1]?.value === ',');
        if (speaker) speakerStart = Math.min(speaker.first, v);
        if (!speaker && /^(he|she)$/.test(tokens[j]?.lower ?? '') && lastPerson) {
          found = makeQuote(text, tokens, s, idx, v, j, lastPerson);
          break;
        }
      }
      if (!speaker?.key) continue;
      found = makeQuote(
        text,
        tokens,
        s,
        idx,
        according ? speaker.last : Math.max(v, speaker.first > v ? speaker.last : v),
        speakerStart,
        speaker.key,
      );
    }
    if (!found && lastDirectSpeaker && lastDirectSpeaker.idx === idx - 1 && OPEN.has(tokens[s.first].value)) {
      const q = quotedText(text, tokens, s.first, s.last);
      if (q) found = { speakerKey: lastDirectSpeaker.key, text: q, sentenceIdx: idx, direct: true };
    }
    if (found && found.text.length > 0) {
      if (found.direct) quotes.push(...openingPieces(text, tokens, sentences, idx, found.speakerKey, quotes));
      quotes.push(found);
      lastDirectSpeaker = found.direct ? { key: found.speakerKey, idx } : undefined;
    } else lastDirectSpeaker = undefined;
    if (people.length) lastPerson = people[people.length - 1].key;
  });
  return quotes;
}

/**
 * Earlier sentences of the same quotation ("“While … a problem." / "Exports … strong,” he said.")
 * belong to the speaker named at its end.
 */
function openingPieces(
  text: string,
  tokens: Token[],
  sentences: SentenceInfo[],
  idx: number,
  key: string,
  quotes: QuoteRecord[],
): QuoteRecord[] {
  const s = sentences[idx];
  let firstMark = '';
  for (let i = s.first; i <= s.last && !firstMark; i++)
    if (OPEN.has(tokens[i].value) || CLOSE.has(tokens[i].value)) firstMark = tokens[i].value;
  if (firstMark !== '”') return [];
  const out: QuoteRecord[] = [];
  for (let k = idx - 1; k >= 0 && k >= idx - 3; k--) {
    if (quotes.some((q) => q.sentenceIdx === k)) break;
    const p = sentences[k];
    let openAt = -1;
    for (let i = p.first; i <= p.last; i++) {
      if (tokens[i].value === '“') openAt = i;
      else if (tokens[i].value === '”') openAt = -1;
    }
    const whole = openAt < 0 && !hasMark(tokens, p);
    if (openAt < 0 && !whole) break;
    const from = openAt >= 0 ? openAt + 1 : p.first;
    if (from <= p.last)
      out.unshift({
        speakerKey: key,
        text: text.slice(tokens[from].start, tokens[p.last].end),
        sentenceIdx: k,
        direct: true,
      });
    if (openAt >= 0) break;
  }
  return out;
}

function hasMark(tokens: Token[], s: SentenceInfo): boolean {
  for (let i = s.first; i <= s.last; i++) if (OPEN.has(tokens[i].value) || CLOSE.has(tokens[i].value)) return true;
  return false;
}

function makeQuote(
  text: string,
  tokens: Token[],
  s: SentenceInfo,
  idx: number,
  verb: number,
  speakerStart: number,
  key: string,
): QuoteRecord | undefined {
  const direct = quotedText(text, tokens, s.first, s.last);
  if (direct) return { speakerKey: key, text: direct, sentenceIdx: idx, direct: true };
  // Reported speech: the clause after the verb ("X said that …") or before the speaker ("…, X said").
  const afterLen = s.last - verb;
  const beforeLen = speakerStart - s.first;
  let body: string;
  if (beforeLen > afterLen && speakerStart > s.first) {
    let end = speakerStart - 1;
    while (end > s.first && tokens[end].value !== ',') end--;
    if (end <= s.first) end = speakerStart - 1;
    body = text.slice(tokens[s.first].start, tokens[end].start);
  } else {
    if (verb >= s.last) return undefined;
    body = text.slice(tokens[verb + 1].start, tokens[s.last].end).replace(/[.!?]+$/, '');
  }
  body = clean(body);
  return body.split(/\s+/).length >= 3 ? { speakerKey: key, text: body, sentenceIdx: idx, direct: false } : undefined;
}
