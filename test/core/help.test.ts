import { describe, expect, it } from 'vitest';
import { allCommands } from '../../commands/index.js';
import { Bot } from '../../src/core/bot.js';
import type { Invocation } from '../../src/core/invocation.js';
import { replyToPlainText } from '../../src/core/reply.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/log.js';

// /help reads only the declarations, so it needs no services.
const bot = new Bot(allCommands, { logger: silentLogger() } as unknown as Services);
const help = (text = '') => {
  const base: Omit<Invocation, 'options' | 'subcommand'> = {
    platform: 'console',
    command: 'help',
    user: { id: 'u', isAdmin: false },
    channel: { platform: 'console', id: 'console' },
  };
  return bot.dispatchText(base, text).then(replyToPlainText);
};
const repeated = (lines: string[]) => lines.filter((l, i) => l.trim() && lines.indexOf(l) !== i);

describe('/help', () => {
  it('lists each command once, by its usage line, with no bare "/ask" heading before it', async () => {
    const lines = (await help()).split('\n');
    expect(lines).not.toContain('/ask');
    expect(lines.filter((l) => l.startsWith('/ask '))).toEqual([
      '/ask <question>: Answer a question from the article store, quoted and cited',
    ]);
    for (const c of allCommands) expect(lines.some((l) => l.startsWith(`/${c.name}`))).toBe(true);
    expect(repeated(lines.filter((l) => l.startsWith('/')))).toEqual([]);
  });

  it('explains one command with its description said once', async () => {
    const text = await help('ask');
    expect(text.split('Answer a question from the article store').length - 1).toBe(1);
    expect(text).toContain('/ask <question>');
    expect(text).toContain('question: Your question (required)');
    expect(repeated(text.split('\n'))).toEqual([]);
  });
});
