import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { between, pick, seeded } from './random.js';

/** One source article of the BBC development corpus. */
interface Source {
  id: string;
  category: string;
  title: string;
  paragraphs: string[];
}

export interface BenchArticle {
  id: string;
  title: string;
  source: string;
  published: string;
  url: string;
  text: string;
}

export function readSources(path: string): Source[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { id: string; category: string; title: string; text: string })
    .map((r) => ({
      id: r.id,
      category: r.category,
      title: r.title,
      paragraphs: r.text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
    }));
}

/**
 * Builds `count` articles from whole paragraphs of the sources, with a fixed seed: each keeps the
 * title and lead paragraph of one source article and adds 2–8 paragraphs of others in the same
 * category, so the text is real prose about related subjects (about 2.8 kB an article). Texts are
 * unique (the store refuses duplicate content); dates spread over 2004–2005.
 */
export function* generateArticles(sources: readonly Source[], count: number, seed = 20260101): Generator<BenchArticle> {
  const rand = seeded(seed);
  const byCategory = new Map<string, Source[]>();
  for (const s of sources) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s]);
  const seen = new Set<string>();
  const start = Date.UTC(2004, 0, 1);
  const span = Date.UTC(2005, 11, 31) - start;
  for (let i = 0; i < count; i++) {
    for (;;) {
      const base = pick(rand, sources);
      const peers = byCategory.get(base.category)!;
      const paragraphs = [base.paragraphs[0]];
      const extra = between(rand, 2, 8);
      for (let k = 0; k < extra; k++) paragraphs.push(pick(rand, pick(rand, peers).paragraphs));
      const text = paragraphs.join('\n\n');
      const hash = createHash('sha1').update(text).digest('base64');
      if (seen.has(hash)) continue;
      seen.add(hash);
      const id = `bench-${String(i + 1).padStart(6, '0')}`;
      const published = new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 10);
      yield {
        id,
        title: base.title,
        source: `BBC ${base.category}`,
        published,
        url: `https://bench.example/${id}`,
        text,
      };
      break;
    }
  }
}

/** Writes the generated corpus as JSON Lines; returns articles and bytes of text written. */
export async function writeCorpus(
  sourcesPath: string,
  count: number,
  out: string,
): Promise<{ articles: number; textBytes: number }> {
  const stream = createWriteStream(out);
  let textBytes = 0;
  let articles = 0;
  for (const a of generateArticles(readSources(sourcesPath), count)) {
    textBytes += Buffer.byteLength(a.text);
    articles++;
    if (!stream.write(`${JSON.stringify(a)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  return { articles, textBytes };
}

/** Reads the first `limit` articles back (the peer takes the same articles), streaming the file. */
export async function readCorpus(path: string, limit = Infinity): Promise<BenchArticle[]> {
  const out: BenchArticle[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (out.length >= limit) break;
    if (line) out.push(JSON.parse(line) as BenchArticle);
  }
  lines.close();
  return out;
}
