import { defineCommand } from '../src/core/command.js';
import { followUp } from '../src/core/follow-up.js';

export default defineCommand({
  name: 'ask',
  description: 'Answer a question from the article store, quoted and cited',
  usage: '/ask who is leading the Mexican side?',
  slow: true,
  options: {
    question: { type: 'string', description: 'Your question', required: true, maxLength: 500, rest: true },
  },
  async run({ options, services, invocation }) {
    // In a conversation thread, "and when did they meet?" is asked about the thread's topic.
    const asked = await followUp(services, invocation, options.question);
    const reply = await services.answerer.answer(asked.question);
    await asked.remember(reply);
    return reply;
  },
});
