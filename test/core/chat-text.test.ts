import { describe, expect, it } from 'vitest';
import { allCommands } from '../../commands/index.js';
import { chatCommand } from '../../src/core/chat-text.js';
import { leansOnThread, topicOf, withTopic } from '../../src/core/follow-up.js';
import { reply } from '../../src/core/reply.js';

describe('text written to the bot (mentions and DMs)', () => {
  it.each([
    ['brief fentanyl', 'brief', 'fentanyl'],
    ['who ebrard', 'who', 'ebrard'],
    ['Search merida order:newest', 'search', 'merida order:newest'],
    ['/who Who?', 'who', 'Who?'],
    ['digest list', 'digest', 'list'],
    ['sources', 'sources', ''],
    ['Who leads the Mexican side?', 'ask', 'Who leads the Mexican side?'],
    ['what will replace the Merida Initiative', 'ask', 'what will replace the Merida Initiative'],
    ['briefing notes please', 'ask', 'briefing notes please'],
    ['', 'help', ''],
    ['/frobnicate now', 'frobnicate', 'now'],
  ])('"%s" runs /%s with "%s"', (text, command, rest) => {
    expect(chatCommand(allCommands, text)).toEqual({ command, text: rest });
  });
});

describe('follow-ups in a thread', () => {
  it.each([
    ['and when did they meet?', true],
    ['When did they meet?', true],
    ['where was that?', true],
    ['so what happened next?', true],
    ['why?', true],
    ['Who leads the Mexican side?', false],
    ['when did Blinken meet Ebrard?', false],
    ['what did the DEA say?', false],
    ['what will replace the merida initiative?', false],
    ['Ebrard said what?', false],
  ])('"%s" leans on the thread: %s', (question, leans) => {
    expect(leansOnThread(question)).toBe(leans);
  });

  it("keeps a question's content words and its short answer as the topic, and adds it to a follow-up", () => {
    const topic = topicOf(
      'Who leads the Mexican side?',
      reply({ sections: [], answered: true, answer: 'Marcelo Ebrard' }),
    );
    expect(topic).toBe('leads Mexican side; Marcelo Ebrard');
    expect(topicOf('Who leads the Mexican side?', reply({ sections: [], answered: false, answer: 'x' }))).toBe(
      'leads Mexican side',
    );
    expect(withTopic('and when did they meet?  ', topic)).toBe(
      'and when did they meet? (about: leads Mexican side; Marcelo Ebrard)',
    );
  });
});
