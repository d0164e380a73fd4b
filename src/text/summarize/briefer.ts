import { articleCitation } from '../../core/citations.js';
import type { Briefer } from '../../core/services.js';
import type { Citation, Reply } from '../../core/reply.js';
import type { ArticleMeta, ArticleStore, SentenceHit } from '../../store/article-store.js';
import { contentWords, cosine, similarityMatrix, tfidfVectors } from './vectors.js';
import { pagerank } from './pagerank.js';
import { mmrSelect } from './centrality.js';
import { articlesAbout, mentionsAll, mentionsAny, topicTerms } from './topic.js';
import { groupBriefByStory } from '../../briefing/group-by-story.js';
import type { StoryService } from '../../stories/story-service.js';

export interface BrieferOptions {
  /** Key points per briefing (default 5). */
  points?: number;
  /** Articles considered, newest first (default 10). */
  articles?: number;
  /** When given, a topic briefing that spans several stories is grouped by story. */
  stories?: StoryService;
}

/** Sentences too short to stand alone as a point (headings, bylines, "leave a reply"). */
const MIN_WORDS = 6;
/** Cosine above which two sentences from different articles report the same thing. */
const SAME_POINT = 0.6;

interface Pooled {
  hit: SentenceHit;
  article: ArticleMeta;
}

function dateOf(a: ArticleMeta): string {
  return a.published ? a.published.slice(0, 10) : 'undated';
}

/**
 * Multi-article extractive briefing: centrality over all the articles' sentences (what many
 * sentences agree on), a lead bonus (news puts the key fact first) and topic similarity, then
 * MMR so each point is new. Points repeated by several articles cite every one of them.
 */
export function createBriefer(store: ArticleStore, opts: BrieferOptions = {}): Briefer {
  const points = opts.points ?? 5;
  const maxArticles = opts.articles ?? 10;
  return {
    async brief(topic?: string): Promise<Reply> {
      const t = topic?.trim();
      let articles: ArticleMeta[];
      let sentences = new Map<string, SentenceHit[]>();
      let keys = new Set<string>();
      if (t) {
        if (!topicTerms(t).length)
          return plain(`“${t}” has no words to look for. Give a topic such as a name, a place or a subject.`);
        ({ articles, sentences, keys } = await articlesAbout(store, t, maxArticles));
        if (!articles.length) return plain(`Nothing in the store about “${t}”.`);
      } else {
        articles = await store.listArticles({ limit: maxArticles });
        if (!articles.length) return plain('The store is empty: there is nothing to brief on yet.');
      }
      let pool: Pooled[] = [];
      for (const a of articles) {
        const sents = sentences.get(a.id) ?? (await store.sentencesOf(a.id));
        for (const s of sents) {
          if (s.text.split(/\s+/).length < MIN_WORDS) continue;
          if (keys.size && !mentionsAny(s.text, keys)) continue;
          pool.push({ hit: s, article: a });
        }
      }
      // A multi-word topic ("Merida Initiative") keeps the sentences naming all of it when there are some.
      if (keys.size > 1) {
        const all = pool.filter((p) => mentionsAll(p.hit.text, keys));
        if (all.length >= 2) pool = all;
      }
      if (!pool.length)
        return plain(
          t ? `Nothing in the store about “${t}”.` : 'The articles in the store have no sentences to brief on.',
        );
      const brief = compose(pool, points, t);
      return t && opts.stories ? groupBriefByStory(brief, opts.stories) : brief;
    },
  };
}

function plain(text: string): Reply {
  return { sections: [{ text }], citations: [], visibility: 'ephemeral', answered: false, answer: '' };
}

function compose(pool: Pooled[], k: number, topic: string | undefined): Reply {
  const words = pool.map((p) => contentWords(p.hit.text));
  const vectors = tfidfVectors(topic ? [...words, contentWords(topic)] : words);
  const sv = vectors.slice(0, pool.length);
  const sim = similarityMatrix(sv);
  const pr = pagerank(sim);
  const maxPr = Math.max(...pr) || 1;
  // A developing story: newer articles get a small lift over older ones.
  const times = pool.map((p) => Date.parse(p.article.published ?? '') || 0);
  const tMin = Math.min(...times);
  const tSpan = Math.max(...times) - tMin || 1;
  const score = pool.map(
    (p, i) =>
      pr[i] / maxPr +
      0.4 / (1 + p.hit.idx) +
      0.2 * ((times[i] - tMin) / tSpan) +
      (topic ? 0.5 * cosine(sv[i], vectors[pool.length]) : 0),
  );
  const chosen = mmrSelect(score, sim, k, 0.7);

  const citations: Citation[] = [];
  const cite = (p: Pooled): number => {
    const found = citations.find((c) => c.articleId === p.article.id && c.quote === p.hit.text);
    if (found) return found.n;
    const n = citations.length + 1;
    citations.push(articleCitation(p.article, n, p.hit.text));
    return n;
  };
  // Each point with the other articles that report it (cited too).
  const groups = chosen.map((i) => {
    const members = [i];
    const seen = new Set([pool[i].article.id]);
    for (let j = 0; j < pool.length; j++) {
      if (j !== i && sim[i][j] >= SAME_POINT && !seen.has(pool[j].article.id)) {
        seen.add(pool[j].article.id);
        members.push(j);
      }
    }
    const newest = members.reduce(
      (m, j) => ((pool[j].article.published ?? '') > m ? (pool[j].article.published ?? '') : m),
      '',
    );
    return { i, members, newest };
  });
  // Newest news first, then the order within the article.
  groups.sort((a, b) => b.newest.localeCompare(a.newest) || pool[a.i].hit.idx - pool[b.i].hit.idx);
  const lines = groups.map((g) => {
    const ns = [...g.members]
      .sort((a, b) => (pool[b].article.published ?? '').localeCompare(pool[a].article.published ?? ''))
      .map((j) => cite(pool[j]));
    return `• ${pool[g.i].hit.text} ${ns.map((n) => `[${n}]`).join('')}`;
  });
  const articles = new Set(pool.map((p) => p.article.id)).size;
  const newest = pool.reduce((m, p) => ((p.article.published ?? '') > m ? (p.article.published ?? '') : m), '');
  return {
    title: topic ? `Briefing: ${topic}` : 'Briefing',
    sections: [
      {
        heading: `Key points from ${articles} article${articles === 1 ? '' : 's'}${newest ? ` (newest ${newest.slice(0, 10)})` : ''}`,
        text: lines.join('\n'),
      },
    ],
    citations,
    visibility: 'ephemeral',
    answered: true,
    answer: groups.map((g) => pool[g.i].hit.text).join(' '),
    provenance: { path: 'extractive' },
    data: {
      articles,
      newest: newest || undefined,
      points: groups.map((g) => ({
        articleId: pool[g.i].article.id,
        idx: pool[g.i].hit.idx,
        date: dateOf(pool[g.i].article),
        sources: g.members.length,
      })),
    },
  };
}
