/**
 * Splitting text to fit Discord's limits at the most natural boundary available: paragraph, then
 * sentence (Intl.Segmenter), then word, then character — never inside a surrogate pair and never
 * leaving a dangling markdown escape at the end of a piece.
 */
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Cuts to at most `max` UTF-16 units (what Discord's limits are measured in, conservatively), at a character boundary. */
export function hardCut(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  // An odd run of trailing backslashes would escape whatever follows the cut.
  const slashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return cut;
}

/** Shortens to `max` units with an ellipsis, preferring a word boundary. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = hardCut(text, max - 1);
  const space = room.lastIndexOf(' ');
  const base = space > max * 0.6 ? room.slice(0, space) : room;
  return `${hardCut(base.trimEnd(), max - 1)}…`;
}

function pieces(text: string, segmenter: Intl.Segmenter): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Greedily joins units into chunks of at most `max`, splitting any unit that is itself too long. */
function pack(units: string[], max: number, finer: (u: string) => string[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const unit of units) {
    if (cur.length + unit.length <= max) {
      cur += unit;
      continue;
    }
    if (cur.trim()) out.push(cur);
    cur = '';
    if (unit.length <= max) {
      cur = unit;
    } else {
      const parts = finer(unit);
      out.push(...parts.slice(0, -1));
      cur = parts[parts.length - 1] ?? '';
    }
  }
  if (cur.trim()) out.push(cur);
  return out;
}

/** Cuts at the last space that leaves a reasonably full piece, else at a character boundary. */
function byWords(max: number) {
  return (text: string): string[] => {
    const out: string[] = [];
    let rest = text;
    while (rest.length > max) {
      let piece = hardCut(rest, max);
      const space = piece.lastIndexOf(' ');
      if (space > max / 2) piece = piece.slice(0, space + 1);
      out.push(piece);
      rest = rest.slice(piece.length);
    }
    if (rest) out.push(rest);
    return out;
  };
}
const bySentences = (max: number) => (t: string) => pack(pieces(t, sentenceSegmenter), max, byWords(max));

/** Splits text into pieces of at most `max` units each; pieces are trimmed and never empty. */
export function splitText(text: string, max: number): string[] {
  const paragraphs = text.split(/(?<=\n)/);
  return pack(paragraphs, max, bySentences(max))
    .map((p) => p.trim())
    .filter(Boolean);
}
