import { UserError } from '../core/errors.js';
import { summarizeText } from '../text/index.js';
import type { Tool } from './tools.js';
import { readInput, toolArgs } from './tools.js';

/** `briefbot summarize [--sentences N | --ratio R] [--json] [FILE | -]`: an extractive summary in the text's own order. */
const summarize: Tool = async (args) => {
  const { values, positionals } = toolArgs(args, { sentences: { type: 'string' }, ratio: { type: 'string' } });
  if (positionals.length > 1) throw new UserError('TOO_MANY_FILES', 'briefbot summarize takes one FILE (or - for standard input).');
  if (values.sentences !== undefined && values.ratio !== undefined) throw new UserError('CONFLICTING_OPTIONS', 'Give --sentences or --ratio, not both.');
  const sentences = values.sentences === undefined ? undefined : Number(values.sentences);
  const ratio = values.ratio === undefined ? undefined : Number(values.ratio);
  if (sentences !== undefined && !(Number.isInteger(sentences) && sentences >= 1)) throw new UserError('BAD_NUMBER', '--sentences must be a whole number of at least 1.');
  if (ratio !== undefined && !(ratio > 0 && ratio <= 1)) throw new UserError('BAD_NUMBER', '--ratio must be a number above 0 and at most 1.');
  const text = readInput(positionals[0]);
  const picked = summarizeText(text, { sentences, ratio });
  process.stdout.write(values.json ? `${JSON.stringify({ sentences: picked })}\n` : `${picked.join('\n')}\n`);
  return 0;
};
export default summarize;
