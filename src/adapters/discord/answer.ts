/**
 * Answering interactions inside Discord's windows: an initial response within 3 s (a reply, or a
 * deferral that counts), then edits and follow-ups within the 15-minute token. Answers are
 * ephemeral unless the reply asks for the channel; a "Share in channel" button reposts one visibly.
 * The same code answers interactions from the gateway and over HTTP; only the responder differs.
 */
import {
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIActionRowComponent,
  type APIApplicationCommandAutocompleteInteraction,
  type APIButtonComponent,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { resolveTarget } from '../../core/command.js';
import type { BotPort } from '../../core/bot.js';
import type { Reply } from '../../core/reply.js';
import { restartingReply } from '../../in-flight.js';
import { LIMITS } from './limits.js';
import { escapeUntrusted } from './markdown.js';
import { renderReply, type DiscordMessage } from './render.js';
import type { InteractionResponder } from './responder.js';
import { hardCut, truncate } from './split-text.js';
import { displayName, interactionUser, targetOptions, toInvocation } from './to-invocation.js';

export const SHARE_BUTTON_ID = 'briefbot:share';
/** A fast command that has not answered by now is deferred, leaving a margin under the 3 s limit. */
export const DEFER_AFTER_MS = 1500;
const NO_MENTIONS = { parse: [] as [] };

export interface AnswerContext {
  bot: BotPort;
  admins: readonly string[];
  logger: Logger;
}

function shareRow(): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Share in channel',
        custom_id: SHARE_BUTTON_ID,
      },
    ],
  };
}

