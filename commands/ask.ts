import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'ask',
  description: 'Answer a question from the article store, quoted and cited',
  usage: '/ask who is leading the Mexican side?',
  slow: true,
  options: {
    question: { type: 'string', description: 'Your question', required: true, maxLength: 500, rest: true },
  },
  run: ({ options, services }) => services.answerer.answer(options.question),
});
