import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ask from '../../commands/ask.js';
import who from '../../commands/who.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import type { ChatStore } from '../../src/chat-store/chat-store.js';
import { memoryChatStore, openChatStore } from '../../src/chat-store/open-chat-store.js';
import { Bot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/log.js';
import type { ArticleStore } from '../../src/store/article-store.js';
import { openStore } from '../../src/store/open-store.js';
import { FakeDiscordGateway } from '../fakes/discord-gateway.js';
import {
  autocomplete,
  chatInput,
  guildMessage,
  makeGuild,
  makeUser,
  nextSnowflake,
} from '../fakes/discord-payloads.js';
import { FakeDiscordRest } from '../fakes/discord-rest.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from '../store/postgres-test-db.js';
import { fakeToken } from './discord-harness.js';
import { fixtureServices } from './fixture-services.js';

const run = await shouldRunPostgres('discord-replicas');

interface Replica {
  adapter: DiscordAdapter;
  /** Commands this replica's core ran. */
  ran: string[];
}

interface Cluster {
  rest: FakeDiscordRest;
  gateway: FakeDiscordGateway;
  replicas: Replica[];
  appId: string;
  close(): Promise<void>;
}

const guild = makeGuild();
const member = makeUser('reporter');

/** Two replicas of the Discord door, each with its own discord.js client and gateway session, both on one bot token. */
async function cluster(chats: ChatStore[]): Promise<Cluster> {
  const appId = nextSnowflake();
  const token = fakeToken(appId);
  const rest = await new FakeDiscordRest(token, appId).start();
  const gateway = await new FakeDiscordGateway({ token, appId, botUser: rest.botUser, guilds: [guild] }).start();
  rest.gatewayUrl = gateway.url;
  const replicas: Replica[] = [];
  for (const chat of chats) {
    const bot = new Bot([ask, who], fixtureServices());
    const ran: string[] = [];
    bot.observe((e) => ran.push(e.invocation.command));
    const adapter = createDiscordAdapter({
      token,
      appId,
      apiUrl: rest.apiUrl,
      admins: [],
      logger: silentLogger(),
      chat,
    });
    await adapter.start(bot);
    replicas.push({ adapter, ran });
  }
  expect(gateway.liveSessions).toBe(chats.length);
  return {
    rest,
    gateway,
    replicas,
    appId,
    async close() {
      for (const r of replicas) await r.adapter.stop();
      await gateway.close();
      await rest.close();
    },
  };
}

interface Tally {
  sent: number;
  answeredOnce: number;
  answeredTwice: number;
  unanswered: number;
}

/**
 * Broadcasts interactions (commands and autocomplete) and mentions to every session, waits until
 * all is settled, and counts how many initial responses (callbacks) or replies each one got.
 */
async function exercise(c: Cluster, n: { commands: number; autocompletes: number; mentions: number }): Promise<Tally> {
  const bot = { id: c.rest.botUser.id, username: 'briefbot' };
  const interactions = [
    ...Array.from({ length: n.commands }, (_, i) =>
      chatInput(c.appId, guild, member, 'ask', { question: `What will replace the Merida Initiative? (${i})` }),
    ),
    ...Array.from({ length: n.autocompletes }, () =>
      autocomplete(c.appId, guild, member, 'who', { name: 'mar' }, 'name'),
    ),
  ];
  const mentions = Array.from({ length: n.mentions }, (_, i) =>
    guildMessage(guild, member, `<@${bot.id}> what replaces the Merida Initiative? ${i}`, { mentions: [bot] }),
  );
  for (const i of interactions) expect(c.gateway.broadcast('INTERACTION_CREATE', i)).toBe(c.replicas.length);
  for (const m of mentions) expect(c.gateway.broadcast('MESSAGE_CREATE', m)).toBe(c.replicas.length);
  for (const i of interactions)
    await c.rest.waitForRequest((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
  for (const m of mentions) await c.rest.waitForRequest((r) => r.body?.message_reference?.message_id === m.id);
  // Let any second answer that was going to happen, happen.
  for (let round = 0; round < 3; round++) {
    await Promise.all(c.replicas.map((r) => r.adapter.settled()));
    await new Promise((r) => setTimeout(r, 150));
  }
  const counts = [
    ...interactions.map((i) => c.rest.find('POST', new RegExp(`^/interactions/${i.id}/`)).length),
    ...mentions.map(
      (m) =>
        c.rest.requests.filter((r) => r.method === 'POST' && r.body?.message_reference?.message_id === m.id).length,
    ),
  ];
  return {
    sent: counts.length,
    answeredOnce: counts.filter((x) => x === 1).length,
    answeredTwice: counts.filter((x) => x >= 2).length,
    unanswered: counts.filter((x) => x === 0).length,
  };
}

describe.skipIf(!run)('Discord gateway with two replicas on PostgreSQL', () => {
  const schema = testSchema('bb_discord_replicas');
  let stores: ArticleStore[] = [];
  let c: Cluster;

  beforeAll(async () => {
    // Two processes' worth of connections: each replica has its own pool on the one database.
    stores = [
      await openStore({ databaseUrl: TEST_DATABASE_URL, schema }),
      await openStore({ databaseUrl: TEST_DATABASE_URL, schema }),
    ];
    const chats = await Promise.all(stores.map((s, i) => openChatStore(s, { replica: `replica-${i + 1}` })));
    c = await cluster(chats);
  }, 60_000);
  afterAll(async () => {
    await c?.close();
    for (const s of stores) await s.close();
    await dropSchema(schema);
  });

  it('answers each interaction and each mention exactly once, though both sessions receive every one', async () => {
    const tally = await exercise(c, { commands: 60, autocompletes: 20, mentions: 20 });
    const split = c.replicas.map((r) => r.ran.length).join(' / ');
    console.info(
      `two-replica test: ${tally.answeredOnce} of ${tally.sent} answered once (${tally.answeredTwice} twice, ${tally.unanswered} unanswered); commands run per replica: ${split}`,
    );
    expect(tally).toEqual({ sent: 100, answeredOnce: 100, answeredTwice: 0, unanswered: 0 });
    // Each command ran on one replica only: the LLM would be paid once.
    const ran = c.replicas.flatMap((r) => r.ran);
    expect(ran).toHaveLength(60 + 20);
    expect(c.rest.find('POST', /\/callback$/).every((r) => r.status === 204)).toBe(true);
  });
});

describe('Discord gateway with two replicas that share no claims (the problem the claims solve)', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await cluster([memoryChatStore(), memoryChatStore()]);
  }, 60_000);
  afterAll(async () => {
    await c?.close();
  });

  it('answers every interaction twice, and Discord refuses the second answer', async () => {
    const tally = await exercise(c, { commands: 5, autocompletes: 0, mentions: 0 });
    expect(tally.answeredTwice).toBe(5);
    expect(c.rest.find('POST', /\/callback$/).filter((r) => r.status === 400)).toHaveLength(5);
    expect(c.replicas.every((r) => r.ran.length === 5)).toBe(true);
  });
});
