import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from 'pino';
import { renderReply, type SlackBlock } from './render.js';
import type { ShareCache } from './share-cache.js';
import { SHARE_ACTION_ID } from './slash-commands.js';
import { toDeliveryError, withRateLimit, type WebClient } from './web-client.js';

export interface ShareContext {
  client: WebClient;
  shares: ShareCache;
  logger: Logger;
  track(work: Promise<unknown>): void;
}

/** Handles the "Share in channel" button: reposts the private reply visibly, saying who shared it. */
export function registerShareAction(app: App, ctx: ShareContext): void {
  app.action<BlockButtonAction>(SHARE_ACTION_ID, async ({ ack, body, action, respond }) => {
    await ack();
    const work = share(ctx, body, action.value ?? '', (text, replace) => respond({ response_type: 'ephemeral', replace_original: replace, text }));
    ctx.track(work);
    await work;
  });
}

async function share(ctx: ShareContext, body: BlockButtonAction, id: string, tell: (text: string, replace: boolean) => Promise<unknown>): Promise<void> {
  const entry = ctx.shares.get(id);
  const userId = body.user.id;
  const channelId = body.channel?.id ?? entry?.channelId;
  const say = (text: string, replace = false) => tell(text, replace).catch((e) => ctx.logger.warn({ err: (e as Error).message }, 'slack share notice failed'));
  if (!entry || !channelId) {
    await say('That answer has expired. Run the command again to share it.');
    return;
  }
  if (entry.userId !== userId) {
    await say('Only the person who asked can share this answer.');
    return;
  }
  if (entry.shared) {
    await say('Already shared in the channel.');
    return;
  }
  entry.shared = true;
  const mention = /^[A-Z0-9]+$/.test(userId) ? `<@${userId}>` : 'someone';
  const prefix: SlackBlock[] = [{ type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by ${mention} from /${entry.command}` }] }];
  try {
    for (const m of renderReply({ ...entry.reply, visibility: 'channel' }, { prefix })) {
      await withRateLimit(() => ctx.client.chat.postMessage({ channel: channelId, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false }));
    }
    await say('Shared in the channel.', true);
  } catch (e) {
    entry.shared = false;
    const d = toDeliveryError(e);
    ctx.logger.warn({ code: d.code, channel: channelId }, 'slack share failed');
    await say(
      d.code === 'not_in_channel' || d.code === 'channel_not_found'
        ? 'I am not a member of this channel, so I cannot post here. Invite me with /invite and try again.'
        : `Sharing failed (${d.code}). Please try again.`,
    );
  }
}
