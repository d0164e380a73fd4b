import type { AckFn, App, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { Invocation } from '../../core/invocation.js';
import type { Reply } from '../../core/reply.js';
import { restartingReply } from '../../in-flight.js';
import { tracked, type SlackContext } from './context.js';
import { decodeSlashText } from './mrkdwn.js';
import { renderReply, type SlackBlock, type SlackMessage } from './render.js';
import { SlashResponder } from './responder.js';
import type { WebClient } from './web-client.js';

/** The umbrella command: `/briefbot ask who leads?` runs `/ask who leads?`. */
export const UMBRELLA_COMMAND = 'briefbot';
export const SHARE_ACTION_ID = 'briefbot_share';

/** Registers `/name` for every command plus the umbrella `/briefbot <command> [text]`. */
export function registerSlashCommands(app: App, ctx: SlackContext): void {
  const names = new Set(ctx.bot.commands.map((c) => c.name));
  if (names.has(UMBRELLA_COMMAND))
    throw new Error(`a command may not be called "${UMBRELLA_COMMAND}": that is the Slack umbrella command`);
  for (const name of [...names, UMBRELLA_COMMAND]) {
    app.command(`/${name}`, ({ command, ack, respond, client }) =>
      tracked(ctx, 'slash command', () => handleSlash(ctx, client, command, ack, respond)),
    );
  }
}

async function handleSlash(
  ctx: SlackContext,
  client: WebClient,
  payload: SlashCommand,
  ack: AckFn<string | RespondArguments>,
  respond: RespondFn | undefined,
): Promise<void> {
  const { bot, logger } = ctx;
  const responder = new SlashResponder(
    respond,
    client,
    { channelId: payload.channel_id, userId: payload.user_id },
    logger,
  );
  const ackWith = (reply: Reply) => ack(payloadOf(renderReply(reply)[0], reply));
  if (!ctx.inFlight.accepting) {
    await ackWith(restartingReply());
    return;
  }
  const { base, text } = await toInvocation(ctx, payload);
  // Parsed inside the core's funnel, so a usage error is logged and counted like any other.
  const pending = bot.dispatchText(base, text);
  const early = bot.mayBeSlow({ command: base.command, subcommand: subcommandGuess(ctx, base.command, text) })
    ? undefined
    : await settleWithin(pending, ctx.ackBudgetMs);
  if (early) {
    const [first, ...rest] = await messagesFor(ctx, base, early.value);
    await ack(payloadOf(first, early.value));
    for (const m of rest) await responder.send(m, responseType(early.value));
    return;
  }
  // Slow path (the LLM, or a store that took too long): acknowledge now, answer through response_url.
  await ackWith(working(base.command));
  const reply = await pending;
  for (const m of await messagesFor(ctx, base, reply)) await responder.send(m, responseType(reply));
}

type BaseInvocation = Omit<Invocation, 'options' | 'subcommand'>;

/** The payload in neutral terms; the core parses the text (and reports usage errors) itself. */
async function toInvocation(ctx: SlackContext, p: SlashCommand): Promise<{ base: BaseInvocation; text: string }> {
  let command = p.command.replace(/^\//, '').toLowerCase();
  let text = decodeSlashText(p.text ?? '');
  if (command === UMBRELLA_COMMAND) {
    const m = /^\s*\/?(\S+)\s*([\s\S]*)$/.exec(text);
    command = m ? m[1].toLowerCase() : ctx.bot.commands.some((c) => c.name === 'help') ? 'help' : '';
    text = m ? m[2] : '';
  }
  const isAdmin = await ctx.workspaces.isAdmin(p.team_id, p.user_id);
  return {
    base: {
      platform: 'slack',
      command,
      user: { id: p.user_id, name: p.user_name, isAdmin },
      channel: { platform: 'slack', id: p.channel_id, workspace: p.team_id },
    },
    text,
  };
}

/** The first word, when the command has actions: enough to tell whether this one may be slow. */
function subcommandGuess(ctx: SlackContext, command: string, text: string): string | undefined {
  const cmd = ctx.bot.commands.find((c) => c.name === command);
  return cmd?.subcommands ? /^\s*(\S+)/.exec(text)?.[1].toLowerCase() : undefined;
}

function working(command: string): Reply {
  return { sections: [{ text: `Working on it… (/${command})` }], citations: [], visibility: 'ephemeral' };
}

/** Renders a reply; a private, successful one carries the "Share in channel" button. */
async function messagesFor(ctx: SlackContext, inv: BaseInvocation, reply: Reply): Promise<SlackMessage[]> {
  const shareable = reply.visibility === 'ephemeral' && !reply.errorCode;
  if (!shareable) return renderReply(reply);
  const id = await ctx.chat.shares
    .put({
      platform: 'slack',
      workspace: inv.channel.workspace,
      channelId: inv.channel.id,
      userId: inv.user.id,
      command: inv.command,
      reply,
    })
    .catch((err: unknown) => void ctx.logger.warn({ err }, 'slack: could not keep the answer for sharing'));
  return renderReply(reply, id ? { suffix: [shareButton(id)] } : {});
}

function shareButton(id: string): SlackBlock {
  return {
    type: 'actions',
    block_id: SHARE_ACTION_ID,
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share in channel', emoji: false },
        value: id,
      },
    ],
  };
}

function responseType(reply: Reply): 'ephemeral' | 'in_channel' {
  return reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
}

function payloadOf(m: SlackMessage, reply: Reply): RespondArguments {
  return { response_type: responseType(reply), text: m.text, blocks: m.blocks };
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
