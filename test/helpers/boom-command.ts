import { defineCommand } from '../../src/core/command.js';

/** A command that always fails unexpectedly: proves the error funnel keeps every door serving. */
export const boomCommand = defineCommand({
  name: 'boom',
  description: 'Always fails (test only)',
  options: {},
  run: async () => {
    throw new Error('boom: deliberate failure');
  },
});
