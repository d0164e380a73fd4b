/**
 * `npx tsx scripts/tune-stories.ts`: the grid the story-grouping constants (src/stories/params.ts)
 * were chosen on. It reads ONLY half A of the labelled stories (../shared/eval/bbc-stories.dev.json,
 * halves by a hash of the story id) and prints B-cubed P/R/F1 for each setting, ranked by F0.5
 * (precision weighted twice as much as recall: merging two stories misleads more than splitting
 * one); the top one is the default. Half B and the whole set are reported by `npm run eval`, never here.
 * Skips cleanly when ../shared is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bcubed, type BCubed } from '../src/stories/eval/bcubed.js';
import {
  groupThroughStore,
  halfOf,
  type CorpusRecord,
  type LabelledStories,
} from '../src/stories/eval/stories-eval.js';
import { DEFAULT_GROUPING, type GroupingParams } from '../src/stories/params.js';
import type { Analysis } from '../src/text/types.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BRIEFBOT_SHARED ?? join(repo, '..', 'shared'));
const labelsPath = join(shared, 'eval', 'bbc-stories.dev.json');
const corpusPath = join(shared, 'corpus', 'bbc-news-summary.dev.jsonl');

/** The settings tried: each constant around its starting value. */
function grid(): GroupingParams[] {
  const out: GroupingParams[] = [];
  for (const titleWeight of [1, 3])
    for (const nameBoost of [1, 1.5])
      for (const signatureSize of [20, 30, 50])
        for (const joinThreshold of [0.15, 0.175, 0.2, 0.225, 0.25, 0.3])
          out.push({ ...DEFAULT_GROUPING, titleWeight, nameBoost, signatureSize, joinThreshold });
  return out;
}

/** F-beta with beta = 0.5. */
const fHalf = (s: BCubed) =>
  s.precision + s.recall ? (1.25 * s.precision * s.recall) / (0.25 * s.precision + s.recall) : 0;

async function main(): Promise<void> {
  if (!existsSync(labelsPath) || !existsSync(corpusPath)) {
    console.log(`Shared data not found at ${shared}: nothing to tune on.`);
    return;
  }
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as LabelledStories;
  const gold = new Map<string, string>();
  for (const s of labels.stories) if (halfOf(s.story) === 'A') for (const id of s.articles) gold.set(id, s.story);
  const records = readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRecord)
    .filter((r) => gold.has(r.id));
  const analyses = new Map<string, Analysis>();
  const results: { params: GroupingParams; score: BCubed }[] = [];
  for (const params of grid())
    results.push({ params, score: bcubed(gold, await groupThroughStore(records, params, analyses)) });
  results.sort((a, b) => fHalf(b.score) - fHalf(a.score));
  console.log(`half A: ${records.length} articles, ${new Set(gold.values()).size} stories`);
  for (const { params: p, score: s } of results) {
    console.log(
      `title ${p.titleWeight} name ${p.nameBoost} signature ${p.signatureSize} threshold ${p.joinThreshold}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} F0.5 ${fHalf(s).toFixed(3)}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
