import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Results } from './report.js';

const BEGIN = '<!-- bench:begin (written by npm run bench; do not edit by hand) -->';
const END = '<!-- bench:end -->';

/**
 * Puts the latest run between the markers of BENCHMARKS.md, keeping the prose around it (the
 * method and the closing notes are written by people; the figures only by the script).
 */
export function writeBenchmarksMd(
  path: string,
  run: { table: string; machine: string; command: string; results: Results; minutes: number },
): void {
  const block = [
    BEGIN,
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${run.results.articles.toLocaleString('en-US')} articles (${run.results.textMb.toFixed(0)} MB of JSON Lines), ${run.results.questions} questions, ${run.minutes.toFixed(1)} min in all.`,
    '',
    `Machine: ${run.machine}.`,
    '',
    `Reproduce: \`${run.command}\``,
    '',
    run.table,
    END,
  ].join('\n');
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const at = old.indexOf(BEGIN);
  const end = old.indexOf(END);
  const next =
    at >= 0 && end > at ? old.slice(0, at) + block + old.slice(end + END.length) : `${old.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}
