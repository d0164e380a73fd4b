import type { Logger } from 'pino';
import type { HeadlineStory, HeadlineWriter, SentenceReader } from '../briefing/headlines.js';
import type { ArticleMeta } from '../store/article-store.js';
import type { Llm } from './client.js';
import { passageFrom } from './collect-passages.js';
import type { FallbackReason } from './metrics.js';
import type { Passage } from './passage.js';
import { MAX_HEADLINE_WORDS } from './prompt.js';
import { ReplyCache } from './reply-cache.js';

export interface HeadlineWriterDeps {
  clock: () => Date;
  logger: Logger;
  /** How long a story's headline is remembered for the same articles; 0 turns the memory off. */
  ttlMs: number;
}

/** Longer than this and it is a sentence, not a headline: the central title is shown instead. */
export const MAX_HEADLINE_CHARS = 110;
/** Key sentences sent per story: the central article's lead, then one lead per other article. */
const CENTRAL_LEADS = 2;
const MAX_PASSAGES = 6;
/** Fewer words than this is a heading, byline or caption, not a sentence that states the story. */
const MIN_WORDS = 6;

/** Verdicts on the passages themselves: asking again about the same articles would only cost again. */
const FINAL = new Set<FallbackReason>(['unverified_claims', 'no_claims', 'no_passages']);

/** A written headline, or the reason the central title stays (kept only when retrying cannot help). */
type Outcome = { text: string } | { text?: undefined; final: boolean };

/**
 * Headlines written by the model from each story's key sentences, verified as a claim like any
 * other (grounded-generation.ts, task 'headline'); anything else keeps the central title. At most
 * one call per story and article set: the result is remembered (in flight too, so a fan-out to many
 * channels asks once), and every call runs in parallel under the model's one deadline.
 */
export function createHeadlineWriter(llm: Llm, deps: HeadlineWriterDeps): HeadlineWriter {
  const cache = new ReplyCache<Outcome>(deps.clock, deps.ttlMs, 500);
  const logger = deps.logger.child({ component: 'headlines' });

  const one = (story: HeadlineStory, sentences: SentenceReader): Promise<Outcome> => {
    const key = cacheKey(llm.model, story);
    const hit = cache.get(key);
    if (hit) return hit;
    const run = (async (): Promise<Outcome> => {
      const passages = await keySentences(story, sentences);
      const generation = await llm.generate({ kind: 'headline' }, passages);
      if (!generation.ok)
        // A verdict on these passages stands; a slow or failing server may do better next time.
        return { final: FINAL.has(generation.reason) };
      const text = tidy(generation.claims[0].text);
      if (!fits(text)) {
        logger.info({ story: story.id, chars: text.length }, 'written headline too long or empty; central title kept');
        return { final: true };
      }
      return { text };
    })().catch((e: unknown) => {
      logger.warn({ story: story.id, err: e instanceof Error ? e.message : String(e) }, 'headline not written');
      return { final: false };
    });
    cache.set(key, run, (o) => o.text !== undefined || o.final);
    return run;
  };

  return {
    model: llm.model,
    async write(stories, sentences) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // generate() settles within this bound; the race also covers reading the sentences.
      const deadline = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), llm.settleWithinMs);
      });
      try {
        const written = await Promise.all(stories.map((s) => Promise.race([one(s, sentences), deadline])));
        const out = new Map<number, string>();
        written.forEach((o, i) => {
          if (o?.text) out.set(stories[i].id, o.text);
        });
        return out;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The story and exactly which versions of which articles it holds: a new or changed article asks again. */
function cacheKey(model: string, story: HeadlineStory): string {
  const articles = story.articles.map((a) => `${a.id}@${a.updatedAt}`).sort();
  return ReplyCache.key({
    kind: 'headline',
    model,
    question: `${story.id}:${story.headlineArticleId}:${articles.join(',')}`,
    passages: [],
  });
}

const byNewest = (a: ArticleMeta, b: ArticleMeta) =>
  (b.published ?? b.ingestedAt).localeCompare(a.published ?? a.ingestedAt);

/**
 * The story's key sentences, the same for every channel: news puts the key facts first, so the
 * central article's lead sentences, then the lead of each other article, newest first.
 */
async function keySentences(story: HeadlineStory, sentences: SentenceReader): Promise<Passage[]> {
  const central = story.articles.find((a) => a.id === story.headlineArticleId);
  const others = story.articles.filter((a) => a !== central).sort(byNewest);
  const passages: Passage[] = [];
  for (const [meta, n] of [
    ...(central ? [[central, CENTRAL_LEADS] as const] : []),
    ...others.map((m) => [m, 1] as const),
  ]) {
    if (passages.length >= MAX_PASSAGES) break;
    const leads = (await sentences(meta)).filter((s) => s.text.trim().split(/\s+/).length >= MIN_WORDS).slice(0, n);
    for (const s of leads) passages.push(passageFrom({ articleId: meta.id, idx: s.idx, text: s.text, article: meta }));
  }
  return passages.slice(0, MAX_PASSAGES);
}

/** A headline has no closing full stop (an abbreviation's, as in "U.S.", stays) and stays on one line. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<!\b[A-Z])\.$/, '');
}

/** Models count words loosely, so two over the asked-for number pass; the character cap does not bend. */
function fits(text: string): boolean {
  const words = text.split(' ').filter(Boolean).length;
  return words > 0 && words <= MAX_HEADLINE_WORDS + 2 && text.length <= MAX_HEADLINE_CHARS;
}
