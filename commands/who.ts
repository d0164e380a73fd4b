import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'who',
  description: 'People in the coverage: roles, affiliations and what they said',
  usage: '/who ebrard',
  options: {
    name: {
      type: 'string',
      description: 'A person (part of the name is enough)',
      maxLength: 100,
      rest: true,
      autocomplete: (prefix, services) => services.cast.peopleNames(prefix, 25),
    },
  },
  run: ({ options, services }) => services.cast.who(options.name),
});
