/**
 * Answering interactions inside Discord's windows: an initial response within 3 s (a reply, or a
 * deferral that counts), then edits and follow-ups within the 15-minute token. Answers are
 * ephemeral unless the reply asks for the channel; a "Share in channel" button reposts one visibly.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { BotPort } from '../../core/bot.js';
import type { Reply } from '../../core/reply.js';
import { LIMITS } from './limits.js';
import { escapeUntrusted } from './markdown.js';
import { renderReply, type DiscordMessage } from './render.js';
import { hardCut, truncate } from './split-text.js';
import { toInvocation } from './to-invocation.js';

export const SHARE_BUTTON_ID = 'briefbot:share';
/** A fast command that has not answered by now is deferred, leaving a margin under the 3 s limit. */
export const DEFER_AFTER_MS = 1500;
const NO_MENTIONS = { parse: [] as [] };

function shareRow(): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Share in channel', custom_id: SHARE_BUTTON_ID }],
  };
}

function payload(m: DiscordMessage, opts: { ephemeral: boolean; share: boolean }) {
  return {
    content: m.content ?? '',
    embeds: m.embeds,
    allowedMentions: NO_MENTIONS,
    components: opts.share ? [shareRow()] : [],
    ...(opts.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

/** Runs a slash command and delivers its reply, deferring when the work may outlast 3 s. */
export async function answerCommand(bot: BotPort, interaction: ChatInputCommandInteraction, admins: readonly string[], logger: Logger): Promise<void> {
  const invocation = toInvocation(interaction, admins);
  let deferred: Promise<unknown> | undefined;
  const defer = () => (deferred ??= interaction.deferReply({ flags: MessageFlags.Ephemeral }));
  // Commands declared slow defer at once (alongside the work); any other that lags is deferred
  // before the window closes. A failed deferral surfaces when deliver() awaits it.
  if (bot.mayBeSlow(invocation)) defer().catch(() => undefined);
  const timer = setTimeout(() => void defer().catch((e) => logger.warn({ err: e }, 'discord defer failed')), DEFER_AFTER_MS);
  let reply: Reply;
  try {
    reply = await bot.dispatch(invocation);
  } finally {
    clearTimeout(timer);
  }
  await deliver(interaction, reply, deferred);
}

async function deliver(interaction: ChatInputCommandInteraction, reply: Reply, deferred: Promise<unknown> | undefined): Promise<void> {
  const messages = renderReply(reply);
  const isError = Boolean(reply.errorCode);
  const visible = reply.visibility === 'channel' && !isError;
  const share = !visible && !isError;
  if (deferred) {
    await deferred;
    if (visible) {
      // The deferral was ephemeral; a reply meant for the channel goes out as visible follow-ups.
      await interaction.editReply({ content: 'Posted in the channel.', allowedMentions: NO_MENTIONS });
      for (const m of messages) await interaction.followUp(payload(m, { ephemeral: false, share: false }));
      return;
    }
    const [first, ...rest] = messages;
    const { flags: _ignored, ...edit } = payload(first, { ephemeral: true, share });
    await interaction.editReply(edit);
    for (const m of rest) await interaction.followUp(payload(m, { ephemeral: true, share }));
    return;
  }
  const [first, ...rest] = messages;
  await interaction.reply(payload(first, { ephemeral: !visible, share }));
  for (const m of rest) await interaction.followUp(payload(m, { ephemeral: !visible, share }));
}

/** Autocomplete: suggestions for the focused option, answered (possibly empty) within the window. */
export async function answerAutocomplete(bot: BotPort, interaction: AutocompleteInteraction, logger: Logger): Promise<void> {
  const focused = interaction.options.getFocused(true);
  let names: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    // The only autocompleted option is a person's name (/who name:); people come from the store.
    // Autocomplete cannot be deferred: past the margin, answer with no suggestions rather than none at all.
    const late = new Promise<string[]>((_, reject) => (timer = setTimeout(() => reject(new Error('autocomplete took too long')), DEFER_AFTER_MS)));
    names = await Promise.race([bot.services.cast.peopleNames(String(focused.value ?? ''), LIMITS.choices), late]);
  } catch (e) {
    logger.warn({ err: e, command: interaction.commandName }, 'discord autocomplete failed');
  } finally {
    clearTimeout(timer);
  }
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))].slice(0, LIMITS.choices);
  await interaction.respond(unique.map((n) => ({ name: truncate(n, LIMITS.choiceText), value: hardCut(n, LIMITS.choiceText) })));
}

/** "Share in channel": reposts the ephemeral message visibly, saying who shared it. */
export async function answerShare(interaction: ButtonInteraction): Promise<void> {
  const who = escapeUntrusted(interaction.member && 'displayName' in interaction.member ? interaction.member.displayName : (interaction.user.globalName ?? interaction.user.username));
  const original = interaction.message;
  const header = `Shared by ${who}`;
  const content = original.content ? truncate(`${header}:\n${original.content}`, LIMITS.content) : header;
  await interaction.reply({
    content,
    embeds: original.embeds.map((e) => e.toJSON()),
    allowedMentions: NO_MENTIONS,
    components: [],
  });
}
