import type { Citation, Reply, Section } from '../../core/reply.js';
import { citationDay, dayOf } from '../../core/citations.js';
import type { Cite, Outcome, Written } from './outcome.js';
import { markExtractive } from '../../llm/build-reply.js';
import type { FallbackReason } from '../../llm/metrics.js';

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

export interface ComposeOptions {
  /** Why the model's answer was not used, when one is configured: shown in the footer. */
  llmFallback?: FallbackReason;
}

/**
 * The one place an /ask Reply is built. A found answer shows its headline first (the short
 * answer, or the supporting sentence itself), with its citation markers; the quoted sentences
 * are in the citations, each once. A written answer shows the model's verified claims, each
 * marked with the passages that state it. A refusal says plainly that the store does not say,
 * and lists the closest articles.
 */
export function compose(question: string, outcome: Outcome, opts: ComposeOptions = {}): Reply {
  if (outcome.kind === 'written') return composeWritten(outcome);
  const reply = composeExtractive(question, outcome);
  return opts.llmFallback ? markExtractive(reply, opts.llmFallback) : reply;
}

function composeWritten(outcome: Written): Reply {
  const { citations, mark } = numbering();
  const lines = outcome.claims.map((c) => `${c.text} ${c.cites.map(mark).join('')}`);
  const articles = new Set(citations.map((c) => c.articleId)).size;
  return {
    sections: [{ text: lines.join(' ') }],
    citations,
    visibility: 'ephemeral',
    answered: true,
    answer: outcome.claims.map((c) => c.text).join(' '),
    provenance: {
      path: 'llm',
      footer: `written by ${outcome.model} from ${articles} source${articles === 1 ? '' : 's'}`,
    },
  };
}

function composeExtractive(question: string, outcome: Exclude<Outcome, Written>): Reply {
  if (outcome.kind === 'refused') {
    const sections: Section[] = [{ text: outcome.message }];
    if (outcome.closest.length) {
      sections.push({
        text: [
          'Closest articles in the store:',
          ...outcome.closest.map((a) => `• ${a.title} (${dayOf(a)}, ${a.id})`),
        ].join('\n'),
      });
    }
    return {
      title: 'Not in the store',
      sections,
      citations: [],
      visibility: 'ephemeral',
      answered: false,
      answer: '',
      provenance: { path: 'extractive' },
    };
  }
  const { citations, mark } = numbering();
  const marks = outcome.cites.map(mark).join('');
  const verdict = outcome.verdict === 'yes' ? 'Yes — ' : outcome.verdict === 'no' ? 'No — ' : '';
  const answer = `${verdict}${outcome.headline}`;
  const sections: Section[] = [{ text: `${answer} ${marks}` }];
  if (outcome.more) {
    sections.push({
      heading: outcome.more.heading,
      text: outcome.more.items
        .map((i) => `• ${i.text} — ${i.cite.title} (${citationDay(i.cite) ?? 'undated'}) ${mark(i.cite)}`)
        .join('\n'),
    });
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
