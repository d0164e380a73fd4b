import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'timeline',
  description: 'Dated events in order, each with its source',
  usage: '/timeline merida',
  options: {
    topic: { type: 'string', description: 'Optional topic to focus on', maxLength: 200, rest: true },
  },
  run: ({ options, services }) => services.cast.timeline(options.topic),
});
