import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/adapters/console/render.js';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../../src/adapters/slack/render.js';
import { escapeMrkdwn } from '../../src/adapters/slack/mrkdwn.js';
import type { DigestWindow } from '../../src/digest/article-source.js';
import { composeDigest } from '../../src/digest/compose.js';
import type { Platform } from '../../src/core/invocation.js';
import type { Reply } from '../../src/core/reply.js';
import type { ArticleMeta } from '../../src/store/article-store.js';
import type { Story } from '../../src/stories/story-service.js';
import { assertWithinDiscordLimits } from '../discord/limits-assert.js';

/**
 * A long digest (20 stories, long sentences full of characters every platform escapes) rendered by
 * the real Slack, Discord and console renderers: one message each, within every limit, the least
 * important stories dropped whole with a pointer, the counts adding up, no sentence cut.
 */
const SENTENCES = new Map<string, string[]>();

function bigWindow(): DigestWindow {
  const stories: Story[] = [];
  const articles: ArticleMeta[] = [];
  for (let i = 0; i < 20; i++) {
    const metas: ArticleMeta[] = [];
    for (let j = 0; j < 20 - i; j++) {
      const id = `s${i}-a${j}`;
      SENTENCES.set(id, [
        `In region ${i} the authority <"R&D"> board said *on Monday* that the port_budget review (phase ${j}) would cover every contract signed since 2010, including the [disputed] dredging deal & the new terminal lease, and report by June.`,
        `Report ${j}: the review of region ${i} found #${j} irregular payments - worth £${i + 1}m in all - to firms linked to two former board members, according to documents seen by this newspaper and confirmed by officials.`,
        `Opponents of the plan in region ${i} said the inquiry would take far too long, cost far too much & change nothing for residents who have waited ${j + 2} years for the promised rail link to the harbour.`,
      ]);
      metas.push({
        id,
        title: `Region ${i} port review: report ${j} <&>`,
        source: `Wire ${j % 3}`,
        url: `https://news.example/${id}?a=1&b=2`,
        authors: [],
        published: `2026-03-01T${String(10 + (j % 10)).padStart(2, '0')}:00:00Z`,
        publishedInferred: false,
        ingestedAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-01T10:00:00.000Z',
        contentHash: id,
        version: 1,
      });
    }
    articles.push(...metas);
    stories.push({
      id: i + 1,
      headline: metas[0].title,
      headlineArticleId: metas[0].id,
      articles: metas,
      firstSeen: metas[0].published!,
      lastUpdated: metas[metas.length - 1].published!,
    });
  }
  return { articles, stories };
}

async function digestFor(platform: Platform): Promise<Reply> {
  const { reply } = await composeDigest({
    clock: () => new Date('2026-03-02T08:00:00Z'),
    subscription: { timezone: 'UTC' },
    window: { from: '2026-03-01T08:00:00.000Z', to: '2026-03-02T08:00:00.000Z' },
    digest: bigWindow(),
    sentences: async (meta) => SENTENCES.get(meta.id)!.map((text, idx) => ({ idx, text })),
    posted: [],
    platform,
  });
  return reply!;
}

/** The counts line and the "more" line agree with the stories shown. */
function assertCountsAddUp(reply: Reply): { shown: number; rest: number } {
  const header = /^(\d+) new articles since .*, in (\d+) stories\. Showing (\d+), largest and newest first\.$/.exec(
    reply.sections[0].text,
  )!;
  expect(header).not.toBeNull();
  const [total, stories, shown] = header.slice(1).map(Number);
  const storySections = reply.sections.filter((s) => s.heading);
  expect(storySections).toHaveLength(shown);
  const shownArticles = storySections.reduce((n, s) => n + Number(/^(\d+) new article/.exec(s.text)![1]), 0);
  const more = /^(\d+) more stories \((\d+) articles\) not shown here: see \/stories\.$/.exec(
    reply.sections[reply.sections.length - 1].text,
  )!;
  expect(more).not.toBeNull();
  expect(Number(more[1])).toBe(stories - shown);
  expect(shownArticles + Number(more[2])).toBe(total);
  return { shown, rest: Number(more[1]) };
}

describe('a long digest fits one message on every platform', () => {
  it('Slack: one message, at most 50 blocks, every section within 3,000 characters, whole sentences', async () => {
    const reply = await digestFor('slack');
    const { shown } = assertCountsAddUp(reply);
    expect(shown).toBeGreaterThanOrEqual(3);
    const messages = renderSlack({ ...reply, visibility: 'channel' });
    expect(messages).toHaveLength(1);
    const blocks = messages[0].blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    const texts = blocks.map((b) =>
      'text' in b && b.text && typeof b.text === 'object' && 'text' in b.text ? b.text.text : '',
    );
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
    const all = texts.join('\n');
    for (const c of reply.citations) expect(all).toContain(escapeMrkdwn(c.quote));
    expect(all).toContain('not shown here: see /stories.');
  });

  it('Discord: one message of at most 10 embeds and 6,000 characters with the delivery marker, whole sentences', async () => {
    const reply = await digestFor('discord');
    const { shown } = assertCountsAddUp(reply);
    expect(shown).toBeGreaterThanOrEqual(2);
    const messages = renderDiscord(reply, {
      marker: 'briefbot-digest:0123456789abcdef0123456789abcdef:2026-03-02T08:00:00.000Z',
    });
    expect(messages).toHaveLength(1);
    assertWithinDiscordLimits(messages[0]);
    const text = messages[0].embeds
      .map((e) => e.description ?? '')
      .join('\n')
      .replace(/\\(.)/g, '$1');
    for (const line of reply.sections.flatMap((s) => s.text.split('\n')).filter((l) => l.startsWith('• ')))
      expect(text).toContain(line);
    expect(text).toContain('not shown here: see /stories.');
  });

  it('console: the same form, more stories, and the pointer to the rest', async () => {
    const reply = await digestFor('console');
    const { shown, rest } = assertCountsAddUp(reply);
    expect(shown).toBeGreaterThanOrEqual(assertCountsAddUp(await digestFor('slack')).shown);
    const text = renderConsole(reply);
    for (const c of reply.citations) expect(text).toContain(c.quote);
    expect(text).toContain(`${rest} more stories`);
  });
});
