/**
 * `npm run eval`: answer quality and summary quality on the shared development data.
 *  (a) dev-qa.json on a store holding the shipped article alone, and with the BBC articles added;
 *  (b) bbc-qa.dev.json (300 questions) on a store holding the 1,781 BBC dev articles plus
 *      articles/: right / wrong / declined per question type on the tuning half (ids ending 0–6)
 *      and the check half (7–9), evidence and headline accuracy, beside the FTS5 bm25()
 *      top-sentence baseline run on the same store file;
 *  (b') scripts/eval/team-qa.json (337 questions the team wrote over 200 other BBC dev articles,
 *      worded away from the articles, answers anywhere in them; see its about) on the same store,
 *      reported the same way;
 *  (c) story grouping: B-cubed P/R/F1 on bbc-stories.dev.json beside two baselines;
 *  (d) ROUGE-1/2/L F1 on the BBC dev split at 40% of each article's sentences, with the lead and
 *      TextRank baselines. ROUGE-L is rouge-score's `rougeL` (whole-text LCS, not rougeLsum).
 * Uses the product's own readers, ingest, analyzer, store and answerer. Needs ../shared (or
 * BRIEFBOT_SHARED); exits 0 without scoring when it is absent.
 *
 * Options: --only devqa,qa,team,stories,rouge   run some parts;  --store PATH   keep the BBC store there and reuse
 * it on the next run;  --dump FILE   write each BBC question's outcome as JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createAnswerer } from '../src/text/answer/answerer.js';
import { scoreQa, type QaItem, type QaResult } from '../src/text/eval/dev-qa.js';
import type { BbcQaItem } from '../src/text/eval/bbc-qa.js';
import { rougeTable, ROUGE_BUDGET } from '../src/text/eval/rouge-eval.js';
import { evalStore } from './eval/qa-store.js';
import { printQaReport, runAnswerer, runBaseline } from './eval/bbc-qa-report.js';
import { storiesEvalReport } from '../src/stories/eval/stories-eval.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BRIEFBOT_SHARED ?? join(repo, '..', 'shared'));
const devQaPath = join(shared, 'eval', 'dev-qa.json');
const bbcQaPath = join(shared, 'eval', 'bbc-qa.dev.json');
const bbcPath = join(shared, 'corpus', 'bbc-news-summary.dev.jsonl');
const articles = join(repo, 'articles');
const teamQaPath = join(repo, 'scripts', 'eval', 'team-qa.json');

const pct = (results: QaResult[]) => `${results.filter((r) => r.pass).length}/${results.length}`;

async function devQa(items: QaItem[], extra: string[], keep?: string): Promise<QaResult[]> {
  const e = await evalStore([articles, ...extra], keep);
  try {
    return await scoreQa(createAnswerer(e.store), items);
  } finally {
    await e.close();
  }
}

function printFailures(label: string, results: QaResult[]): void {
  for (const r of results.filter((x) => !x.pass)) {
    console.log(`  FAIL [${label}] ${r.item.q} → ${r.answered ? JSON.stringify(r.answer) : '(not answered)'}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, store: { type: 'string' }, dump: { type: 'string' } },
  });
  const parts = new Set((values.only ?? 'devqa,qa,team,stories,rouge').split(','));
  if (!existsSync(shared) || !existsSync(devQaPath)) {
    console.log(`Shared data not found at ${shared}: nothing to score (set BRIEFBOT_SHARED to point elsewhere).`);
    return;
  }
  const hasBbc = existsSync(bbcPath);
  if (parts.has('devqa')) {
    const items = (JSON.parse(readFileSync(devQaPath, 'utf8')) as { items: QaItem[] }).items;
    const alone = await devQa(items, []);
    const withBbc = hasBbc ? await devQa(items, [bbcPath], values.store) : undefined;
    console.log(`dev-qa, shipped article alone:        ${pct(alone)}`);
    console.log(`dev-qa, with the 1,781 BBC articles:  ${withBbc ? pct(withBbc) : 'n/a (corpus absent)'}`);
    printFailures('alone', alone);
    if (withBbc) printFailures('with BBC', withBbc);
    console.log();
  }
  const qaSets = [
    { part: 'qa', path: bbcQaPath, name: 'bbc-qa.dev.json', dump: values.dump },
    { part: 'team', path: teamQaPath, name: 'team-qa.json', dump: values.dump?.replace(/(\.json)?$/, '.team.json') },
  ].filter((s) => parts.has(s.part) && existsSync(s.path));
  if (hasBbc && qaSets.length) {
    const e = await evalStore([articles, bbcPath], values.store);
    try {
      for (const set of qaSets) {
        const items = (JSON.parse(readFileSync(set.path, 'utf8')) as { items: BbcQaItem[] }).items;
        const started = Date.now();
        const mine = await runAnswerer(createAnswerer(e.store), items);
        const took = Date.now() - started;
        const baseline = runBaseline(e.path, items);
        console.log(
          `${set.name}: ${items.length} questions on ${(await e.store.articleCount()).toLocaleString('en')} articles (${(took / items.length).toFixed(0)} ms a question)`,
        );
        printQaReport(mine, baseline, set.dump);
        console.log();
      }
    } finally {
      await e.close();
    }
  }
  if (parts.has('stories')) {
    // Story grouping, B-cubed beside its two baselines: src/stories/eval/stories-eval.ts.
    const stories = await storiesEvalReport(shared);
    if (stories) console.log(`${stories}\n`);
  }
  if (parts.has('rouge') && hasBbc) {
    const bbc = readFileSync(bbcPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; summary: string });
    for (const [name, s] of Object.entries(rougeTable(bbc))) {
      console.log(
        `ROUGE-1/2/L F1, ${name} (${bbc.length} BBC articles, ${ROUGE_BUDGET * 100}% budget): ${s.rouge1.toFixed(1)} / ${s.rouge2.toFixed(1)} / ${s.rougeL.toFixed(1)}`,
      );
    }
    console.log(
      'ROUGE: rouge-score tokenisation (lower-case, non-alphanumerics → space, no stemming); ROUGE-L is rougeL (whole-text LCS), not rougeLsum; mean per-article F1 × 100.',
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