function payload(m: DiscordMessage, opts: { ephemeral: boolean; share: boolean }) {
  return {
    content: m.content ?? '',
    embeds: m.embeds,
    allowed_mentions: NO_MENTIONS,
    components: opts.share ? [shareRow()] : [],
    ...(opts.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * Answers one interaction of any kind we handle. Unexpected failures are logged and, if nothing
 * was sent yet, the person gets a short apology rather than "The application did not respond".
 * `accepting` false (shutdown) turns new work away with the one "restarting" reply.
 */
export async function answerInteraction(
  ctx: AnswerContext,
  i: APIInteraction,
  respond: InteractionResponder,
  accepting = true,
): Promise<void> {
  try {
    if (i.type === InteractionType.Ping) await respond.initial({ type: InteractionResponseType.Pong });
    else if (i.type === InteractionType.ApplicationCommandAutocomplete)
      await answerAutocomplete(ctx, i, respond, accepting);
    else if (!accepting)
      await respond.initial({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: payload(renderReply(restartingReply())[0], { ephemeral: true, share: false }),
      });
    else if (i.type === InteractionType.ApplicationCommand && i.data.type === 1)
      await answerCommand(ctx, i as APIChatInputApplicationCommandInteraction, respond);
    else if (i.type === InteractionType.MessageComponent && i.data.custom_id === SHARE_BUTTON_ID)
      await answerShare(i, respond);
  } catch (e) {
    ctx.logger.error({ err: e, interaction: i.id, type: i.type }, 'discord interaction failed');
    if (!respond.answered && i.type !== InteractionType.Ping) {
      const data = {
        content: 'Sorry, that failed unexpectedly. The error has been logged.',
        flags: MessageFlags.Ephemeral,
        allowed_mentions: NO_MENTIONS,
      };
      await respond.initial({ type: InteractionResponseType.ChannelMessageWithSource, data }).catch(() => undefined);
    }
  }
}

/** Runs a slash command and delivers its reply, deferring when the work may outlast 3 s. */
export async function answerCommand(
  ctx: AnswerContext,
  i: APIChatInputApplicationCommandInteraction,
  respond: InteractionResponder,
): Promise<void> {
  const invocation = toInvocation(i, ctx.admins);
  let deferred: Promise<unknown> | undefined;
  const defer = () =>
    (deferred ??= respond.initial({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    }));
  // Commands declared slow defer at once (alongside the work); any other that lags is deferred
  // before the window closes. A failed deferral surfaces when deliver() awaits it.
  if (ctx.bot.mayBeSlow(invocation)) defer().catch(() => undefined);
  const timer = setTimeout(
    () => void defer().catch((e) => ctx.logger.warn({ err: e }, 'discord defer failed')),
    DEFER_AFTER_MS,
  );
  let reply: Reply;
  try {
    reply = await ctx.bot.dispatch(invocation);
  } finally {
    clearTimeout(timer);
  }
  await deliver(respond, reply, deferred);
}

async function deliver(
  respond: InteractionResponder,
  reply: Reply,
  deferred: Promise<unknown> | undefined,
): Promise<void> {
  const messages = renderReply(reply);
  const isError = Boolean(reply.errorCode);
  const visible = reply.visibility === 'channel' && !isError;
  const share = !visible && !isError;
  const [first, ...rest] = messages;
  if (deferred) {
    await deferred;
    if (visible) {
      // The deferral was ephemeral; a reply meant for the channel goes out as visible follow-ups.
      await respond.editOriginal({ content: 'Posted in the channel.', allowed_mentions: NO_MENTIONS });
      for (const m of messages) await respond.followUp(payload(m, { ephemeral: false, share: false }));
      return;
    }
    const { flags: _ignored, ...edit } = payload(first, { ephemeral: true, share });
    await respond.editOriginal(edit);
    for (const m of rest) await respond.followUp(payload(m, { ephemeral: true, share }));
    return;
  }
  await respond.initial({
    type: InteractionResponseType.ChannelMessageWithSource,
    data: payload(first, { ephemeral: !visible, share }),
  });
  for (const m of rest) await respond.followUp(payload(m, { ephemeral: !visible, share }));
}

/**
 * Autocomplete: suggestions from the focused option's own `autocomplete` declaration, answered
 * (possibly empty) within the window. Autocomplete cannot be deferred: past the margin, or while
 * shutting down, the answer is an empty list rather than none at all.
 */
export async function answerAutocomplete(
  ctx: AnswerContext,
  i: APIApplicationCommandAutocompleteInteraction,
  respond: InteractionResponder,
  accepting = true,
): Promise<void> {
  const { sub, options } = targetOptions(i.data.options);
  const focused = options.find((o) => 'focused' in o && o.focused);
  const cmd = ctx.bot.commands.find((c) => c.name === i.data.name);
  const spec = cmd && focused ? resolveTarget(cmd, sub)?.options[focused.name] : undefined;
  let names: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  if (accepting && focused && spec?.type === 'string' && spec.autocomplete) {
    try {
      const late = new Promise<string[]>(
        (_, reject) => (timer = setTimeout(() => reject(new Error('autocomplete took too long')), DEFER_AFTER_MS)),
      );
      names = await Promise.race([
        spec.autocomplete(String('value' in focused ? focused.value : ''), ctx.bot.services),
        late,
      ]);
    } catch (e) {
      ctx.logger.warn({ err: e, command: i.data.name }, 'discord autocomplete failed');
    } finally {
      clearTimeout(timer);
    }
  }
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))].slice(0, LIMITS.choices);
  const choices = unique.map((n) => ({ name: truncate(n, LIMITS.choiceText), value: hardCut(n, LIMITS.choiceText) }));
  await respond.initial({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
}

/** "Share in channel": reposts the ephemeral message (carried in the interaction) visibly, saying who shared it. */
export async function answerShare(i: APIMessageComponentInteraction, respond: InteractionResponder): Promise<void> {
  const who = escapeUntrusted(displayName(interactionUser(i), i.member?.nick));
  const original = i.message;
  const header = `Shared by ${who}`;
  const content = original.content ? truncate(`${header}:\n${original.content}`, LIMITS.content) : header;
  await respond.initial({
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, embeds: original.embeds, allowed_mentions: NO_MENTIONS, components: [] },
  });
}
