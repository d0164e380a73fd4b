/**
 * `npm run injection-fp`: how often the prompt-injection detector (src/text/analysis/injection.ts)
 * flags ordinary news. Runs the real ingest analysis over every article of the BBC development
 * split (../shared/corpus/bbc-news-summary.dev.jsonl, 1,781 articles) and prints each flagged
 * sentence with its reason. Uses the large shared corpus, so it says so and exits 0 when ../shared
 * is absent (BRIEFBOT_SHARED points elsewhere).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/text/analyze.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BRIEFBOT_SHARED ?? join(repo, '..', 'shared'));
const corpus = join(shared, 'corpus', 'bbc-news-summary.dev.jsonl');

function main(): void {
  if (!existsSync(corpus)) {
    console.log(
      `BBC development corpus not found at ${corpus}: nothing to measure (set BRIEFBOT_SHARED to point elsewhere).`,
    );
    return;
  }
  const lines = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  let sentences = 0;
  const hits: { id: string; sentence: string; reason: string }[] = [];
  const flaggedArticles = new Set<string>();
  for (const line of lines) {
    const article = JSON.parse(line) as { id: string; title?: string; text: string };
    const analysis = analyze(article.text);
    sentences += analysis.sentences.length;
    for (const s of analysis.sentences) {
      if (!s.injection) continue;
      hits.push({ id: article.id, sentence: s.text, reason: s.injection });
      flaggedArticles.add(article.id);
    }
  }
  console.log(`articles: ${lines.length}, sentences: ${sentences}`);
  console.log(`flagged sentences: ${hits.length} in ${flaggedArticles.size} articles`);
  for (const h of hits) console.log(`- ${h.id}: ${h.reason}: ${h.sentence.slice(0, 200)}`);
}

main();
