import { expect } from 'vitest';
import type { DiscordMessage } from '../../src/adapters/discord/render.js';

/** Discord's limits, restated here so the test does not trust the code under test for them. */
export function assertWithinDiscordLimits(
  m: Pick<DiscordMessage, 'content' | 'embeds'> & { allowed_mentions?: unknown },
): void {
  expect(m.allowed_mentions).toEqual({ parse: [] });
  expect((m.content ?? '').length).toBeLessThanOrEqual(2000);
  expect(m.embeds.length).toBeLessThanOrEqual(10);
  expect(Boolean(m.content) || m.embeds.length > 0).toBe(true);
  let total = 0;
  for (const e of m.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(256);
    expect((e.description ?? '').length).toBeLessThanOrEqual(4096);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(2048);
    total +=
      (e.title ?? '').length +
      (e.description ?? '').length +
      (e.footer?.text ?? '').length +
      (e.author?.name ?? '').length;
    total += (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
}
