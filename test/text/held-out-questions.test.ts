/**
 * Held-out questions: written by hand before the span / yes-no work of round 2, over the shipped
 * article and four BBC articles (test/fixtures/text/bbc-sample.jsonl), none of them a dev question.
 * They measure robustness (paraphrases, absent answers whose words do appear, unknown people),
 * so a few are expected to fail: those are listed in KNOWN_MISSES and run with `it.fails`, which
 * itself fails the day they start passing (then move them out of the list).
 * Scores (docs/answer-quality.md): QUESTIONS 28/38 on the code before round 2, 38/38 after (the
 * misses were then worked on, so 38 is not an unseen-question score). FRESH: 10/18 before round 2,
 * 17/18 after a second pass on its misses. The measured pipeline of issue 14 (fitted on the BBC
 * dev set, not on these): QUESTIONS 35/38, FRESH 16/18; its misses are listed in KNOWN_MISSES.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/text/answer/answerer.js';
import { passes } from '../../src/text/eval/dev-qa.js';
import { openTextStore, type TextStore } from './text-store.js';

interface HeldOut {
  q: string;
  /** Every string must be in the answer (accents folded, case-insensitive). */
  all?: string[];
  /** At least one must be in the answer. */
  any?: string[];
  /** The store does not answer it: the bot must say so. */
  none?: boolean;
  /** The answer must open with this verdict ("Yes — …"). */
  verdict?: 'Yes' | 'No';
  /** The answer must not claim yes or no. */
  noVerdict?: boolean;
}

const QUESTIONS: HeldOut[] = [
  // The shipped article.
  { q: 'What new initiative is the U.S. unveiling?', all: ['Bicentennial Framework'] },
  {
    q: 'What is the new initiative called?',
    all: ['Bicentennial Framework for Security, Public Health and Safe Communities'],
  },
  { q: 'Did Blinken meet López Obrador?', verdict: 'Yes' },
  { q: 'Is the Merida Initiative being replaced?', verdict: 'Yes' },
  { q: 'Who is the U.S. attorney general?', all: ['Merrick Garland'] },
  { q: 'Who is the Homeland Security Secretary?', all: ['Alejandro Mayorkas'] },
  { q: 'When did Blinken have breakfast with the Mexican president?', any: ['Friday', '2021-10-08'] },
  { q: 'Where is the high-level security dialogue taking place?', all: ['Mexico City'] },
  { q: 'What did Ebrard say he wants?', any: ['extradite'] },
  { q: 'What did Blinken say about Europe?', any: ['vitally important', 'strong and engaged partner'] },
  { q: 'Why is the U.S. unveiling a new initiative?', any: ['reinvigorate security cooperation'] },
  { q: 'What does the new initiative focus on?', any: ['exchanging information'] },
  { q: 'Which security issues will the cooperation cover?', any: ['trafficking', 'narcotics'] },
  { q: 'Which region of Africa could the United States and France work on together?', all: ['Sahel'] },
  { q: 'Which drug does the U.S. side want to fight?', all: ['fentanyl'] },
  { q: 'When was the phone briefing held?', any: ['2021-10-07', 'Thursday'] },
  {
    q: 'Where did Blinken talk with other foreign ministers?',
    any: ['Organization for Economic Cooperation and Development'],
  },
  { q: 'What did Price say about the gains?', any: ['preserved'] },
  { q: 'How much funding did the U.S. provide under the Merida Initiative?', none: true },
  { q: 'How many cabinet secretaries represent the Mexican side?', none: true },
  { q: 'What did Kamala Harris say about the Merida Initiative?', none: true },
  { q: 'Did Blinken meet Justin Trudeau?', none: true },
  // BBC: Simon Fuller sells 19 Entertainment.
  { q: 'How much did Simon Fuller sell 19 Entertainment for?', any: ['$156m', '£81.5m'] },
  { q: 'Who bought Simon Fuller’s company?', any: ['Sillerman', 'entrepreneur'] },
  { q: 'What will Sports Entertainment Enterprises be renamed?', all: ['CFX'] },
  { q: 'Who keeps possession of Graceland?', any: ['Lisa Marie'] },
  { q: 'Who is Gordon Ramsay?', none: true },
  // BBC: Buenos Aires underground strike.
  { q: 'Why did tube workers in Buenos Aires walk out?', any: ['53% pay rise', 'automatic ticket machines'] },
  { q: 'What wage increase has Metrovias offered?', all: ['8%'] },
  { q: 'What did Jose Lopez say?', any: ['hostages'] },
  { q: 'Who has been mediating in the conflict in Buenos Aires?', any: ['Work Ministry'] },
  // BBC: Jet Airways share offer.
  { q: 'Who founded Jet Airways?', all: ['Naresh Goya'] },
  { q: 'When did Jet start flying?', all: ['1993'] },
  { q: 'How many aircraft does Jet Airways have?', all: ['42'] },
  { q: 'How many pilots does Jet Airways employ?', none: true },
  { q: 'Did Jet Airways get permission to fly to London?', verdict: 'Yes' },
  // BBC: Edinburgh congestion-charge ballot.
  {
    q: 'Who fears residents may miss the chance to vote in the transport referendum?',
    any: ['Mark Ballard', 'Green Party'],
  },
  { q: 'Did Edinburgh scrap the congestion charge?', noVerdict: true },
];

