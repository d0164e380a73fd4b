import type { App } from '@slack/bolt';
import { claimOrAnswerAnyway } from '../../chat-store/chat-store.js';
import { chatCommand } from '../../core/chat-text.js';
import type { Reply } from '../../core/reply.js';
import { restartingReply } from '../../in-flight.js';
import { tracked, type SlackContext } from './context.js';
import { decodeSlashText } from './mrkdwn.js';
import { renderReply } from './render.js';
import { toDeliveryError, withRateLimit, type WebClient } from './web-client.js';

/** A message addressed to the bot: an @mention in a channel, or anything in a DM with it. */
interface Addressed {
  eventId?: string;
  team?: string;
  channel: string;
  user: string;
  text: string;
  ts: string;
  threadTs?: string;
  botUserId?: string;
}

/**
 * Talking to the bot without a slash command: `app_mention` in channels and `message.im` in DMs.
 * The text runs as the command it names, or as a question; the answer goes into a thread under the
 * message, rendered exactly like a slash command's. A follow-up in that thread is a conversation.
 */
export function registerConversations(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    if (!event.user || event.bot_id) return;
    const e: Addressed = {
      eventId: body.event_id,
      team: teamOf(body, event),
      channel: event.channel,
      user: event.user,
      text: event.text,
      ts: event.ts,
      threadTs: event.thread_ts,
      botUserId: context.botUserId,
    };
    await tracked(ctx, 'mention', () => converse(ctx, client, e));
  });
  app.event('message', async ({ event, body, client, context }) => {
    // DMs only (channel messages arrive as app_mention), and only what a person wrote: edits,
    // joins and bot posts carry a subtype or a bot id.
    if (
      event.channel_type !== 'im' ||
      ('subtype' in event && event.subtype) ||
      !('user' in event) ||
      !event.user ||
      ('bot_id' in event && event.bot_id)
    )
      return;
    const e: Addressed = {
      eventId: body.event_id,
      team: teamOf(body, event),
      channel: event.channel,
      user: event.user,
      text: event.text ?? '',
      ts: event.ts,
      threadTs: 'thread_ts' in event ? event.thread_ts : undefined,
      botUserId: context.botUserId,
    };
    await tracked(ctx, 'direct message', () => converse(ctx, client, e));
  });
}

function teamOf(body: { team_id?: string }, event: { team?: string }): string | undefined {
  return body.team_id ?? event.team;
}

async function converse(ctx: SlackContext, client: WebClient, e: Addressed): Promise<void> {
  // Slack retries an event it thinks went unanswered, and with several replicas the retry may
  // reach another one: the first to claim the event id answers it.
  if (e.eventId && !(await claimEvent(ctx, e.eventId))) return;
  const thread = e.threadTs ?? e.ts;
  const reply = ctx.inFlight.accepting ? await dispatch(ctx, e, thread) : restartingReply();
  await postInThread(ctx, client, e.channel, thread, reply);
}

function claimEvent(ctx: SlackContext, eventId: string): Promise<boolean> {
  const key = `slack:event:${eventId}`;
  return claimOrAnswerAnyway(ctx.chat.claims, key, (err) =>
    ctx.logger.warn({ err, key }, 'slack: could not claim the event; answering anyway'),
  );
}

async function dispatch(ctx: SlackContext, e: Addressed, thread: string): Promise<Reply> {
  const mention = e.botUserId ? new RegExp(`<@${e.botUserId}(?:\\|[^>]*)?>`, 'g') : undefined;
  const text = decodeSlashText(mention ? e.text.replace(mention, ' ') : e.text);
  const { command, text: rest } = chatCommand(ctx.bot.commands, text);
  const isAdmin = await ctx.workspaces.isAdmin(e.team, e.user);
  return ctx.bot.dispatchText(
    {
      platform: 'slack',
      command,
      user: { id: e.user, isAdmin },
      channel: { platform: 'slack', id: e.channel, workspace: e.team },
      thread,
    },
    rest,
  );
}

/** Every rendered message, in order, in the thread (a reply meant to be private is still in the asker's thread). */
async function postInThread(
  ctx: SlackContext,
  client: WebClient,
  channel: string,
  thread: string,
  reply: Reply,
): Promise<void> {
  try {
    for (const m of renderReply({ ...reply, visibility: 'channel' })) {
      await withRateLimit(() =>
        client.chat.postMessage({
          channel,
          thread_ts: thread,
          text: m.text,
          blocks: m.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
    }
  } catch (e) {
    const d = toDeliveryError(e);
    ctx.logger.error({ code: d.code, channel }, 'slack thread reply could not be delivered');
  }
}
