import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'brief',
  description: 'Key points on the story or a topic, each one cited',
  usage: '/brief extradition',
  slow: true,
  options: {
    topic: { type: 'string', description: 'Optional topic to focus on', maxLength: 200, rest: true },
  },
  run: ({ options, services }) => services.briefer.brief(options.topic),
});
