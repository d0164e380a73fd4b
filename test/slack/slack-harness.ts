import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import type { BotPort } from '../../src/core/bot.js';
import { silentLogger } from '../../src/log.js';
import type { ContractHarness } from '../contract/adapter-contract.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import { postSigned, slashCommandBody } from '../fakes/slack-signing.js';
import { FakeSlackSocket } from '../fakes/slack-socket.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { slashPayload, until } from './slack-payloads.js';

const SECRET = 'contract-signing-secret';

/** What a Slack user reads: every text in the blocks, with Slack's entities decoded. */
export function visibleText(msg: { text?: unknown; blocks?: unknown }): string {
  const parts: string[] = [];
  for (const b of (msg.blocks as any[]) ?? []) {
    if (b.text?.text) parts.push(b.text.text);
    for (const el of b.elements ?? []) if (typeof el.text === 'string') parts.push(el.text);
  }
  if (!parts.length && typeof msg.text === 'string') parts.push(msg.text);
  return parts.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface SlackHarness extends ContractHarness {
  web: FakeSlackWebApi;
  invoke(command: string, text: string, opts?: { admin?: boolean; channel?: string }): Promise<string>;
}

/** The Slack door in HTTP mode, driven with signed slash commands over loopback. */
export async function slackHarness(bot: BotPort): Promise<SlackHarness> {
  const web = await FakeSlackWebApi.start();
  const urls = await FakeResponseUrls.start();
  const adapter = createSlackAdapter({
    botToken: 'xoxb-test-token',
    signingSecret: SECRET,
    apiUrl: web.url,
    port: 0,
    host: '127.0.0.1',
    admins: ['U0ADMIN'],
    logger: silentLogger(),
  });
  await adapter.start(bot);
  const events = `http://127.0.0.1:${adapter.port}/slack/events`;
  return harnessOver({
    adapter,
    web,
    urls,
    async deliver(payload) {
      const res = await postSigned(events, slashCommandBody(payload), { secret: SECRET });
      if (res.status !== 200) throw new Error(`slash command answered HTTP ${res.status}`);
      return JSON.parse(res.text) as { text?: string; blocks?: unknown };
    },
  });
}

/** The Slack door in Socket Mode, driven with slash_commands envelopes over a local WebSocket. */
export async function slackSocketHarness(bot: BotPort): Promise<SlackHarness> {
  const web = await FakeSlackWebApi.start();
  const socket = await FakeSlackSocket.start(web);
  const urls = await FakeResponseUrls.start();
  const adapter = createSlackAdapter({
    botToken: 'xoxb-test-token',
    appToken: 'xapp-test-token',
    apiUrl: web.url,
    admins: ['U0ADMIN'],
    logger: silentLogger(),
    socketPingTimeoutMs: 2000,
  });
  await adapter.start(bot);
  return harnessOver({
    adapter,
    web,
    urls,
    async deliver(payload) {
      const id = socket.send('slash_commands', payload);
      return (await socket.ackFor(id, 20_000)).payload ?? {};
    },
    closeTransport: () => socket.close(),
  });
}

interface Transport {
  adapter: SlackAdapter;
  web: FakeSlackWebApi;
  urls: FakeResponseUrls;
  /** Hands a slash command to the adapter the way this mode does; resolves with the ack. */
  deliver(payload: Record<string, string>): Promise<{ text?: unknown; blocks?: unknown }>;
  /** Closes what only this mode runs, before the fakes both modes share. */
  closeTransport?(): Promise<void>;
}

/**
 * Both modes answer alike once a command is delivered: a quick answer rides in the ack, a slow
 * one is acked with "Working on it" and arrives later on the command's response_url.
 */
function harnessOver({ adapter, web, urls, deliver, closeTransport }: Transport): SlackHarness {
  return {
    adapter,
    web,
    channel: { platform: 'slack', id: 'C0CONTRACT', workspace: 'T0FAKE' },
    async invoke(command, text, opts?: { admin?: boolean; channel?: string }) {
      const ru = urls.issue();
      const user = opts?.admin ? 'U0ADMIN' : 'U0ALICE';
      const ack = await deliver(slashPayload(command, text, { user, channel: opts?.channel, responseUrl: ru.url }));
      if (!/Working on it/.test(String(ack.text ?? ''))) return visibleText(ack);
      await until(() => urls.postsFor(ru.id).length > 0, 'answer on response_url', 20_000);
      return urls
        .postsFor(ru.id)
        .map((p) => visibleText(p.body))
        .join('\n');
    },
    async posted(channelId) {
      return web.postedTo(channelId).map((m) => visibleText(m));
    },
    async close() {
      await closeTransport?.();
      await urls.close();
      await web.close();
    },
  };
}
