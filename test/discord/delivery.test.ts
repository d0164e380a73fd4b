import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/core/bot.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import { reply, type Reply } from '../../src/core/reply.js';
import { DeliveryError } from '../../src/adapters/delivery-error.js';
import { postMessages } from '../../src/adapters/discord/delivery.js';
import { nextSnowflake } from '../fakes/discord-payloads.js';
import { DISCORD_ERRORS } from '../fakes/discord-rest.js';
import { startDiscordHarness, visibleText, type DiscordHarness } from './discord-harness.js';
import { fixtureServices } from './fixture-services.js';

const digest: Reply = reply({
  title: 'Digest: security talks',
  sections: [{ text: 'A new framework replaces the Merida Initiative [1]. Protesters wrote @everyone.' }],
  citations: [
    {
      n: 1,
      articleId: 'a1',
      title: 'Framework announced',
      url: 'https://news.example/a1',
      published: '2021-10-08',
      quote: 'The framework replaces the initiative.',
    },
  ],
  visibility: 'channel',
  provenance: { path: 'extractive', footer: 'extractive digest' },
});

function channel(id = nextSnowflake()): ChannelRef {
  return { platform: 'discord', id };
}

async function deliveryError(p: Promise<unknown>): Promise<DeliveryError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DeliveryError);
  return e as DeliveryError;
}

describe('Discord digest delivery over REST', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    h = await startDiscordHarness(new Bot([], fixtureServices()), { restTimeoutMs: 400 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('posts to a channel by id with embeds, no mentions, and a marker findMarker can see', async () => {
    const ch = channel();
    const { messageId } = await h.adapter.post(ch, digest, { marker: 'run-2021-10-08' });
    const [stored] = h.rest.messages.get(ch.id)!;
    expect(stored.id).toBe(messageId);
    expect(stored.allowed_mentions).toEqual({ parse: [] });
    expect(visibleText(stored)).toContain('Digest: security talks');
    expect(visibleText(stored)).toContain('[Framework announced](<https://news.example/a1>) · 2021-10-08');
    expect(await h.adapter.findMarker!(ch, 'run-2021-10-08')).toBe(messageId);
    expect(await h.adapter.findMarker!(ch, 'run-2021-10-09')).toBeUndefined();
  });

  it('waits out a 429 (retry_after + Retry-After) and then sends the digest exactly once', async () => {
    const ch = channel();
    h.rest.rateLimit('POST', `/channels/${ch.id}/messages`, 0.5);
    const { messageId } = await h.adapter.post(ch, digest, { marker: 'run-429' });
    const attempts = h.rest.find('POST', new RegExp(`^/channels/${ch.id}/messages$`));
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    // retry_after (and X-RateLimit-Reset-After) said 0.5 s; @discordjs/rest waited that out before retrying.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(450);
    expect(h.rest.messages.get(ch.id)!.map((m) => m.id)).toEqual([messageId]);
  });

  it('turns 403 Missing Access into a permanent DeliveryError, and other channels still get theirs', async () => {
    const denied = channel();
    h.rest.channelErrors.set(denied.id, DISCORD_ERRORS.missingAccess);
    const e = await deliveryError(h.adapter.post(denied, digest));
    expect(e).toMatchObject({ code: 'missing_access', permanent: true });
    expect(e.message).toContain(denied.id);
    expect(h.rest.messages.get(denied.id)).toBeUndefined();
    const ok = channel();
    await h.adapter.post(ok, digest);
    expect(h.rest.messages.get(ok.id)).toHaveLength(1);
  });

  it('turns an unknown or deleted channel (404, 10003) into a permanent DeliveryError', async () => {
    const gone = channel();
    h.rest.channelErrors.set(gone.id, DISCORD_ERRORS.unknownChannel);
    expect(await deliveryError(h.adapter.post(gone, digest))).toMatchObject({
      code: 'unknown_channel',
      permanent: true,
    });
    expect(await deliveryError(h.adapter.findMarker!(gone, 'run-x'))).toMatchObject({
      code: 'unknown_channel',
      permanent: true,
    });
  });

  it('turns 403 Missing Permissions into a permanent DeliveryError', async () => {
    const muted = channel();
    h.rest.channelErrors.set(muted.id, DISCORD_ERRORS.missingPermissions);
    expect(await deliveryError(h.adapter.post(muted, digest))).toMatchObject({
      code: 'missing_permissions',
      permanent: true,
    });
  });

  it('retries a 502 and then reports it as a temporary DeliveryError', async () => {
    const flaky = channel();
    h.rest.channelErrors.set(flaky.id, DISCORD_ERRORS.serverError);
    expect(await deliveryError(h.adapter.post(flaky, digest))).toMatchObject({ code: 'http_502', permanent: false });
    // @discordjs/rest's own retries (3) before giving up.
    expect(h.rest.find('POST', new RegExp(`^/channels/${flaky.id}/messages$`))).toHaveLength(4);
  });

  it('reports a request Discord never answers as a temporary timeout', async () => {
    const stuck = channel();
    h.rest.channelErrors.set(stuck.id, DISCORD_ERRORS.hang);
    expect(await deliveryError(h.adapter.post(stuck, digest))).toMatchObject({ code: 'timeout', permanent: false });
  });

  it('gets a permanent invalid_message error for a body Discord refuses (the stand-in checks limits as Discord does)', async () => {
    const ch = channel();
    const tooLong = { content: 'x'.repeat(2001), embeds: [], allowed_mentions: { parse: [] as [] } };
    expect(await deliveryError(postMessages(h.adapter.client.rest, ch.id, [tooLong]))).toMatchObject({
      code: 'invalid_message',
      permanent: true,
    });
    expect(h.rest.messages.get(ch.id)).toBeUndefined();
  });

  it('splits a long digest into several messages, in order, all without mentions', async () => {
    const ch = channel();
    const long = reply({ ...digest, sections: [{ text: 'The talks went on. '.repeat(800) }] });
    const { messageId } = await h.adapter.post(ch, long, { marker: 'run-long' });
    const stored = h.rest.messages.get(ch.id)!;
    expect(stored.length).toBeGreaterThan(1);
    expect(stored[0].id).toBe(messageId);
    expect(stored.every((m) => m.allowed_mentions?.parse?.length === 0)).toBe(true);
    expect(await h.adapter.findMarker!(ch, 'run-long')).toBe(messageId);
  });
});
