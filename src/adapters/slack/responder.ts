import type { RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackMessage } from './render.js';
import { toDeliveryError, withRateLimit, type WebClient } from './web-client.js';

/** Slack lets a response_url be used 5 times within 30 minutes. */
const RESPONSE_URL_USES = 5;
/** Bolt's respond() has no timeout of its own; a hung response_url must not hold a reply forever. */
const RESPOND_TIMEOUT_MS = 10_000;

/**
 * Sends the follow-up messages of one slash command: through its response_url while that still
 * works, then through chat.postEphemeral (private replies) or chat.postMessage (public ones).
 */
export class SlashResponder {
  private uses = 0;
  private urlDead = false;

  constructor(
    private readonly respond: RespondFn | undefined,
    private readonly client: WebClient,
    private readonly target: { channelId: string; userId: string },
    private readonly logger: Logger,
  ) {}

  async send(message: SlackMessage, visibility: 'ephemeral' | 'in_channel'): Promise<void> {
    if (this.respond && !this.urlDead && this.uses < RESPONSE_URL_USES) {
      try {
        this.uses++;
        await withTimeout(
          this.respond({
            response_type: visibility,
            replace_original: false,
            text: message.text,
            blocks: message.blocks,
          }),
          RESPOND_TIMEOUT_MS,
        );
        return;
      } catch (e) {
        // Expired (30 minutes), used up, or unreachable: no point trying it again for this command.
        this.urlDead = true;
        this.logger.warn({ err: (e as Error).message }, 'slack response_url failed; falling back to the Web API');
      }
    }
    try {
      const { channelId, userId } = this.target;
      const common = {
        channel: channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      };
      if (visibility === 'ephemeral')
        await withRateLimit(() => this.client.chat.postEphemeral({ ...common, user: userId }));
      else await withRateLimit(() => this.client.chat.postMessage(common));
    } catch (e) {
      const d = toDeliveryError(e);
      this.logger.error({ code: d.code, channel: this.target.channelId }, 'slack reply could not be delivered');
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
