import { topStoriesBrief } from '../src/briefing/top-stories.js';
import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'brief',
  description: 'Key points on a topic, or the top stories of the day, each one cited',
  usage: '/brief extradition',
  slow: true,
  options: {
    topic: { type: 'string', description: 'Optional topic to focus on', maxLength: 200, rest: true },
  },
  run: ({ options, services, invocation }) => {
    const topic = options.topic?.trim();
    // Without a topic: today's top stories, in the digest's form (where the store keeps stories).
    if (!topic && services.stories)
      return topStoriesBrief(services.stories, services.store, invocation.platform, services.headlines);
    return services.briefer.brief(topic || undefined);
  },
});
