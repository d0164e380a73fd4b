/**
 * Talking to the bot without a slash command: messages that mention it, and DMs. Discord sends the
 * text of exactly these to a bot without the privileged Message Content intent. The text runs as
 * the command it names or as a question, and the answer is a reply to the message (in its thread,
 * when it was written in one), rendered like a slash command's answer.
 */
import { PermissionFlagsBits, Routes, type Client, type GatewayMessageCreateDispatchData } from 'discord.js';
import type { Logger } from 'pino';
import type { ChatStore } from '../../chat-store/chat-store.js';
import type { BotPort } from '../../core/bot.js';
import { chatCommand } from '../../core/chat-text.js';
import type { ChannelRef } from '../../core/invocation.js';
import type { Reply } from '../../core/reply.js';
import { restartingReply } from '../../in-flight.js';
import { toDeliveryError } from './delivery.js';
import { renderReply } from './render.js';
import { isDiscordAdmin } from './to-invocation.js';

export interface MessageContext {
  bot: BotPort;
  client: Client;
  chat: ChatStore;
  admins: readonly string[];
  logger: Logger;
  botUserId(): string;
  accepting(): boolean;
}

/** True for a message a person addressed to the bot: a DM, or one that mentions it. */
export function addressedToBot(m: GatewayMessageCreateDispatchData, botUserId: string): boolean {
  if (m.author.bot || m.webhook_id || m.author.id === botUserId) return false;
  return !m.guild_id || m.mentions.some((u) => u.id === botUserId);
}

/**
 * The conversation a message belongs to, for follow-ups: the DM, the thread it was written in, or
 * the bot's answer it replies to (each answer carries its conversation's topic on), else itself.
 */
export function threadOf(
  ctx: Pick<MessageContext, 'client'>,
  m: GatewayMessageCreateDispatchData,
  botUserId: string,
): string {
  if (!m.guild_id) return m.channel_id;
  if (ctx.client.channels.cache.get(m.channel_id)?.isThread()) return m.channel_id;
  if (m.referenced_message?.author.id === botUserId) return m.referenced_message.id;
  return m.id;
}

/**
 * Guild admin without the privileged member intents: the member's roles come with the message and
 * the guild's roles are cached from GUILD_CREATE (the Guilds intent), so Administrator or Manage
 * Server is checked the same way as for slash commands.
 */
function isAdmin(ctx: MessageContext, m: GatewayMessageCreateDispatchData): boolean {
  const guild = m.guild_id ? ctx.client.guilds.cache.get(m.guild_id) : undefined;
  if (!guild) return isDiscordAdmin(m.author.id, undefined, ctx.admins);
  if (guild.ownerId === m.author.id) return true;
  let bits = guild.roles.everyone?.permissions.bitfield ?? 0n;
  for (const id of m.member?.roles ?? []) bits |= guild.roles.cache.get(id)?.permissions.bitfield ?? 0n;
  if (bits & PermissionFlagsBits.Administrator) bits |= PermissionFlagsBits.ManageGuild;
  return isDiscordAdmin(m.author.id, bits, ctx.admins);
}

/** Answers one addressed message (already claimed by this replica). */
export async function answerMessage(ctx: MessageContext, m: GatewayMessageCreateDispatchData): Promise<void> {
  const botId = ctx.botUserId();
  const thread = threadOf(ctx, m, botId);
  const channel: ChannelRef = {
    platform: 'discord',
    id: m.channel_id,
    ...(m.guild_id ? { workspace: m.guild_id } : {}),
  };
  let reply: Reply;
  if (ctx.accepting()) {
    const text = m.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ');
    const { command, text: rest } = chatCommand(ctx.bot.commands, text);
    const user = { id: m.author.id, name: m.author.global_name ?? m.author.username, isAdmin: isAdmin(ctx, m) };
    reply = await ctx.bot.dispatchText({ platform: 'discord', command, user, channel, thread }, rest);
  } else {
    reply = restartingReply();
  }
  const sent = await postReplies(ctx, m, reply);
  // A reply to any part of the answer continues this conversation.
  for (const id of sent)
    await ctx.chat.threads
      .follow(channel, thread, id)
      .catch((err: unknown) => ctx.logger.warn({ err }, 'discord: could not carry the thread topic over'));
}

/** Posts every rendered message; the first replies to the asker's message without pinging them. */
async function postReplies(ctx: MessageContext, m: GatewayMessageCreateDispatchData, reply: Reply): Promise<string[]> {
  const ids: string[] = [];
  const messages = renderReply({ ...reply, visibility: 'channel' });
  try {
    for (const [i, body] of messages.entries()) {
      const withReference = i === 0 ? { message_reference: { message_id: m.id, fail_if_not_exists: false } } : {};
      const sent = (await ctx.client.rest.post(Routes.channelMessages(m.channel_id), {
        body: { ...body, ...withReference, allowed_mentions: { parse: [], replied_user: false } },
      })) as { id: string };
      ids.push(sent.id);
    }
  } catch (e) {
    const d = toDeliveryError(e, m.channel_id);
    ctx.logger.error({ code: d.code, channel: m.channel_id }, 'discord reply could not be delivered');
  }
  return ids;
}
