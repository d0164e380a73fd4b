import type { CommandDef } from './command.js';

/** A message written to the bot, split into the command it names and that command's text. */
export interface ChatCommand {
  command: string;
  text: string;
}

/**
 * How a mention or a direct message becomes a command. Text whose first word names a command
 * runs that command ("brief fentanyl", "who ebrard", "/search merida"); anything else is a
 * question for /ask. A question that happens to start with a command's name ("Who leads the
 * Mexican side?") is still a question: ending with "?" marks it, unless the command is written
 * with its slash. A mention with no text at all gets /help.
 */
export function chatCommand(commands: readonly Pick<CommandDef<any>, 'name'>[], raw: string): ChatCommand {
  const text = raw.trim();
  // A bare mention: say what the bot can do.
  if (!text && commands.some((c) => c.name === 'help')) return { command: 'help', text: '' };
  const m = /^(\/?)([a-z][a-z0-9-]*)(?:\s+([\s\S]*))?$/i.exec(text);
  const named = m && commands.some((c) => c.name === m[2].toLowerCase());
  const question = text.endsWith('?') && !m?.[1];
  if (m && named && !question) return { command: m[2].toLowerCase(), text: m[3] ?? '' };
  // An unknown "/word" is passed on as that command, so the core can say which commands exist.
  if (m?.[1]) return { command: m[2].toLowerCase(), text: m[3] ?? '' };
  return { command: 'ask', text };
}
