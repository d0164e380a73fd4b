import type { Citation, Reply } from '../core/reply.js';
import { renderConsole } from '../adapters/console/render.js';

const citationJson = (c: Citation) => ({
  articleId: c.articleId,
  title: c.title,
  url: c.url ?? null,
  published: c.published ?? null,
  quote: c.quote,
});

/** The machine-readable line `briefbot ask --json` writes for each question. */
export function askJson(r: Reply): {
  answered: boolean;
  answer: string;
  citations: ReturnType<typeof citationJson>[];
  error?: string;
} {
  // An unanswered reply's explanation ("not in the store…") is its answer for machine readers too.
  const answer = r.answer || r.sections.map((s) => s.text).join('\n');
  const out: ReturnType<typeof askJson> = {
    answered: r.answered ?? false,
    answer,
    citations: r.citations.map(citationJson),
  };
  if (r.errorCode) out.error = r.errorCode;
  return out;
}

/** The line `briefbot stories --json` writes: exactly the stories (errors as any reply's). */
export function storiesJson(r: Reply): unknown {
  const stories = (r.data as { stories?: unknown[] } | undefined)?.stories;
  return r.errorCode || !stories ? replyJson(r) : { stories };
}

/** JSON for any other command: the whole neutral reply. */
export function replyJson(r: Reply): unknown {
  return {
    answered: r.answered ?? !r.errorCode,
    answer: r.answer,
    title: r.title,
    sections: r.sections,
    citations: r.citations.map(citationJson),
    provenance: r.provenance,
    data: r.data,
    error: r.errorCode,
  };
}

export function replyText(r: Reply, color: boolean): string {
  return renderConsole(r, { color });
}
