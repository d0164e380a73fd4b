import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/adapter.js';
import type { BotPort } from '../../src/core/bot.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import { reply } from '../../src/core/reply.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';

/** What each door's test provides so the same contract can be checked against it. */
export interface ContractHarness {
  adapter: Adapter;
  /** Runs a command as a platform user would; resolves with the text that user sees. */
  invoke(command: string, text: string, opts?: { admin?: boolean }): Promise<string>;
  /** Text of every message posted to a channel so far. */
  posted(channelId: string): Promise<string[]>;
  /** A channel the adapter can post into. */
  channel: ChannelRef;
  /** Closes the harness's own fakes (after the suite has stopped the adapter). */
  close(): Promise<void>;
}

/** One suite every adapter must pass: the same behaviour through every door. */
export function adapterContract(name: string, make: (bot: BotPort) => Promise<ContractHarness>): void {
  describe(`adapter contract: ${name}`, () => {
    let tb: TestBot;
    let h: ContractHarness;

    beforeAll(async () => {
      tb = await makeTestBot();
      h = await make(tb.bot);
    }, 60_000);

    afterAll(async () => {
      await h?.adapter.stop();
      await h?.close();
      await tb?.close();
    });

    it('is connected once started', () => {
      expect(h.adapter.isConnected()).toBe(true);
    });

    it('answers /ask from the store with the source named and quoted', async () => {
      const text = await h.invoke('ask', 'What would the new arrangement replace?');
      expect(text).toMatch(/Merida Initiative/);
      expect(text).toMatch(/U\.S\.[–-]Mexico|Security Dialogue|Mexico/);
      expect(text).toMatch(/\[1\]|1\./);
    });

    it('says plainly when the store cannot answer, instead of guessing', async () => {
      const text = await h.invoke('ask', 'What is the population of Mars colonies in 2090?');
      expect(text).toMatch(/not in the store|no answer|couldn.t find/i);
    });

    it('answers a user error with a clear message', async () => {
      const text = await h.invoke('ask', '   ');
      expect(text).toMatch(/question/i);
    });

    it('keeps serving after a command fails unexpectedly', async () => {
      const failed = await h.invoke('boom', '');
      expect(failed).toMatch(/failed unexpectedly/i);
      expect(failed).not.toMatch(/deliberate failure/);
      const next = await h.invoke('sources', '');
      expect(next).toMatch(/1 article/);
    });

    it('posts a digest into a channel', async () => {
      const digest = reply({
        title: 'Digest: security',
        sections: [{ text: 'The talks produced a new framework [1].' }],
        citations: [
          {
            n: 1,
            articleId: 'a1',
            title: 'Security talks',
            published: '2021-10-08',
            quote: 'A new framework was announced.',
          },
        ],
        visibility: 'channel',
      });
      await h.adapter.post(h.channel, digest, { marker: 'run-contract-1' });
      const posted = (await h.posted(h.channel.id)).join('\n');
      expect(posted).toContain('Digest: security');
      expect(posted).toContain('Security talks');
    });

    it('stops gracefully, twice if asked', async () => {
      await h.adapter.stop();
      await h.adapter.stop();
      expect(h.adapter.isConnected()).toBe(false);
    });
  });
}
