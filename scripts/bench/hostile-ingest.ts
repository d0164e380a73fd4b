/**
 * `npm run bench:hostile`: how long `briefbot ingest` takes on files that cannot be prose, at
 * three sizes, each in its own process (start-up included), against the target of issue 16: a
 * 50 MB single-line file handled (stored cut down, or skipped with a reason) within 10 s, with time
 * growing no faster than the file. Needs no shared data; writes into bench-out/hostile (or --out).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, run, tsNode } from './spawn.js';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'bench-out' }, sizes: { type: 'string', default: '1,10,50' } },
});
const out = resolve(ROOT, values.out, 'hostile');
mkdirSync(out, { recursive: true });
const sizesMb = values.sizes.split(',').map(Number);

const WORDS = [
  'the',
  'minister',
  'said',
  'talks',
  'would',
  'resume',
  'on',
  'Friday',
  'in',
  'Porthaven',
  'harbour',
  'tax',
];
const shapes: Record<string, (bytes: number) => string> = {
  'one word': (bytes) => 'A'.repeat(bytes),
  'words, no break': (bytes) => {
    const parts: string[] = [];
    for (let n = 0, i = 0; n < bytes; i++) {
      const w = WORDS[(i * 7) % WORDS.length];
      parts.push(w);
      n += w.length + 1;
    }
    return parts.join(' ');
  },
};

const rows: string[] = ['| file | size | seconds | outcome |', '|---|---|---|---|'];
for (const [shape, make] of Object.entries(shapes)) {
  for (const mb of sizesMb) {
    const file = join(out, `${shape.replace(/\W+/g, '-')}-${mb}mb.txt`);
    writeFileSync(file, make(mb * 1_000_000));
    const store = join(out, 'store.db');
    for (const f of [store, `${store}-wal`, `${store}-shm`]) rmSync(f, { force: true });
    const r = await run(tsNode('src/cli.ts', ['ingest', file, '--store', store, '--json']), {
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    const report = r.code === 0 || r.code === 1 ? JSON.parse(r.stdout) : undefined;
    const outcome = report
      ? report.added
        ? `stored (${report.notes.map((n: { note: string }) => n.note).join('; ')})`
        : `skipped: ${report.skipped[0]?.reason}`
      : `exit ${r.code}: ${r.stderr.slice(0, 200)}`;
    rows.push(`| ${shape} | ${mb} MB | ${(r.ms / 1000).toFixed(1)} | ${outcome} |`);
    rmSync(file, { force: true });
    process.stderr.write(`${rows[rows.length - 1]}\n`);
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
