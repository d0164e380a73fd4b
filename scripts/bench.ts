/**
 * `npm run bench`: performance of briefbot at newsroom scale, side by side with floors and a peer.
 * See BENCHMARKS.md (written by this script) for what each row measures.
 *
 *   npm run bench -- [--articles 100000] [--questions 1000] [--peer-articles 20000]
 *                    [--digests 1000] [--reuse] [--no-write] [--out bench-out] [--only ingest,queries,peer,startup,digests,feeds]
 *
 * --reuse keeps an existing store of the same size (skips corpus and ingest); --no-write prints
 * the table without updating BENCHMARKS.md; --only runs some parts (for profiling one of them; a
 * partial run never writes BENCHMARKS.md); --out puts corpus, store and questions in another folder. Without ../shared it says so and exits 0.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './bench/corpus.js';
import { benchDigests } from './bench/digest-bench.js';
import { benchFeeds } from './bench/feed-bench.js';
import { benchIngest } from './bench/ingest-bench.js';
import { machine, watchLoad } from './bench/machine.js';
import { benchQueries } from './bench/query-bench.js';
import { drawQuestions } from './bench/questions.js';
import { renderTable, type PeerFigures, type Results } from './bench/report.js';
import { ROOT, run, tsNode } from './bench/spawn.js';
import { benchStartup } from './bench/startup-memory.js';
import { writeBenchmarksMd } from './bench/write-md.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    questions: { type: 'string', default: '1000' },
    'peer-articles': { type: 'string', default: '20000' },
    digests: { type: 'string', default: '1000' },
    reuse: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench-out' },
  },
});
const PARTS = ['ingest', 'queries', 'peer', 'startup', 'digests', 'feeds'] as const;
const only = values.only?.split(',').map((p) => p.trim());
const unknownPart = only?.find((p) => !(PARTS as readonly string[]).includes(p));
if (unknownPart !== undefined) {
  process.stderr.write(`--only: unknown part "${unknownPart}" (parts: ${PARTS.join(', ')})\n`);
  process.exit(2);
}
const runs = (part: (typeof PARTS)[number]) => !only || only.includes(part);
/** Every part but feeds works on the large store (and the build, for start-up); feeds bring their own. */
const needsStore = PARTS.filter((p) => p !== 'feeds').some(runs);
const articles = Number(values.articles);
const questionCount = Number(values.questions);
const log = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

const sourcesPath = join(ROOT, '../shared/corpus/bbc-news-summary.dev.jsonl');
if (!existsSync(sourcesPath)) {
  process.stdout.write(
    `No ../shared/corpus/bbc-news-summary.dev.jsonl beside the repository (${sourcesPath}): the benchmark needs the BBC corpus to build its articles. Nothing measured.\n`,
  );
  process.exit(0);
}

const out = resolve(ROOT, values.out);
mkdirSync(out, { recursive: true });
const corpusPath = join(out, `corpus-${articles}.jsonl`);
const storePath = join(out, `store-${articles}.db`);
const started = performance.now();
const load = watchLoad();

const results: Results = { articles, textMb: 0, questions: questionCount };
if (!needsStore) {
  // Feeds alone: no build, corpus store or questions to prepare.
  log('feeds: 500 feeds on 10 local hosts, polled over one interval…');
  results.feeds = await benchFeeds(sourcesPath, log);
  load.stop();
  process.stdout.write(
    `\n${renderTable(results)}\n\nMachine: ${machine()}; ${load.describe()}. Total bench time ${((performance.now() - started) / 60000).toFixed(1)} min.\n`,
  );
  process.exit(0);
}

log('building (npm run build) for the start-up measurement…');
const build = await run(['npm', ['run', 'build', '--silent']]);
if (build.code !== 0) {
  if (!existsSync(join(ROOT, 'dist/src/main.js')))
    throw new Error(`npm run build failed and there is no dist/: ${build.stdout.slice(-2000)}`);
  log('npm run build reported type errors (files were still emitted); continuing with dist/.');
}

if (runs('ingest') && !(values.reuse && existsSync(storePath))) {
  log(`corpus: ${articles} articles from whole paragraphs of the BBC articles…`);
  const corpus = await writeCorpus(sourcesPath, articles, corpusPath);
  results.textMb = corpus.textBytes / 1e6;
  log(`corpus: ${results.textMb.toFixed(0)} MB of text`);
  results.ingest = await benchIngest(corpusPath, storePath, join(out, `floor-${articles}.db`), articles, log);
} else {
  if (!existsSync(storePath) || !existsSync(corpusPath))
    throw new Error(`no ${storePath} (or its corpus) to reuse: run the ingest part first`);
  results.textMb = statSync(corpusPath).size / 1e6;
  log('reusing the existing store: no ingest figures');
}

const questions = drawQuestions(storePath, questionCount);
writeFileSync(join(out, 'questions.json'), JSON.stringify(questions, null, 1));
log(`queries: ${questions.length} questions (e.g. “${questions[0]?.ask}”)`);
if (runs('queries')) results.queries = await benchQueries(storePath, questions, log);

if (runs('peer')) {
  const peerArticles = Math.min(articles, Number(values['peer-articles']));
  log(`peer: MiniSearch over ${peerArticles} articles…`);
  const peer = await run(
    tsNode(
      'scripts/bench/peer-minisearch.ts',
      [corpusPath, String(peerArticles), join(out, 'questions.json')],
      ['--expose-gc', '--max-old-space-size=4096'],
    ),
  );
  results.peer =
    peer.code === 0
      ? (JSON.parse(peer.stdout.trim()) as PeerFigures)
      : { error: `exit ${peer.code}: ${peer.stderr.split('\n').filter(Boolean).slice(-1)[0] ?? ''}` };
}

if (runs('startup')) {
  log('start-up and memory…');
  results.startup = await benchStartup(
    storePath,
    5,
    questions.slice(0, 200).map((q) => q.ask),
    log,
  );
}

if (runs('digests')) {
  log('digest fan-out…');
  results.digests = await benchDigests(
    storePath,
    sourcesPath,
    Number(values.digests),
    questions.map((q) => q.brief),
    3,
    log,
  );
}

if (runs('feeds')) {
  log('feeds: 500 feeds on 10 local hosts, polled over one interval…');
  results.feeds = await benchFeeds(sourcesPath, log);
}

const table = renderTable(results);
const command = `npm run bench -- --articles ${articles}`;
load.stop();
const where = `${machine()}; ${load.describe()}`;
process.stdout.write(
  `\n${table}\n\nMachine: ${where}. Total bench time ${((performance.now() - started) / 60000).toFixed(1)} min.\n`,
);
if (!values['no-write'] && !only) {
  writeBenchmarksMd(join(ROOT, 'BENCHMARKS.md'), {
    table,
    machine: where,
    command,
    results,
    minutes: (performance.now() - started) / 60000,
  });
  log('BENCHMARKS.md written');
}
