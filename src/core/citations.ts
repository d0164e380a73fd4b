import type { ArticleMeta } from '../store/article-store.js';
import type { Citation, Reply } from './reply.js';

/** Why a shown date is not the article's own: said beside it, so a guess never passes for a fact. */
export function dateNote(a: Partial<Pick<ArticleMeta, 'publishedFrom' | 'publishedInferred'>>): string | undefined {
  if (a.publishedFrom === 'file-time') return 'date from file time';
  if (a.publishedFrom === 'ingest-time') return 'date from ingest time';
  if (!a.publishedFrom && a.publishedInferred) return 'date guessed';
  return undefined;
}

/** "2021-10-08", or "2026-12-03, date from file time" when the date is a guess; "undated" without one. */
export function dayOf(a: Pick<ArticleMeta, 'published' | 'publishedFrom' | 'publishedInferred'>): string {
  if (!a.published) return 'undated';
  const note = dateNote(a);
  return note ? `${a.published.slice(0, 10)}, ${note}` : a.published.slice(0, 10);
}

/** What a citation reads of an article: an LLM passage carries no more than this. */
export type CitedArticle = Pick<ArticleMeta, 'id' | 'title' | 'url' | 'published'> &
  Partial<Pick<ArticleMeta, 'publishedFrom' | 'publishedInferred'>>;

/** A numbered citation of an article, with the note on its date when the date is a guess. */
export function articleCitation(a: CitedArticle, n: number, quote: string): Citation {
  const c: Citation = { n, articleId: a.id, title: a.title, url: a.url, published: a.published, quote };
  const note = dateNote(a);
  if (note) c.dateNote = note;
  return c;
}

/** The date a rendered citation shows: the day, and the note when it is a guess ("2026-12-03, date from file time"). */
export function citationDay(c: Pick<Citation, 'published' | 'dateNote'>): string | undefined {
  if (!c.published || !/^\d{4}-\d{2}-\d{2}/.test(c.published)) return undefined;
  return c.dateNote ? `${c.published.slice(0, 10)}, ${c.dateNote}` : c.published.slice(0, 10);
}

/** Text compared for "already shown": markup, quotation marks and spacing do not count. */
const comparable = (s: string) =>
  s
    .replace(/\*\*/g, '')
    .replace(/[“”„‟"«»]/g, '')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** Matches one marker or a run of them: "[2]", "[1][3]", "[1] [2]". */
const MARKER_RUN = /\[(\d+)\](?:\s?\[\d+\])*/g;

/**
 * Each source cited once: citations of the same article become one (title, date, link), numbered
 * in order of first use, with the markers in the text renumbered to match (a run such as "[1][2]"
 * that now names one article twice says it once). A citation keeps a quote only where the reply's
 * text does not already show it, so a bullet is never repeated word for word under "Sources".
 * Idempotent; applied by every renderer, so /brief, /timeline, /ask and digests all read the same.
 */
export function citeEachSourceOnce(reply: Reply): Reply {
  if (!reply.citations.length) return reply;
  const ordered = [...reply.citations].sort((a, b) => a.n - b.n);
  // Numbers change only when sources merge; otherwise every marker keeps its number.
  const merging = new Set(ordered.map((c) => c.articleId)).size < ordered.length;
  const merged: Citation[] = [];
  const quotes = new Map<number, string[]>();
  const renumber = new Map<number, number>();
  for (const c of ordered) {
    let target = merged.find((m) => m.articleId === c.articleId);
    if (!target) {
      target = { ...c, n: merging ? merged.length + 1 : c.n };
      merged.push(target);
      quotes.set(target.n, []);
    }
    renumber.set(c.n, target.n);
    const q = c.quote?.trim();
    const list = quotes.get(target.n)!;
    if (q && !list.some((x) => comparable(x) === comparable(q))) list.push(q);
  }
  const sections = reply.sections.map((s) => ({ ...s, text: renumberMarkers(s.text, renumber) }));
  const shown = comparable(sections.map((s) => `${s.heading ?? ''} ${s.text}`).join(' '));
  for (const c of merged) {
    const unseen = quotes.get(c.n)!.filter((q) => !shown.includes(comparable(q).replace(/^…|…$/g, '')));
    c.quote = unseen.join(' … ');
  }
  return { ...reply, sections, citations: merged };
}

function renumberMarkers(text: string, renumber: Map<number, number>): string {
  return text.replace(MARKER_RUN, (run) => {
    const numbers = [...run.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    // A bracketed number that is no citation (an article's own "[3]") is left as it was.
    if (!numbers.every((n) => renumber.has(n))) return run;
    const mapped = [...new Set(numbers.map((n) => renumber.get(n)!))];
    return mapped.map((n) => `[${n}]`).join('');
  });
}
