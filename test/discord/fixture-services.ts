/**
 * Small but real Services over an in-memory article list, for driving the Discord door before (and
 * independently of) the full store. Each piece does its job honestly: answers are built from the
 * fixture sentences that match, with citations pointing at them, or say "not in the store".
 */
import { defineCommand, defineSubcommand } from '../../src/core/command.js';
import { reply, textReply, type Citation, type Reply } from '../../src/core/reply.js';
import type { DigestService, Services, Subscription } from '../../src/core/services.js';
import type { ArticleStore } from '../../src/store/article-store.js';
import { silentLogger } from '../../src/log.js';

export interface FixtureArticle {
  id: string;
  title: string;
  url?: string;
  published: string;
  sentences: string[];
}

export const ARTICLES: FixtureArticle[] = [
  {
    id: 'bicentennial',
    title: 'U.S. and Mexico launch security framework',
    url: 'https://news.example/2021/10/08/security-framework',
    published: '2021-10-08',
    sentences: [
      'The Bicentennial Framework for Security will replace the Merida Initiative, officials said.',
      'Foreign Minister Marcelo Ebrard said the framework treats security as a shared responsibility.',
    ],
  },
  {
    id: 'hostile',
    title: 'Protest note [click](https://evil.example) @everyone',
    url: 'javascript:alert(1)',
    published: '2021-10-09',
    sentences: ['A note posted by protesters read: @everyone @here <@&123456789012345678> come to the plaza.'],
  },
];

const PEOPLE = ['Marcelo Ebrard', 'Merrick Garland', 'Antony Blinken', 'Andrés Manuel López Obrador'];

function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [];
}

/** Cites every fixture sentence that shares at least two words with the question. */
function answer(question: string): Reply {
  const q = new Set(words(question));
  const citations: Citation[] = [];
  const points: string[] = [];
  for (const a of ARTICLES) {
    for (const s of a.sentences) {
      if (words(s).filter((w) => q.has(w)).length < 2) continue;
      const n = citations.length + 1;
      citations.push({ n, articleId: a.id, title: a.title, url: a.url, published: a.published, quote: s });
      points.push(`${s} [${n}]`);
    }
  }
  if (!citations.length) return textReply('That is not in the store.', { answered: false });
  return reply({
    title: question,
    sections: [{ text: points.join('\n') }],
    citations,
    answered: true,
    provenance: { path: 'extractive', footer: 'extractive answer' },
  });
}

/** Subscriptions in memory, with the last delivery error shown by list(). */
export class MemoryDigests implements DigestService {
  readonly subs = new Map<string, Subscription>();
  async subscribe(input: Parameters<DigestService['subscribe']>[0]) {
    const existing = this.subs.get(input.channel.id);
    const subscription: Subscription = { ...input, id: input.channel.id, createdAt: new Date().toISOString() };
    this.subs.set(input.channel.id, subscription);
    return { subscription, created: !existing, nextRuns: [] };
  }
  async unsubscribe(channel: { id: string }) {
    const s = this.subs.get(channel.id);
    this.subs.delete(channel.id);
    return s;
  }
  async find(channel: { id: string }) {
    return this.subs.get(channel.id);
  }
  async list() {
    const lines = [...this.subs.values()].map(
      (s) => `${s.channel.id}: ${s.schedule}${s.lastError ? ` — last error: ${s.lastError}` : ''}`,
    );
    return textReply(lines.join('\n') || 'No subscriptions.');
  }
  async preview() {
    return textReply('preview');
  }
  async runNow() {
    return textReply('run');
  }
}

export function fixtureServices(opts: { llm?: boolean; admins?: string[] } = {}): Services {
  return {
    // The Discord door never touches the store directly; commands go through the services below.
    store: new Proxy({} as ArticleStore, {
      get: (_t, p) => {
        throw new Error(`store.${String(p)} is not used by these tests`);
      },
    }),
    answerer: { answer: async (q) => answer(q) },
    briefer: { brief: async (topic) => answer(topic ?? 'security framework') },
    cast: {
      who: async (name) => textReply(name ? `People matching ${name}` : 'Everyone'),
      timeline: async () => textReply('timeline'),
      peopleNames: async (prefix, limit = 25) =>
        PEOPLE.filter((p) =>
          p
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(prefix.toLowerCase())),
        ).slice(0, limit),
    },
    digests: new MemoryDigests(),
    ...(opts.llm ? { llm: { describe: () => 'test model at 127.0.0.1' } } : {}),
    clock: () => new Date(),
    logger: silentLogger(),
    admins: opts.admins ?? [],
  };
}

/** /digest as the real one is declared: admin-only changes, a list for everyone. */
export const digestCommand = defineCommand({
  name: 'digest',
  description: 'Scheduled digests for this channel',
  options: {},
  subcommands: {
    subscribe: defineSubcommand({
      description: 'Post a digest here on a schedule',
      adminOnly: true,
      options: {
        schedule: {
          type: 'string',
          description: 'Cron expression, e.g. "0 8 * * 1-5"',
          required: true,
          maxLength: 100,
        },
        timezone: { type: 'string', description: 'IANA timezone', maxLength: 64 },
        quiet: { type: 'boolean', description: 'Skip digests with nothing new' },
      },
      run: async ({ options, services, invocation }) => {
        const { created } = await services.digests.subscribe({
          channel: invocation.channel,
          // The core has validated and converted these against the declaration above.
          schedule: String(options.schedule),
          timezone: String(options.timezone ?? 'UTC'),
          quiet: options.quiet === true,
          createdBy: invocation.user.id,
        });
        return textReply(created ? 'Subscribed.' : 'Subscription updated.');
      },
    }),
    unsubscribe: defineSubcommand({
      description: 'Stop digests here',
      adminOnly: true,
      options: {},
      run: async () => textReply('Unsubscribed.'),
    }),
    list: defineSubcommand({
      description: 'Show subscriptions',
      options: {},
      run: ({ services }) => services.digests.list(),
    }),
  },
});

/** An admin-only command with no subcommands, to check it is hidden from members. */
export const purgeCommand = defineCommand({
  name: 'purge',
  description: 'Admin-only maintenance',
  adminOnly: true,
  options: { days: { type: 'integer', description: 'Older than this many days', min: 1, max: 365, required: true } },
  run: async ({ options }) => textReply(`Purged ${options.days} days.`),
});
