import type { CommandDef } from '../src/core/command.js';
import ask from './ask.js';
import brief from './brief.js';
import digest from './digest.js';
import feeds from './feeds.js';
import help from './help.js';
import search from './search.js';
import sources from './sources.js';
import stories from './stories.js';
import timeline from './timeline.js';
import who from './who.js';

/** Every chat command, in the order /help lists them. */
export const allCommands: readonly CommandDef<any>[] = [
  ask,
  brief,
  stories,
  who,
  timeline,
  search,
  sources,
  digest,
  feeds,
  help,
];
