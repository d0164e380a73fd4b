import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import type { Answerer } from '../../src/core/services.js';
import { bm25TopSentence } from '../../src/text/eval/bm25-baseline.js';
import {
  halfOf,
  judgeOutcome,
  summarise,
  tableByType,
  type BbcQaItem,
  type QaOutcome,
} from '../../src/text/eval/bbc-qa.js';

/** Every item through the answerer, in order. */
export async function runAnswerer(answerer: Answerer, items: readonly BbcQaItem[]): Promise<QaOutcome[]> {
  const out: QaOutcome[] = [];
  for (const item of items) {
    const r = await answerer.answer(item.q);
    out.push(judgeOutcome(item, r.answered !== false, r.answer ?? '', r.citations[0]?.quote));
  }
  return out;
}

/** The FTS5 bm25 top-sentence baseline on the same store file. */
export function runBaseline(dbPath: string, items: readonly BbcQaItem[]): QaOutcome[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return items.map((item) => {
      const top = bm25TopSentence(db, item.q);
      return judgeOutcome(item, top !== undefined, top?.text ?? '', top?.text);
    });
  } finally {
    db.close();
  }
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

function typeTable(label: string, outcomes: readonly QaOutcome[]): string[] {
  const lines = [
    `${label}`,
    `  ${'type'.padEnd(10)} ${'n'.padStart(4)} ${'right'.padStart(6)} ${'wrong'.padStart(6)} ${'declined'.padStart(9)}`,
  ];
  for (const r of tableByType(outcomes)) {
    lines.push(
      `  ${r.type.padEnd(10)} ${String(r.n).padStart(4)} ${String(r.right).padStart(6)} ${String(r.wrong).padStart(6)} ${String(r.declined).padStart(9)}`,
    );
  }
  return lines;
}

function summaryRows(name: string, outcomes: readonly QaOutcome[]): string[][] {
  const s = summarise(outcomes);
  return [
    [name, 'answerable right', `${s.right}/${s.answerable} (${pct(s.right, s.answerable)})`],
    [name, 'answerable declined', `${s.declined}/${s.answerable} (${pct(s.declined, s.answerable)})`],
    [
      name,
      'evidence accuracy (first cited sentence holds the answer)',
      `${s.evidenceRight}/${s.answerable} (${pct(s.evidenceRight, s.answerable)})`,
    ],
    [name, 'headline accuracy (of answered answerable)', pct(s.headlinePrecision * 1000, 1000)],
    [name, 'unanswerable declined', `${s.unanswerableDeclined}/${s.unanswerable}`],
  ];
}

/** Prints the QA report: per half and whole, the answerer beside the baseline; optional JSON dump. */
export function printQaReport(briefbot: QaOutcome[], baseline: QaOutcome[], dump?: string): void {
  const halves = (o: QaOutcome[]) => ({
    tune: o.filter((x) => halfOf(x.item.id) === 'tune'),
    check: o.filter((x) => halfOf(x.item.id) === 'check'),
    all: o,
  });
  const b = halves(briefbot);
  const base = halves(baseline);
  const rows: string[][] = [['half', 'measure', 'briefbot', 'BM25 top sentence']];
  for (const h of ['tune', 'check', 'all'] as const) {
    const mine = summaryRows(h, b[h]);
    const theirs = summaryRows(h, base[h]);
    mine.forEach((r, i) => {
      rows.push([r[0], r[1], r[2], theirs[i][2]]);
    });
  }
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join(' | ')).join('\n'));
  console.log();
  for (const h of ['tune', 'check'] as const)
    console.log(typeTable(`briefbot, ${h} half (ids ending ${h === 'tune' ? '0-6' : '7-9'}):`, b[h]).join('\n'));
  console.log(typeTable('BM25 top sentence, whole set:', baseline).join('\n'));
  if (dump) {
    writeFileSync(
      dump,
      JSON.stringify(
        briefbot.map((o) => ({
          id: o.item.id,
          type: o.item.type,
          half: halfOf(o.item.id),
          q: o.item.q,
          answers: o.item.answers,
          wrong: o.item.wrong,
          answered: o.answered,
          answer: o.answer,
          evidence: o.evidence,
          right: o.right,
          evidenceRight: o.evidenceRight,
        })),
        null,
        1,
      ),
    );
    console.log(`Per-question outcomes written to ${dump}`);
  }
}
