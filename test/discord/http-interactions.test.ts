import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ask from '../../commands/ask.js';
import who from '../../commands/who.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { Bot } from '../../src/core/bot.js';
import { defineCommand } from '../../src/core/command.js';
import { textReply } from '../../src/core/reply.js';
import { RESTARTING_TEXT } from '../../src/in-flight.js';
import { silentLogger } from '../../src/log.js';
import { FakeDiscordGateway } from '../fakes/discord-gateway.js';
import { autocomplete, chatInput, makeGuild, makeUser, nextSnowflake } from '../fakes/discord-payloads.js';
import { FakeDiscordRest } from '../fakes/discord-rest.js';
import { discordKeyPair, postInteraction, type SignedInteractionOptions } from '../fakes/discord-signing.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import { postSigned, slashCommandBody } from '../fakes/slack-signing.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { slashPayload } from '../slack/slack-payloads.js';
import { fakeToken, visibleText } from './discord-harness.js';
import { fixtureServices } from './fixture-services.js';

const keys = discordKeyPair();
const guild = makeGuild();
const member = makeUser('reporter');

/** A command not declared slow that takes longer than the deferral margin. */
const lag = defineCommand({
  name: 'lag',
  description: 'Takes a while',
  options: {},
  run: () => new Promise((resolve) => setTimeout(() => resolve(textReply('done after a wait')), 2_000)),
});

/** Autocomplete comes from the option's own declaration, whatever the option is about. */
const desk = defineCommand({
  name: 'desk',
  description: 'Pick a news desk',
  options: {
    name: {
      type: 'string',
      description: 'Desk',
      autocomplete: async (prefix) =>
        ['Foreign', 'Finance', 'Sport'].filter((d) => d.toLowerCase().startsWith(prefix.toLowerCase())),
    },
  },
  run: async ({ options }) => textReply(`Desk ${options.name ?? 'none'}.`),
});

interface Setup {
  rest: FakeDiscordRest;
  gateway: FakeDiscordGateway;
  adapter: DiscordAdapter;
  appId: string;
  url: string;
  dispatched: string[];
}

async function setup(opts: { llm?: boolean } = {}): Promise<Setup> {
  const appId = nextSnowflake();
  const token = fakeToken(appId);
  const rest = await new FakeDiscordRest(token, appId).start();
  const gateway = await new FakeDiscordGateway({ token, appId, botUser: rest.botUser, guilds: [guild] }).start();
  rest.gatewayUrl = gateway.url;
  const bot = new Bot([ask, who, lag, desk], fixtureServices({ llm: opts.llm }));
  const dispatched: string[] = [];
  bot.observe((e) => dispatched.push(e.invocation.command));
  const adapter = createDiscordAdapter({
    token,
    appId,
    apiUrl: rest.apiUrl,
    admins: [],
    logger: silentLogger(),
    mode: 'http',
    publicKey: keys.publicKeyHex,
    http: { port: 0, host: '127.0.0.1' },
  });
  await adapter.start(bot);
  return { rest, gateway, adapter, appId, url: `http://127.0.0.1:${adapter.port}/discord/interactions`, dispatched };
}

/** Discord's side: POST the signed interaction and record the HTTP response as its initial response. */
async function deliver(s: Setup, payload: { id: string; token: string }, o: Partial<SignedInteractionOptions> = {}) {
  const record = s.rest.expectHttpResponse(payload);
  const res = await postInteraction(s.url, payload, { privateKey: keys.privateKey, ...o });
  if (res.status === 200) record(res.json);
  return res;
}

const ping = (appId: string) => ({
  id: nextSnowflake(),
  application_id: appId,
  type: 1,
  token: `tok-${nextSnowflake()}`,
  version: 1,
});

