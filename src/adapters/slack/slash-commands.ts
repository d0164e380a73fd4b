import type { AckFn, App, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { Logger } from 'pino';
import type { BotPort } from '../../core/bot.js';
import { isUserError } from '../../core/errors.js';
import type { Invocation } from '../../core/invocation.js';
import { textReply, type Reply } from '../../core/reply.js';
import { decodeSlashText } from './mrkdwn.js';
import { renderReply, type SlackBlock, type SlackMessage } from './render.js';
import { SlashResponder } from './responder.js';
import type { ShareCache } from './share-cache.js';
import type { WebClient } from './web-client.js';

/** The umbrella command: `/briefbot ask who leads?` runs `/ask who leads?`. */
export const UMBRELLA_COMMAND = 'briefbot';
export const SHARE_ACTION_ID = 'briefbot_share';

export interface SlashContext {
  bot: BotPort;
  client: WebClient;
  admins: readonly string[];
  logger: Logger;
  shares: ShareCache;
  ackBudgetMs: number;
  /** Registers in-flight work so stop() can wait for it. */
  track(work: Promise<unknown>): void;
  isStopping(): boolean;
}

/** Registers `/name` for every command plus the umbrella `/briefbot <command> [text]`. */
export function registerSlashCommands(app: App, ctx: SlashContext): void {
  const names = new Set(ctx.bot.commands.map((c) => c.name));
  if (names.has(UMBRELLA_COMMAND)) throw new Error(`a command may not be called "${UMBRELLA_COMMAND}": that is the Slack umbrella command`);
  for (const name of [...names, UMBRELLA_COMMAND]) {
    app.command(`/${name}`, async ({ command, ack, respond }) => {
      const work = handleSlash(ctx, command, ack, respond);
      ctx.track(work);
      await work;
    });
  }
}

async function handleSlash(ctx: SlashContext, payload: SlashCommand, ack: AckFn<string | RespondArguments>, respond: RespondFn | undefined): Promise<void> {
  const { bot, logger } = ctx;
  const responder = new SlashResponder(respond, ctx.client, { channelId: payload.channel_id, userId: payload.user_id }, logger);
  if (ctx.isStopping()) {
    await ack(ephemeral('briefbot is restarting. Please try again in a minute.'));
    return;
  }
  let inv: Invocation;
  try {
    inv = toInvocation(ctx, payload);
  } catch (e) {
    if (!isUserError(e)) throw e;
    await ack(ephemeral(e.message));
    return;
  }
  const pending = bot.dispatch(inv);
  const early = bot.mayBeSlow(inv) ? undefined : await settleWithin(pending, ctx.ackBudgetMs);
  if (early) {
    const [first, ...rest] = messagesFor(ctx, inv, early.value);
    await ack(payloadOf(first, early.value));
    for (const m of rest) await responder.send(m, responseType(early.value));
    return;
  }
  // Slow path (the LLM, or a store that took too long): acknowledge now, answer through response_url.
  await ack(ephemeral(`Working on it… (/${inv.command}${inv.subcommand ? ` ${inv.subcommand}` : ''})`));
  const reply = await pending;
  for (const m of messagesFor(ctx, inv, reply)) await responder.send(m, responseType(reply));
}

/** Turns the payload into an invocation; the core parses the text and raises usage errors. */
function toInvocation(ctx: SlashContext, p: SlashCommand): Invocation {
  let command = p.command.replace(/^\//, '').toLowerCase();
  let text = decodeSlashText(p.text ?? '');
  if (command === UMBRELLA_COMMAND) {
    const m = /^\s*\/?(\S+)\s*([\s\S]*)$/.exec(text);
    command = m ? m[1].toLowerCase() : ctx.bot.commands.some((c) => c.name === 'help') ? 'help' : '';
    text = m ? m[2] : '';
  }
  const { subcommand, options } = ctx.bot.parseText(command, text);
  return {
    platform: 'slack',
    command,
    subcommand,
    options,
    user: { id: p.user_id, name: p.user_name, isAdmin: ctx.admins.includes(p.user_id) },
    channel: { platform: 'slack', id: p.channel_id, workspace: p.team_id },
  };
}

/** Renders a reply; a private, successful one carries the "Share in channel" button. */
function messagesFor(ctx: SlashContext, inv: Invocation, reply: Reply): SlackMessage[] {
  const shareable = reply.visibility === 'ephemeral' && !reply.errorCode;
  if (!shareable) return renderReply(reply);
  const id = ctx.shares.put({ reply, command: inv.command, userId: inv.user.id, channelId: inv.channel.id });
  return renderReply(reply, { suffix: [shareButton(id)] });
}

function shareButton(id: string): SlackBlock {
  return {
    type: 'actions',
    block_id: SHARE_ACTION_ID,
    elements: [{ type: 'button', action_id: SHARE_ACTION_ID, text: { type: 'plain_text', text: 'Share in channel', emoji: false }, value: id }],
  };
}

function responseType(reply: Reply): 'ephemeral' | 'in_channel' {
  return reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
}

function payloadOf(m: SlackMessage, reply: Reply): RespondArguments {
  return { response_type: responseType(reply), text: m.text, blocks: m.blocks };
}

function ephemeral(text: string): RespondArguments {
  const [m] = renderReply(textReply(text));
  return { response_type: 'ephemeral', text: m.text, blocks: m.blocks };
}

/** The promise's value if it settles within `ms`, else undefined (the promise keeps running). */
async function settleWithin<T>(p: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((r) => {
    timer = setTimeout(() => r(undefined), ms);
  });
  try {
    return await Promise.race([p.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
