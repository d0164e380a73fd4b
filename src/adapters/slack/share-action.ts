import type { App, BlockButtonAction } from '@slack/bolt';
import { tracked, type SlackContext } from './context.js';
import { renderReply, type SlackBlock } from './render.js';
import { SHARE_ACTION_ID } from './slash-commands.js';
import { toDeliveryError, withRateLimit, type WebClient } from './web-client.js';

/**
 * Handles the "Share in channel" button: reposts the private reply visibly, saying who shared it.
 * The answer is read from the store, so a click after a restart, or one that reaches another
 * replica, still works; marking it shared there makes a double click post once.
 */
export function registerShareAction(app: App, ctx: SlackContext): void {
  app.action<BlockButtonAction>(SHARE_ACTION_ID, async ({ ack, body, action, respond, client }) => {
    await ack();
    const tell = (text: string, replace: boolean) =>
      respond({ response_type: 'ephemeral', replace_original: replace, text });
    await tracked(ctx, 'share', () => share(ctx, client, body, action.value ?? '', tell));
  });
}

async function share(
  ctx: SlackContext,
  client: WebClient,
  body: BlockButtonAction,
  id: string,
  tell: (text: string, replace: boolean) => Promise<unknown>,
): Promise<void> {
  const entry = await ctx.chat.shares.get(id);
  const userId = body.user.id;
  const channelId = body.channel?.id ?? entry?.channelId;
  const say = (text: string, replace = false) =>
    tell(text, replace).catch((e) => ctx.logger.warn({ err: (e as Error).message }, 'slack share notice failed'));
  // An answer from another workspace is as good as expired here.
  if (!entry || !channelId || (entry.workspace && body.team?.id && entry.workspace !== body.team.id)) {
    await say('That answer has expired. Run the command again to share it.');
    return;
  }
  if (entry.userId !== userId) {
    await say('Only the person who asked can share this answer.');
    return;
  }
  if (!(await ctx.chat.shares.claim(id))) {
    await say('Already shared in the channel.');
    return;
  }
  const mention = /^[A-Z0-9]+$/.test(userId) ? `<@${userId}>` : 'someone';
  const prefix: SlackBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by ${mention} from /${entry.command}` }] },
  ];
  try {
    for (const m of renderReply({ ...entry.reply, visibility: 'channel' }, { prefix })) {
      await withRateLimit(() =>
        client.chat.postMessage({
          channel: channelId,
          text: m.text,
          blocks: m.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
    }
    await say('Shared in the channel.', true);
  } catch (e) {
    await ctx.chat.shares.release(id);
    const d = toDeliveryError(e);
    ctx.logger.warn({ code: d.code, channel: channelId }, 'slack share failed');
    await say(
      d.code === 'not_in_channel' || d.code === 'channel_not_found'
        ? 'I am not a member of this channel, so I cannot post here. Invite me with /invite and try again.'
        : `Sharing failed (${d.code}). Please try again.`,
    );
  }
}