describe('Discord over HTTP interactions (DISCORD_MODE=http)', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });
  afterAll(async () => {
    await s?.adapter.stop();
    await s?.gateway.close();
    await s?.rest.close();
  });

  it('opens no gateway connection', () => {
    expect(s.gateway.count('connect')).toBe(0);
    expect(s.rest.find('GET', /^\/gateway\/bot$/)).toHaveLength(0);
    expect(s.adapter.isConnected()).toBe(true);
  });

  it('answers PING with PONG', async () => {
    const res = await deliver(s, ping(s.appId));
    expect(res).toEqual({ status: 200, json: { type: 1 } });
  });

  const other = discordKeyPair();
  const refusals: [string, Partial<SignedInteractionOptions>][] = [
    ['a signature made with another key', { privateKey: other.privateKey }],
    ['a malformed signature', { signature: 'abc123' }],
    ['a missing signature', { omitSignature: true }],
    ['a missing timestamp', { omitTimestamp: true }],
    ['a timestamp from ten minutes ago', { timestampSec: Math.floor(Date.now() / 1000) - 600 }],
    ['a body changed after signing', { signedBody: JSON.stringify({ type: 1 }) }],
  ];
  it.each(refusals)('refuses %s with 401 and runs nothing', async (_name, o) => {
    const before = s.dispatched.length;
    const res = await deliver(
      s,
      chatInput(s.appId, guild, member, 'ask', { question: 'What will replace the Merida Initiative?' }),
      o,
    );
    expect(res.status).toBe(401);
    expect(s.dispatched.length).toBe(before);
  });

  it('answers a fast command in the HTTP response (type 4), cited, ephemeral, pinging no one', async () => {
    const res = await deliver(
      s,
      chatInput(s.appId, guild, member, 'ask', { question: 'What will replace the Merida Initiative?' }),
    );
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & 64).toBe(64);
    expect(res.json.data.allowed_mentions).toEqual({ parse: [] });
    expect(visibleText(res.json.data)).toContain('Bicentennial Framework');
  });

  it('defers a slow command (type 5) and then edits the answer in through the interaction webhook', async () => {
    const p = chatInput(s.appId, guild, member, 'lag');
    const res = await deliver(s, p);
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await s.rest.waitForRequest(
      (r) => r.method === 'PATCH' && r.path === `/webhooks/${s.appId}/${p.token}/messages/@original`,
    );
    expect(edit.status).toBe(200);
    expect(edit.body.content).toBe('done after a wait');
    expect(edit.authorization).toBeUndefined();
  });

  it("answers autocomplete from the option's declaration (type 8)", async () => {
    const res = await deliver(s, autocomplete(s.appId, guild, member, 'desk', { name: 'f' }, 'name'));
    expect(res.json).toEqual({
      type: 8,
      data: {
        choices: [
          { name: 'Foreign', value: 'Foreign' },
          { name: 'Finance', value: 'Finance' },
        ],
      },
    });
    const people = await deliver(s, autocomplete(s.appId, guild, member, 'who', { name: 'mar' }, 'name'));
    expect(people.json.data.choices).toEqual([{ name: 'Marcelo Ebrard', value: 'Marcelo Ebrard' }]);
  });
});

describe('Discord HTTP interactions with the LLM path on', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup({ llm: true });
  });
  afterAll(async () => {
    await s?.gateway.close();
    await s?.rest.close();
  });

  it('defers a command declared slow at once, and follows up', async () => {
    const p = chatInput(s.appId, guild, member, 'ask', { question: 'What will replace the Merida Initiative?' });
    const res = await deliver(s, p);
    expect(res.json.type).toBe(5);
    const edit = await s.rest.waitForRequest(
      (r) => r.method === 'PATCH' && r.path === `/webhooks/${s.appId}/${p.token}/messages/@original`,
    );
    expect(visibleText(edit.body)).toContain('Bicentennial Framework');
  });

  it('while stopping, finishes the answer it owes and tells new askers it is restarting, in the one wording', async () => {
    const owed = chatInput(s.appId, guild, member, 'lag');
    expect((await deliver(s, owed)).json.type).toBe(5);
    const stopping = s.adapter.stop();
    const late = await deliver(s, chatInput(s.appId, guild, member, 'ask', { question: 'anything' }));
    expect(late.json.type).toBe(4);
    expect(late.json.data.content).toBe(RESTARTING_TEXT);
    await stopping;
    expect(
      s.rest
        .find('PATCH', new RegExp(`/webhooks/${s.appId}/${owed.token}/messages/@original$`))
        .map((r) => r.body.content),
    ).toEqual(['done after a wait']);
  });
});

describe('Discord interactions beside Slack on one port (Bolt HTTPReceiver custom route)', () => {
  let rest: FakeDiscordRest;
  let web: FakeSlackWebApi;
  let urls: FakeResponseUrls;
  let discord: DiscordAdapter;
  let slack: SlackAdapter;

  beforeAll(async () => {
    const appId = nextSnowflake();
    const token = fakeToken(appId);
    rest = await new FakeDiscordRest(token, appId).start();
    web = await FakeSlackWebApi.start();
    urls = await FakeResponseUrls.start();
    const bot = new Bot([ask], fixtureServices());
    discord = createDiscordAdapter({
      token,
      appId,
      apiUrl: rest.apiUrl,
      admins: [],
      logger: silentLogger(),
      mode: 'http',
      publicKey: keys.publicKeyHex,
      http: 'shared',
    });
    slack = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: 'shared-port-secret',
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: [],
      logger: silentLogger(),
      routes: [discord.interactionsRoute],
    });
    await slack.start(bot);
    await discord.start(bot);
  });
  afterAll(async () => {
    await discord?.stop();
    await slack?.stop();
    await urls?.close();
    await web?.close();
    await rest?.close();
  });

  it('serves POST /discord/interactions and /slack/events on the same PORT', async () => {
    expect(discord.port).toBeUndefined();
    const base = `http://127.0.0.1:${slack.port}`;
    const pong = await postInteraction(`${base}/discord/interactions`, ping(nextSnowflake()), {
      privateKey: keys.privateKey,
    });
    expect(pong).toEqual({ status: 200, json: { type: 1 } });
    const bad = await postInteraction(`${base}/discord/interactions`, ping(nextSnowflake()), {
      privateKey: discordKeyPair().privateKey,
    });
    expect(bad.status).toBe(401);
    const slash = await postSigned(
      `${base}/slack/events`,
      slashCommandBody(
        slashPayload('ask', 'What will replace the Merida Initiative?', { responseUrl: urls.issue().url }),
      ),
      { secret: 'shared-port-secret' },
    );
    expect(slash.status).toBe(200);
    expect(JSON.parse(slash.text).text).toContain('Bicentennial Framework');
  });
});
