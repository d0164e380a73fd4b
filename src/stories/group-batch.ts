import type { StoryFeatures } from './features.js';
import type { GroupingParams } from './params.js';
import { addInto, dot, heaviest, idf, unit, type Vector } from './vectors.js';

/** A story as grouping sees it: its size and the sum of its articles' unit signatures. */
export interface StoryState {
  /** Store id; negative for a story made in the current batch until the store gives it one. */
  id: number;
  /** Grouping order of its first article: ties between stories go to the older one, whatever their ids. */
  firstSeq: number;
  size: number;
  centroid: Vector;
  /** Earliest and latest publication time of its articles (ms). */
  firstTime: number;
  lastTime: number;
  /** Latest publication time the sources stated (undated articles do not count), ms. */
  lastDated?: number;
}

/** An earlier article holding a signature term: which story it went to. */
export interface Posting {
  seq: number;
  story: number;
}

/** One article ready to group: its unit signature, and the rare terms it looks others up by. */
export interface Prepared {
  features: StoryFeatures;
  seq: number;
  signature: Vector;
  lookup: string[];
}

/** What a batch read of the store gives grouping. */
export interface BatchSnapshot {
  /** Articles grouped before the batch. */
  docs: number;
  /** Their document frequencies, for every term of the batch (absent = 0). */
  df: ReadonlyMap<string, number>;
  /** Grouping order of the last article grouped before the batch (0 for none). */
  lastSeq: number;
}

export interface Decision {
  key: number;
  seq: number;
  story: number;
  signature: Vector;
  /**
   * The terms later articles may find it by: its rare terms. A term common at arrival never turns
   * rare again (its document frequency only grows), so the others need no posting.
   */
  postings: string[];
}

export interface BatchResult {
  decisions: Decision[];
  /** Stories made or grown by the batch, in the order they were first touched. */
  stories: StoryState[];
  /** How much each term's document frequency grew. */
  dfDelta: Map<string, number>;
  docs: number;
  lastSeq: number;
}

/**
 * Signatures in grouping order. Each article's idf counts the articles grouped before it and
 * itself, never a later one, so the signature does not depend on how articles were batched.
 */
export function prepareBatch(
  batch: readonly StoryFeatures[],
  snap: BatchSnapshot,
  p: GroupingParams,
): { prepared: Prepared[]; dfDelta: Map<string, number> } {
  const dfDelta = new Map<string, number>();
  const dfOf = (t: string) => (snap.df.get(t) ?? 0) + (dfDelta.get(t) ?? 0);
  let docs = snap.docs;
  const prepared = batch.map((features, i): Prepared => {
    docs++;
    for (const t of features.terms.keys()) dfDelta.set(t, (dfDelta.get(t) ?? 0) + 1);
    const weights: Vector = new Map();
    for (const [t, tf] of features.terms)
      weights.set(t, (1 + Math.log(tf)) * idf(docs, dfOf(t)) * (features.names.has(t) ? p.nameBoost : 1));
    const signature = unit(heaviest(weights, p.signatureSize));
    const rare = Math.max(p.lookupDfFloor, p.lookupDfShare * docs);
    const lookup = [...signature.keys()].filter((t) => dfOf(t) <= rare);
    return { features, seq: snap.lastSeq + i + 1, signature, lookup };
  });
  return { prepared, dfDelta };
}

/** Every term of a batch's articles: the ones whose document frequency grouping reads. */
export function batchTerms(batch: readonly StoryFeatures[]): string[] {
  const all = new Set<string>();
  for (const f of batch) for (const t of f.terms.keys()) all.add(t);
  return [...all];
}

/** Every signature term of the batch that some article looks up by. */
export function lookupTerms(prepared: readonly Prepared[]): string[] {
  return [...new Set(prepared.flatMap((a) => a.lookup))];
}

/**
 * Groups a batch in order: each article joins the story whose articles it is most like on average
 * (mean cosine of unit signatures = its signature against the story's summed vector over the story's
 * size), when that mean reaches the threshold; otherwise it starts a story. Earlier articles of the
 * batch are seen exactly as if they had been stored first, so a batch groups as one-by-one does.
 *
 * `postings` holds the stored articles for every lookup term; `stories` every story they name.
 */
export function decideBatch(
  prepared: readonly Prepared[],
  postings: ReadonlyMap<string, readonly Posting[]>,
  stories: ReadonlyMap<number, StoryState>,
  snap: BatchSnapshot,
  dfDelta: Map<string, number>,
  p: GroupingParams,
): BatchResult {
  const live = new Map(stories);
  const touched = new Map<number, StoryState>();
  const batchPostings = new Map<string, Posting[]>();
  const decisions: Decision[] = [];
  let nextTemp = -1;
  const gapMs = p.storyGapDays * 86_400_000;
  for (const a of prepared) {
    // Cheap first pass: each story sharing a rare term gets that term's weight once; only the
    // strongest few are scored exactly (a story worth joining shares its heaviest rare terms).
    const shared = new Map<number, number>();
    for (const t of a.lookup) {
      const w = a.signature.get(t)!;
      const seen = new Set<number>();
      for (const list of [postings.get(t), batchPostings.get(t)]) {
        for (const post of list ?? []) {
          if (seen.has(post.story)) continue;
          seen.add(post.story);
          shared.set(post.story, (shared.get(post.story) ?? 0) + w);
        }
      }
    }
    const ranked = [...shared]
      .map(([id, w]) => ({ s: live.get(id), w }))
      .filter((c): c is { s: StoryState; w: number } => c.s !== undefined && !tooFar(a.features, c.s, gapMs))
      .sort((x, y) => y.w - x.w || x.s.firstSeq - y.s.firstSeq)
      .slice(0, p.candidates);
    let best: StoryState | undefined;
    let bestScore = -Infinity;
    for (const { s } of ranked) {
      const score = dot(a.signature, s.centroid) / s.size;
      if (score > bestScore || (score === bestScore && best && s.firstSeq < best.firstSeq)) {
        best = s;
        bestScore = score;
      }
    }
    const time = a.features.time;
    const dated = a.features.dated ? time : undefined;
    let story: StoryState;
    if (best && bestScore >= p.joinThreshold) {
      story = {
        ...best,
        size: best.size + 1,
        centroid: addInto(best.centroid, a.signature, p.centroidSize),
        firstTime: Math.min(best.firstTime, time),
        lastTime: Math.max(best.lastTime, time),
        lastDated: dated === undefined ? best.lastDated : Math.max(best.lastDated ?? dated, dated),
      };
    } else {
      story = {
        id: nextTemp--,
        firstSeq: a.seq,
        size: 1,
        centroid: heaviest(a.signature, p.centroidSize),
        firstTime: time,
        lastTime: time,
        lastDated: dated,
      };
    }
    live.set(story.id, story);
    touched.set(story.id, story);
    for (const t of a.lookup) {
      const list = batchPostings.get(t) ?? [];
      list.push({ seq: a.seq, story: story.id });
      batchPostings.set(t, list);
    }
    decisions.push({ key: a.features.key, seq: a.seq, story: story.id, signature: a.signature, postings: a.lookup });
  }
  return {
    decisions,
    stories: [...touched.values()],
    dfDelta,
    docs: snap.docs + prepared.length,
    lastSeq: snap.lastSeq + prepared.length,
  };
}

/** Both dated and further apart than the gap: an annual event's next edition, not a follow-up. */
function tooFar(f: StoryFeatures, s: StoryState, gapMs: number): boolean {
  return f.dated && s.lastDated !== undefined && Math.abs(f.time - s.lastDated) > gapMs;
}
