import type { Logger } from 'pino';
import type { ChannelRef } from '../../core/invocation.js';
import type { Reply } from '../../core/reply.js';
import type { Delivery, PostOptions } from '../adapter.js';
import { DeliveryError } from '../delivery-error.js';
import { renderReply } from './render.js';
import { toDeliveryError, withRateLimit, type WebClient } from './web-client.js';

/** Message metadata type that carries a digest's marker, so a repost after a crash can be detected. */
export const MARKER_EVENT_TYPE = 'briefbot_digest';

/**
 * Posts a reply (a digest) visibly: every rendered message in order, the marker in the first
 * one's metadata. Returns the first message's ts; throws a classified DeliveryError.
 */
export async function postReply(
  client: WebClient,
  channel: ChannelRef,
  reply: Reply,
  opts: PostOptions | undefined,
  logger: Logger,
): Promise<Delivery> {
  const messages = renderReply({ ...reply, visibility: 'channel' });
  let first: string | undefined;
  for (const [i, m] of messages.entries()) {
    try {
      const res = await withRateLimit(
        () =>
          client.chat.postMessage({
            channel: channel.id,
            text: m.text,
            blocks: m.blocks,
            unfurl_links: false,
            unfurl_media: false,
            ...(i === 0 && opts?.marker
              ? { metadata: { event_type: MARKER_EVENT_TYPE, event_payload: { marker: opts.marker } } }
              : {}),
          }),
        undefined,
        logger,
      );
      if (i === 0) first = res.ts;
    } catch (e) {
      const d = toDeliveryError(e);
      if (i === 0) throw d;
      // The first part (with the marker) is in the channel; say how far it got.
      throw new DeliveryError(
        d.code,
        `${d.message} (after posting ${i} of ${messages.length} parts)`,
        d.permanent,
        d.retryAfterMs,
      );
    }
  }
  return { messageId: first };
}

/** Errors meaning "the bot may not read this channel's history": findMarker then knows nothing, which is not a failure. */
const UNREADABLE = new Set([
  'missing_scope',
  'not_in_channel',
  'channel_not_found',
  'not_allowed_token_type',
  'no_permission',
  'access_denied',
]);
let warnedUnreadable = false;

/**
 * Looks through the channel's 20 most recent messages for one carrying `marker` in its
 * metadata. Needs channels:history (groups:history for private channels); without it this
 * returns undefined and logs once, and the ledger falls back to its own records.
 */
export async function findDigestMarker(
  client: WebClient,
  channel: ChannelRef,
  marker: string,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const res = await withRateLimit(
      () => client.conversations.history({ channel: channel.id, limit: 20, include_all_metadata: true }),
      undefined,
      logger,
    );
    for (const msg of res.messages ?? []) {
      const meta = (msg as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
      if (meta?.event_type === MARKER_EVENT_TYPE && meta.event_payload?.marker === marker) return msg.ts;
    }
    return undefined;
  } catch (e) {
    const d = toDeliveryError(e);
    if (UNREADABLE.has(d.code)) {
      if (!warnedUnreadable)
        logger.warn(
          { code: d.code, channel: channel.id },
          'slack: cannot read channel history to check for an earlier digest; add channels:history to detect reposts',
        );
      warnedUnreadable = true;
      return undefined;
    }
    throw d;
  }
}
