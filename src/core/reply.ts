import { citationDay, citeEachSourceOnce } from './citations.js';

/** A numbered source behind a point: what a reader needs to check the claim. */
export interface Citation {
  n: number;
  articleId: string;
  title: string;
  url?: string;
  published?: string;
  /** The exact sentence (or passage) quoted from the article; empty when the reply's text already shows it. */
  quote: string;
  /** Said beside the date when it is a guess, e.g. "date from file time". */
  dateNote?: string;
}

/** One block of a reply; `text` may carry citation markers such as [1]. */
export interface Section {
  heading?: string;
  text: string;
}

/** Which path produced a reply, shown in its footer. */
export interface Provenance {
  path: 'extractive' | 'llm';
  /** e.g. "written by gpt-4o-mini from 3 sources" or "extractive (LLM unavailable: timeout)". */
  footer?: string;
}

/** The platform-neutral message every command returns and every adapter renders. */
export interface Reply {
  title?: string;
  sections: Section[];
  citations: Citation[];
  visibility: 'ephemeral' | 'channel';
  /** False when the store could not support an answer (an honest "not in the store"). */
  answered?: boolean;
  /** The short answer itself, for machine-readable output. */
  answer?: string;
  provenance?: Provenance;
  /** Error code when this reply reports a user error. */
  errorCode?: string;
  /** Free-form structured payload for --json output (e.g. the cast of /who). */
  data?: unknown;
}

export function reply(partial: Partial<Reply> & Pick<Reply, 'sections'>): Reply {
  return { citations: [], visibility: 'ephemeral', ...partial };
}

export function textReply(text: string, extra: Partial<Reply> = {}): Reply {
  return reply({ sections: [{ text }], ...extra });
}

/** Plain text of a reply, as the console and notification fallbacks show it. */
export function replyToPlainText(reply: Reply): string {
  const r = citeEachSourceOnce(reply);
  const out: string[] = [];
  if (r.title) out.push(r.title);
  for (const s of r.sections) {
    if (s.heading) out.push(s.heading);
    out.push(s.text);
  }
  if (r.citations.length) {
    out.push('Sources:');
    for (const c of r.citations) out.push(formatCitationLine(c));
  }
  if (r.provenance?.footer) out.push(`— ${r.provenance.footer}`);
  return out.join('\n');
}

/** "[1] Title (2021-10-08) <url>", then the quote when the reply's text does not already show it. */
export function formatCitationLine(c: Citation): string {
  const day = citationDay(c);
  const date = day ? ` (${day})` : '';
  const url = c.url ? ` <${c.url}>` : '';
  const quote = c.quote.trim() ? `: “${c.quote.trim()}”` : '';
  return `[${c.n}] ${c.title}${date}${url}${quote}`;
}
