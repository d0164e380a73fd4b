/**
 * The real Discord adapter (a real discord.js Client) connected to the local REST + gateway
 * stand-ins, with helpers to dispatch interactions and collect what the bot sent back.
 */
import type { ChatStore } from '../../src/chat-store/chat-store.js';
import type { BotPort } from '../../src/core/bot.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { silentLogger } from '../../src/log.js';
import { FakeDiscordGateway } from '../fakes/discord-gateway.js';
import {
  autocomplete,
  chatInput,
  makeGuild,
  makeUser,
  nextSnowflake,
  PERMS,
  type FakeGuild,
  type FakeUser,
  type OptionValue,
} from '../fakes/discord-payloads.js';
import { FakeDiscordRest, type RecordedRequest } from '../fakes/discord-rest.js';

/** A token of the real shape: base64url(bot id).timestamp.hmac — random, meaningless. */
export function fakeToken(appId: string): string {
  const rand = (n: number) =>
    Buffer.from(Array.from({ length: n }, () => Math.floor(Math.random() * 256))).toString('base64url');
  return `${Buffer.from(appId).toString('base64url')}.${rand(4)}.${rand(28)}`;
}

export interface Answer {
  /** The interaction callback (type 4 reply, 5 deferral, 8 autocomplete). */
  callback: RecordedRequest;
  /** Edits of the original response, in order. */
  edits: RecordedRequest[];
  /** Follow-up messages, in order. */
  followUps: RecordedRequest[];
  /** Every message body the user got, in order (callback data, edits, follow-ups). */
  bodies: any[];
}

export interface DiscordHarness {
  rest: FakeDiscordRest;
  gateway: FakeDiscordGateway;
  adapter: DiscordAdapter;
  guild: FakeGuild;
  appId: string;
  token: string;
  member: FakeUser;
  admin: FakeUser;
  /** Dispatches INTERACTION_CREATE and waits until the bot has finished answering it. */
  interact(payload: { id: string; token: string }): Promise<Answer>;
  command(
    name: string,
    values?: Record<string, OptionValue>,
    opts?: { user?: FakeUser; sub?: string },
  ): Promise<Answer>;
  autocomplete(name: string, values: Record<string, OptionValue>, focused: string): Promise<Answer>;
  close(): Promise<void>;
}

export async function startDiscordHarness(
  bot: BotPort,
  opts: { admins?: string[]; heartbeatIntervalMs?: number; restTimeoutMs?: number; chat?: ChatStore } = {},
): Promise<DiscordHarness> {
  const appId = nextSnowflake();
  const token = fakeToken(appId);
  const guild = makeGuild();
  const rest = await new FakeDiscordRest(token, appId).start();
  const gateway = await new FakeDiscordGateway({
    token,
    appId,
    botUser: rest.botUser,
    guilds: [guild],
    heartbeatIntervalMs: opts.heartbeatIntervalMs,
  }).start();
  rest.gatewayUrl = gateway.url;
  const adapter = createDiscordAdapter({
    token,
    appId,
    apiUrl: rest.apiUrl,
    admins: opts.admins ?? [],
    logger: silentLogger(),
    restTimeoutMs: opts.restTimeoutMs ?? 5_000,
    chat: opts.chat,
  });
  await adapter.start(bot);
  const member = makeUser('reporter');
  const admin = makeUser('editor', PERMS.member | PERMS.administrator);

  async function interact(payload: { id: string; token: string }): Promise<Answer> {
    gateway.dispatch('INTERACTION_CREATE', payload);
    const callback = await rest.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/interactions/${payload.id}/${payload.token}/callback`,
    );
    await adapter.settled();
    const edits = rest.find('PATCH', new RegExp(`^/webhooks/${appId}/${payload.token}/messages/`));
    const followUps = rest.find('POST', new RegExp(`^/webhooks/${appId}/${payload.token}$`));
    const first = callback.body?.type === 4 ? [callback.body.data] : [];
    return {
      callback,
      edits,
      followUps,
      bodies: [...first, ...edits.map((e) => e.body), ...followUps.map((f) => f.body)],
    };
  }

  return {
    rest,
    gateway,
    adapter,
    guild,
    appId,
    token,
    member,
    admin,
    interact,
    command: (name, values = {}, o = {}) => interact(chatInput(appId, guild, o.user ?? member, name, values, o.sub)),
    autocomplete: (name, values, focused) => interact(autocomplete(appId, guild, member, name, values, focused)),
    async close() {
      await adapter.stop();
      await gateway.close();
      await rest.close();
    },
  };
}

/** What a reader sees: Discord shows a backslash-escaped punctuation character as the character itself. */
export function visibleText(body: any): string {
  return rawText(body).replace(/\\([^0-9A-Za-z\s])/g, '$1');
}

/** The text of a message body as sent: content, embed titles, descriptions, fields, footers. */
export function rawText(body: any): string {
  const parts: string[] = [body?.content ?? ''];
  for (const e of body?.embeds ?? []) {
    parts.push(
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]),
      e.footer?.text ?? '',
    );
  }
  return parts.filter(Boolean).join('\n');
}
