import type { ArticleMeta } from '../../store/article-store.js';
import type { Citation, Reply } from '../../core/reply.js';
import type { Candidate } from './rank.js';

/** Citation for one candidate sentence, numbered n. */
export function citationOf(c: Candidate, n: number): Citation {
  const a = c.hit.article;
  return { n, articleId: a.id, title: a.title, url: a.url, published: a.published, quote: c.hit.text };
}

export function dateOf(a: ArticleMeta): string {
  return a.published ? a.published.slice(0, 10) : 'undated';
}

/** The closest articles for an unanswered question, distinct, best first. */
export function closestArticles(candidates: Candidate[], max = 3): ArticleMeta[] {
  const seen = new Set<string>();
  const out: ArticleMeta[] = [];
  for (const c of candidates) {
    if (seen.has(c.hit.articleId)) continue;
    seen.add(c.hit.articleId);
    out.push(c.hit.article);
    if (out.length >= max) break;
  }
  return out;
}

/** An honest "the store cannot answer this", with the closest articles to read instead. */
export function notInStore(message: string, closest: ArticleMeta[]): Reply {
  const sections = [{ text: message }];
  if (closest.length) {
    sections.push({ text: ['Closest articles in the store:', ...closest.map((a) => `• ${a.title} (${dateOf(a)}, ${a.id})`)].join('\n') } as { text: string });
  }
  return { title: 'Not in the store', sections, citations: [], visibility: 'ephemeral', answered: false, answer: '', provenance: { path: 'extractive' } };
}

/** A reply that is not an answer because the question itself cannot be used. */
export function unusableQuestion(message: string): Reply {
  return { sections: [{ text: message }], citations: [], visibility: 'ephemeral', answered: false, answer: '' };
}

/** Words of a sentence as a set, for near-duplicate detection across articles. */
export function nearDuplicate(a: Candidate, b: Candidate, threshold = 0.6): boolean {
  const ka = new Set(a.tokens.filter((t) => !t.stop).map((t) => t.key));
  const kb = new Set(b.tokens.filter((t) => !t.stop).map((t) => t.key));
  let inter = 0;
  for (const k of ka) if (kb.has(k)) inter++;
  const union = ka.size + kb.size - inter;
  return union > 0 && inter / union >= threshold;
}

export function normaliseSpan(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