/**
 * A second set, written after the round-2 changes and never used to tune them: its score is
 * the honest measure of those changes on unseen questions.
 */
const FRESH: HeldOut[] = [
  { q: 'Have tube commuters hidden their frustration?', verdict: 'No' },
  { q: 'Who runs the careers of Pop Idol contestants?', any: ['19 Management'] },
  { q: 'Where does Jet Airways have permission to fly?', any: ['London'] },
  { q: 'What share of the Indian domestic airline market does Jet Airways control?', all: ['45%'] },
  { q: 'How many scheduled flights does Jet run daily?', all: ['271'] },
  { q: 'Who is Hiten Mehta?', any: ['manager'] },
  { q: 'When will the outcome of the referendum be known?', any: ['next month'] },
  { q: 'What did Hiten Mehta say about the IPO?', any: ['impressive'] },
  { q: 'How much did Sillerman pay for the share in the Presley estate?', none: true },
  { q: 'Who broke the windows of the underground trains?', any: ['commuters'] },
  { q: 'What did Blinken suggest?', any: ['Sahel', 'work together'] },
  { q: 'Did Ebrard meet Blinken at a working breakfast?', any: ['working breakfast'] },
  { q: 'How many shares will Fuller receive?', any: ['1.9 million'] },
  { q: 'Who has been appointed to the CFX board?', any: ['Fuller'] },
  { q: 'What could the Argentine Work Ministry call?', any: ['obligatory conciliation'] },
  { q: 'Who is Tony Blair?', none: true },
  { q: 'When did India begin to open up its domestic airline market?', any: ['1990s'] },
  { q: 'Why might residents miss the chance to vote?', any: ['edited', 'list', 'register'] },
];

/** Misses still standing after round 2, kept visible rather than deleted. */
const KNOWN_MISSES = new Set<string>([
  // Ranked below "Mr Fuller was the creative drive behind Pop Idol …", which shares the question's
  // names but not its verb.
  'Who runs the careers of Pop Idol contestants?',
  // The measured pipeline quotes Price's sentence on the Merida Initiative: it holds both names
  // of the question, "would replace … the 13-year-old Merida Initiative" only one.
  'Is the Merida Initiative being replaced?',
  // The sentence on "an updated security cooperation agreement" outranks the one listing the
  // threats (drug trafficking, organized crime): "security issues" is not said in the text.
  'Which security issues will the cooperation cover?',
  // The analyzer does not take "accountant Jose Lopez" for a person, so no card holds his quote
  // and the ranked search quotes only the last piece of the quotation the splitter cut.
  'What did Jose Lopez say?',
  // "How much" accepts a share: "an 85% share" answers an amount the article never states.
  'How much did Sillerman pay for the share in the Presley estate?',
]);

let ts: TextStore;
beforeAll(async () => {
  ts = await openTextStore();
  const lines = readFileSync(fileURLToPath(new URL('../fixtures/text/bbc-sample.jsonl', import.meta.url)), 'utf8')
    .split('\n')
    .filter(Boolean);
  for (const l of lines) await ts.add(JSON.parse(l) as { id: string; title: string; text: string });
});
afterAll(async () => ts.close());

function ok(item: HeldOut, answered: boolean, answer: string): boolean {
  if (item.noVerdict) return answered && !/^(yes|no)\b/i.test(answer);
  if (item.verdict) return answered && answer.startsWith(`${item.verdict} — `);
  return passes(item, answered, answer);
}

describe('held-out questions over the shipped article and four BBC articles', () => {
  for (const item of [...QUESTIONS, ...FRESH]) {
    const run = KNOWN_MISSES.has(item.q) ? it.fails : it;
    run(item.none ? `says "not in the store" for: ${item.q}` : `answers: ${item.q}`, async () => {
      const r = await createAnswerer(ts.store).answer(item.q);
      const answered = r.answered !== false;
      expect(
        ok(item, answered, r.answer ?? ''),
        `${answered ? 'answered' : 'not answered'}: ${JSON.stringify(r.answer)}`,
      ).toBe(true);
    });
  }
});
