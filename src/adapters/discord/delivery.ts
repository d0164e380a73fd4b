/**
 * Digest delivery to a channel by id over REST. Rate limits are left to @discordjs/rest, which
 * queues per bucket and waits out a 429's Retry-After; what reaches us is classified into a
 * DeliveryError the ledger can act on: permanent (record on the subscription) or not (retry).
 */
import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from 'discord.js';
import type { Delivery } from '../adapter.js';
import { DeliveryError } from '../delivery-error.js';
import type { DiscordMessage } from './render.js';

/** Discord JSON error codes that no retry will fix (discord-api-docs, JSON error codes). */
const PERMANENT_CODES: Record<number, string> = {
  10003: 'unknown_channel',
  50001: 'missing_access',
  50013: 'missing_permissions',
  50008: 'not_text_channel',
  50083: 'thread_archived',
  50035: 'invalid_message',
};

/** Classifies anything @discordjs/rest throws into a DeliveryError. */
export function toDeliveryError(e: unknown, channelId: string): DeliveryError {
  if (e instanceof DeliveryError) return e;
  if (e instanceof DiscordAPIError) {
    const code = typeof e.code === 'number' ? PERMANENT_CODES[e.code] : undefined;
    if (code)
      return new DeliveryError(
        code,
        `Discord refused the post to channel ${channelId}: ${e.message} (${e.code})`,
        true,
      );
    if (e.status === 404)
      return new DeliveryError('unknown_channel', `Channel ${channelId} was not found: ${e.message}`, true);
    if (e.status === 403)
      return new DeliveryError('missing_access', `No access to channel ${channelId}: ${e.message}`, true);
    if (e.status === 401)
      return new DeliveryError('unauthorized', `Discord rejected the bot token (${e.message})`, false);
    return new DeliveryError(
      `http_${e.status}`,
      `Discord answered ${e.status} for channel ${channelId}: ${e.message}`,
      false,
    );
  }
  if (e instanceof RateLimitError) {
    return new DeliveryError('rate_limited', `Rate limited posting to ${channelId}`, false, e.retryAfter);
  }
  if (e instanceof HTTPError)
    return new DeliveryError(`http_${e.status}`, `Discord answered ${e.status} for channel ${channelId}`, false);
  const err = e as { name?: string; message?: string; cause?: { code?: string } };
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError')
    return new DeliveryError('timeout', `Posting to ${channelId} timed out`, false);
  const code = err?.cause?.code ?? 'network';
  return new DeliveryError(
    code.toLowerCase(),
    `Could not reach Discord to post to ${channelId}: ${err?.message ?? String(e)}`,
    false,
  );
}

/** Posts every message in order; the first message's id identifies the delivery. */
export async function postMessages(rest: REST, channelId: string, messages: DiscordMessage[]): Promise<Delivery> {
  let first: string | undefined;
  for (const body of messages) {
    try {
      const sent = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
      first ??= sent.id;
    } catch (e) {
      throw toDeliveryError(e, channelId);
    }
  }
  return { messageId: first };
}

interface ApiMessage {
  id: string;
  author?: { id: string };
  content?: string;
  embeds?: { footer?: { text?: string } }[];
}

/** Looks through the channel's recent messages for one of ours carrying the marker. */
export async function findMarkerIn(
  rest: REST,
  channelId: string,
  marker: string,
  botUserId: string | undefined,
  limit = 25,
): Promise<string | undefined> {
  let recent: ApiMessage[];
  try {
    recent = (await rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ limit: String(limit) }),
    })) as ApiMessage[];
  } catch (e) {
    throw toDeliveryError(e, channelId);
  }
  const needle = `ref ${marker}`;
  const hit = recent.find(
    (m) =>
      (!botUserId || m.author?.id === botUserId) &&
      (m.content?.includes(needle) || m.embeds?.some((e) => e.footer?.text?.includes(needle))),
  );
  return hit?.id;
}
