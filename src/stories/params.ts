/**
 * The constants of story grouping. Each one says where its value comes from: a measurement on the
 * tuning half of the labelled BBC stories (scripts/tune-stories.ts, half A; half B and the whole
 * set are reported by `npm run eval`), or, where the labelled set cannot measure it, the reason.
 */
export interface GroupingParams {
  /** How many body occurrences one title word counts as. */
  titleWeight: number;
  /** Extra weight of a term that occurs inside a name (a capitalised run, a capitalised title word). */
  nameBoost: number;
  /** Terms kept of each article's tf-idf vector: its signature, stored and indexed. */
  signatureSize: number;
  /** Mean cosine to a story's articles at or above which an article joins the story. */
  joinThreshold: number;
  /** Terms kept of a story's summed vector. */
  centroidSize: number;
  /** A signature term looks up earlier articles only while it is this rare: at most max(floor, share × articles). */
  lookupDfFloor: number;
  lookupDfShare: number;
  /** Two dated articles further apart than this are never one story. */
  storyGapDays: number;
}

export const DEFAULT_GROUPING: GroupingParams = {
  titleWeight: 3,
  nameBoost: 1.5,
  signatureSize: 50,
  joinThreshold: 0.25,
  centroidSize: 400,
  lookupDfFloor: 100,
  lookupDfShare: 0.005,
  storyGapDays: 30,
};
