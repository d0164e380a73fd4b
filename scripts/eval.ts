/**
 * `npm run eval`: answer quality and summary quality on the shared development data.
 *  (a) dev-qa.json on a temp SQLite store holding the shipped article (articles/);
 *  (b) the same questions with the 1,781 BBC dev articles added to the store;
 *  (c) ROUGE-1/2/L F1 on the BBC dev split at 40% of each article's sentences, with the lead
 *      and TextRank baselines. ROUGE-L is rouge-score's `rougeL` (whole-text LCS, not rougeLsum).
 * Uses the product's own reader, ingest, analyzer, store and answerer. Exits 0 without scoring
 * when ../shared is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/store/ingest/ingest.js';
import { analyze } from '../src/text/analyze.js';
import { createAnswerer } from '../src/text/answer/answerer.js';
import { scoreQa, type QaItem, type QaResult } from '../src/text/eval/dev-qa.js';
import { rougeTable, ROUGE_BUDGET } from '../src/text/eval/rouge-eval.js';
import { storiesEvalReport } from '../src/stories/eval/stories-eval.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BRIEFBOT_SHARED ?? join(repo, '..', 'shared'));
const qaPath = join(shared, 'eval', 'dev-qa.json');
const bbcPath = join(shared, 'corpus', 'bbc-news-summary.dev.jsonl');

function pct(results: QaResult[]): string {
  return `${results.filter((r) => r.pass).length}/${results.length}`;
}

function printFailures(label: string, results: QaResult[]): void {
  for (const r of results.filter((x) => !x.pass)) {
    console.log(`  FAIL [${label}] ${r.item.q} → ${r.answered ? JSON.stringify(r.answer) : '(not answered)'}`);
  }
}

async function qaOnStore(items: QaItem[], extra: string[]): Promise<QaResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-eval-'));
  const store = await openSqliteStore(join(dir, 'eval.db'));
  try {
    await ingestPaths([join(repo, 'articles'), ...extra], { store, analyze });
    return await scoreQa(createAnswerer(store), items);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(shared) || !existsSync(qaPath)) {
    console.log(`Shared data not found at ${shared}: nothing to score (set BRIEFBOT_SHARED to point elsewhere).`);
    return;
  }
  const items = (JSON.parse(readFileSync(qaPath, 'utf8')) as { items: QaItem[] }).items;
  const alone = await qaOnStore(items, []);
  const hasBbc = existsSync(bbcPath);
  const withBbc = hasBbc ? await qaOnStore(items, [bbcPath]) : undefined;

  const rows: string[][] = [['measure', 'score']];
  rows.push(['dev-qa, shipped article alone', pct(alone)]);
  rows.push(['dev-qa, with the BBC dev articles', withBbc ? pct(withBbc) : 'n/a (corpus absent)']);
  if (hasBbc) {
    const bbc = readFileSync(bbcPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; summary: string });
    const table = rougeTable(bbc);
    for (const [name, s] of Object.entries(table)) {
      rows.push([`ROUGE-1/2/L F1, ${name} (${bbc.length} BBC articles, ${ROUGE_BUDGET * 100}% budget)`, `${s.rouge1.toFixed(1)} / ${s.rouge2.toFixed(1)} / ${s.rougeL.toFixed(1)}`]);
    }
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(rows.map((r, i) => `${r[0].padEnd(w)} | ${r[1]}` + (i === 0 ? `\n${'-'.repeat(w)}-+-${'-'.repeat(22)}` : '')).join('\n'));
  if (hasBbc) console.log("ROUGE: rouge-score tokenisation (lower-case, non-alphanumerics → space, no stemming); ROUGE-L is rougeL (whole-text LCS), not rougeLsum; mean per-article F1 × 100.");
  printFailures('alone', alone);
  if (withBbc) printFailures('with BBC', withBbc);

  // Stories (story grouping, B-cubed beside its two baselines): src/stories/eval/stories-eval.ts.
  const stories = await storiesEvalReport(shared);
  if (stories) console.log(`\n${stories}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
