import type { Citation, Reply, Section } from '../../core/reply.js';
import type { ArticleMeta } from '../../store/article-store.js';
import type { Cite, Outcome } from './outcome.js';

export function dateOf(a: Pick<ArticleMeta, 'published'>): string {
  return a.published ? a.published.slice(0, 10) : 'undated';
}

/** Numbers cites in order of first use; the same sentence of the same article is cited once. */
function numbering() {
  const citations: Citation[] = [];
  const mark = (c: Cite) => {
    let found = citations.find((x) => x.articleId === c.articleId && x.quote === c.quote);
    if (!found) {
      found = { n: citations.length + 1, ...c };
      citations.push(found);
    }
    return `[${found.n}]`;
  };
  return { citations, mark };
}

/**
 * The one place an /ask Reply is built. A found answer shows its headline first (the short
 * answer, or the supporting sentence itself), with its citation markers; the quoted sentences
 * are in the citations, each once. A refusal says plainly that the store does not say, and lists
 * the closest articles.
 */
export function compose(question: string, outcome: Outcome): Reply {
  if (outcome.kind === 'refused') {
    const sections: Section[] = [{ text: outcome.message }];
    if (outcome.closest.length) {
      sections.push({ text: ['Closest articles in the store:', ...outcome.closest.map((a) => `• ${a.title} (${dateOf(a)}, ${a.id})`)].join('\n') });
    }
    return { title: 'Not in the store', sections, citations: [], visibility: 'ephemeral', answered: false, answer: '', provenance: { path: 'extractive' } };
  }
  const { citations, mark } = numbering();
  const marks = outcome.cites.map(mark).join('');
  const verdict = outcome.verdict === 'yes' ? 'Yes — ' : outcome.verdict === 'no' ? 'No — ' : '';
  const answer = `${verdict}${outcome.headline}`;
  const sections: Section[] = [{ text: `${answer} ${marks}` }];
  if (outcome.more) {
    sections.push({ heading: outcome.more.heading, text: outcome.more.items.map((i) => `• ${i.text} — ${i.cite.title} (${dateOf(i.cite)}) ${mark(i.cite)}`).join('\n') });
  }
  return {
    title: question,
    sections,
    citations,
    visibility: 'ephemeral',
    answered: true,
    answer,
    provenance: { path: 'extractive' },
    data: {
      confidence: Number(outcome.confidence.toFixed(3)),
      type: outcome.type,
      short: outcome.short,
      ...(outcome.verdict ? { verdict: outcome.verdict } : {}),
      ...(outcome.person ? { person: outcome.person } : {}),
    },
  };
}

/** A reply that is not an answer because the question itself cannot be used. */
export function unusableQuestion(message: string): Reply {
  return { sections: [{ text: message }], citations: [], visibility: 'ephemeral', answered: false, answer: '' };
}
