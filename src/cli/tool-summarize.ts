import { readFileSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { parseArticleBytes } from '../store/ingest/read-file.js';
import { summarizeText } from '../text/index.js';
import type { Tool } from './tools.js';
import { toolArgs } from './tools.js';

/** FILE's bytes, or standard input's for "-" or no file. */
function readBytes(file: string | undefined): Buffer {
  try {
    return readFileSync(!file || file === '-' ? 0 : file);
  } catch (e) {
    throw new UserError('UNREADABLE_INPUT', `Cannot read ${file ?? 'standard input'}: ${(e as Error).message}`);
  }
}

/** The text without a first line that only repeats the title (an HTML page's <h1>): a headline is not a sentence of the summary. */
function withoutHeadline(text: string, title: string): string {
  const [first, ...rest] = text.split('\n');
  return rest.length && first.trim() === title.trim() ? rest.join('\n').trim() : text;
}

/**
 * `briefbot summarize [--sentences N | --ratio R] [--json] [FILE | -]`: an extractive summary in
 * the text's own order. The input is read by the same readers as ingest (plain text, Markdown,
 * HTML, JSON, JSON Lines, RSS/Atom; the format from the file name, else from its first
 * characters), so the summary is of the article's text, not of its markup or its title line.
 * Binary or empty input, or input in which no article can be read, is an error (exit code 2).
 */
const summarize: Tool = async (args) => {
  const { values, positionals } = toolArgs(args, { sentences: { type: 'string' }, ratio: { type: 'string' } });
  if (positionals.length > 1)
    throw new UserError('TOO_MANY_FILES', 'briefbot summarize takes one FILE (or - for standard input).');
  if (values.sentences !== undefined && values.ratio !== undefined)
    throw new UserError('CONFLICTING_OPTIONS', 'Give --sentences or --ratio, not both.');
  const sentences = values.sentences === undefined ? undefined : Number(values.sentences);
  const ratio = values.ratio === undefined ? undefined : Number(values.ratio);
  if (sentences !== undefined && !(Number.isInteger(sentences) && sentences >= 1))
    throw new UserError('BAD_NUMBER', '--sentences must be a whole number of at least 1.');
  if (ratio !== undefined && !(ratio > 0 && ratio <= 1))
    throw new UserError('BAD_NUMBER', '--ratio must be a number above 0 and at most 1.');
  const file = positionals[0];
  const stdin = !file || file === '-';
  const read = await parseArticleBytes(readBytes(file), stdin ? '' : file);
  if (!read.articles.length) {
    const why = read.skipped.map((s) => s.reason).join('; ') || 'no article text';
    throw new UserError('NOTHING_TO_SUMMARIZE', `Cannot summarize ${stdin ? 'standard input' : file}: ${why}.`);
  }
  const summaries = read.articles.map((a) => ({
    title: a.title,
    sentences: summarizeText(withoutHeadline(a.text, a.title), { sentences, ratio }),
  }));
  if (values.json) {
    const out = summaries.length === 1 ? summaries[0] : { articles: summaries };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else if (summaries.length === 1) {
    process.stdout.write(`${summaries[0].sentences.join('\n')}\n`);
  } else {
    // Several articles (JSON Lines, a feed): each under its title.
    process.stdout.write(
      `${summaries.map((s) => `${s.title}\n${s.sentences.map((x) => `  ${x}`).join('\n')}`).join('\n\n')}\n`,
    );
  }
  return 0;
};
export default summarize;
