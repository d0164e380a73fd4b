import { Bot } from '../../src/core/bot.js';
import { defineCommand, defineSubcommand } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { reply, textReply, type Citation } from '../../src/core/reply.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/log.js';

/** Two real passages the small /ask below answers from, quoted and cited. */
const PASSAGES: (Citation & { keywords: string[] })[] = [
  {
    n: 1,
    articleId: 'security-dialogue',
    title: 'U.S. and Mexico open a new security dialogue',
    url: 'https://news.example/2021/10/08/security-dialogue?a=1&b=2',
    published: '2021-10-08T12:00:00Z',
    quote: 'Foreign Minister Marcelo Ebrard led the Mexican delegation at the talks in Mexico City.',
    keywords: ['leading', 'lead', 'mexican', 'delegation'],
  },
  {
    n: 2,
    articleId: 'merida',
    title: 'Framework to replace the Merida Initiative',
    url: 'https://news.example/2021/10/09/merida',
    published: '2021-10-09',
    quote: 'The new framework would replace the Merida Initiative, in place since 2008.',
    keywords: ['replace', 'merida', 'arrangement'],
  },
];

/** A gate the tests open to let the slow command finish. */
export class Gate {
  private open_!: () => void;
  readonly opened = new Promise<void>((r) => (this.open_ = r));
  open(): void {
    this.open_();
  }
}

export interface SlackTestBot {
  bot: Bot;
  /** Every dispatch the core saw, in order (proves whether a command ran). */
  dispatched: string[];
  /** The slow command (/think) waits on this gate; replace it per test. */
  gate: Gate;
}

/**
 * A real core `Bot` over small real commands defined here: /ask answers from two passages with
 * citations, /think is slow (declared `slow`, waits on a gate), /echo repeats text, /secret is
 * admin-only, /digest has subcommands, /boom fails. Services the commands do not use are absent.
 */
export function makeSlackTestBot(): SlackTestBot {
  const state: SlackTestBot = { bot: undefined as unknown as Bot, dispatched: [], gate: new Gate() };
  const ask = defineCommand({
    name: 'ask',
    description: 'Answer a question from the article store, with sources',
    options: { question: { type: 'string', description: 'Your question', required: true, maxLength: 500, rest: true } },
    async run({ options }) {
      const words = options.question.toLowerCase().split(/\W+/);
      const hits = PASSAGES.filter((p) => p.keywords.some((k) => words.includes(k)));
      if (!hits.length) return textReply('That is not in the store: no article covers it.', { answered: false });
      const citations = hits.map(({ keywords: _k, ...c }, i) => ({ ...c, n: i + 1 }));
      return reply({
        title: `Q: ${options.question}`,
        sections: [{ text: citations.map((c) => `${c.quote} [${c.n}]`).join(' ') }],
        citations,
        answered: true,
        provenance: { path: 'extractive', footer: 'extractive answer from 2 sources' },
      });
    },
  });
  const think = defineCommand({
    name: 'think',
    description: 'A slow command (the LLM path)',
    slow: true,
    options: { topic: { type: 'string', description: 'Topic', rest: true } },
    async run({ options }) {
      await state.gate.opened;
      return textReply(`Thought about ${options.topic ?? 'everything'}.`);
    },
  });
  const stall = defineCommand({
    name: 'stall',
    description: 'Not declared slow, but stuck behind the gate (a slow store)',
    options: {},
    async run() {
      await state.gate.opened;
      return textReply('Finally done.');
    },
  });
  const flood = defineCommand({
    name: 'flood',
    description: 'A slow command with a very long answer',
    slow: true,
    options: {},
    async run() {
      const sections = Array.from({ length: 40 }, (_, i) => ({
        heading: `Part ${i + 1}`,
        text: `Section ${i + 1} says a lot. `.repeat(100),
      }));
      return reply({ title: 'A very long answer', sections, citations: [] });
    },
  });
  const echo = defineCommand({
    name: 'echo',
    description: 'Repeats text back',
    options: {
      text: { type: 'string', description: 'Text', required: true, rest: true },
      loud: { type: 'boolean', description: 'Post visibly' },
    },
    async run({ options }) {
      return textReply(options.text, { visibility: options.loud ? 'channel' : 'ephemeral' });
    },
  });
  const secret = defineCommand({
    name: 'secret',
    description: 'Admins only',
    adminOnly: true,
    options: {},
    async run({ invocation }) {
      return textReply(`Hello admin ${invocation.user.id}.`);
    },
  });
  const digest = defineCommand({
    name: 'digest',
    description: 'Digest subscriptions',
    options: {},
    subcommands: {
      subscribe: defineSubcommand({
        description: 'Subscribe this channel',
        adminOnly: 'or-owner',
        options: {
          schedule: { type: 'string', description: 'Cron expression', required: true },
          topic: { type: 'string', description: 'Topic' },
        },
        async run({ options, requireAdminOr }) {
          requireAdminOr(undefined);
          return textReply(`Subscribed on ${options.schedule}.`);
        },
      }),
      list: defineSubcommand({ description: 'List', options: {}, run: async () => textReply('No subscriptions.') }),
    },
  });
  const boom = defineCommand({
    name: 'boom',
    description: 'Always fails',
    options: {},
    async run() {
      throw new Error('boom: deliberate failure');
    },
  });
  const refuse = defineCommand({
    name: 'refuse',
    description: 'Always a user error',
    options: {},
    async run() {
      throw new UserError('NOPE', 'Not today.');
    },
  });
  const logger = silentLogger();
  // Only what Bot itself reads: the logger, and `llm` so that `slow` commands count as slow.
  const services = {
    logger,
    clock: () => new Date(),
    admins: [],
    llm: { describe: () => 'test llm' },
  } as unknown as Services;
  state.bot = new Bot([ask, think, stall, flood, echo, secret, digest, boom, refuse], services, logger);
  state.bot.observe(({ invocation }) =>
    state.dispatched.push(`${invocation.command}${invocation.subcommand ? ` ${invocation.subcommand}` : ''}`),
  );
  return state;
}
