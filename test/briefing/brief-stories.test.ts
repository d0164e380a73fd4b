import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { KNOWN } from '../stories/story-fixtures.js';

let dir: string;
let bot: TestBot;

/** The known stories as one day's coverage (same order, hours apart), so they are all "today's". */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-brief-'));
  const file = join(dir, 'day.jsonl');
  writeFileSync(
    file,
    KNOWN.map(({ story: _label, ...a }, i) =>
      JSON.stringify({ ...a, published: `2005-03-01T${String(i + 6).padStart(2, '0')}:00:00Z` }),
    ).join('\n'),
  );
  bot = await makeTestBot({ articles: [file] });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  rmSync(dir, { recursive: true, force: true });
});

const brief = (topic?: string, platform: 'console' | 'slack' = 'console'): Promise<Reply> =>
  bot.bot.dispatch({
    platform,
    command: 'brief',
    options: topic ? { topic } : {},
    user: { id: 'U1', isAdmin: false },
    channel: { platform, id: 'C1' },
  });

describe('/brief by story', () => {
  it("without a topic gives the latest day's top stories in the digest form, counts adding up", async () => {
    const r = await brief();
    expect(r.title).toBe('Briefing: top stories');
    expect(r.sections[0].text).toMatch(
      /^The latest day in the store \(since .*\): 12 articles in 7 stories\. Showing all 7\.$/,
    );
    const stories = r.sections.filter((s) => s.heading);
    expect(stories.map((s) => Number(/^(\d+) recent article/.exec(s.text)![1]))).toEqual([3, 3, 2, 1, 1, 1, 1]);
    for (const s of stories) {
      const lines = s.text.split('\n').filter((l) => l.startsWith('• '));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.length).toBeLessThanOrEqual(3);
      for (const l of lines) {
        const c = r.citations.find((x) => x.n === Number(/\[(\d+)\]$/.exec(l)![1]))!;
        expect(l).toBe(`• ${c.quote.replace(/\s+/g, ' ').trim()} [${c.n}]`);
      }
    }
  });

  it('with a topic that spans two stories keeps the cross-article summary, grouped under each story', async () => {
    const r = await brief('Glazer');
    expect(r.answered).toBe(true);
    const headings = r.sections.map((s) => s.heading).filter(Boolean) as string[];
    expect(headings).toHaveLength(2);
    expect(headings.some((h) => /Manchester United|Man Utd|United/.test(h))).toBe(true);
    expect(headings.some((h) => /Lightning|hockey/.test(h))).toBe(true);
    // Each story's points cite only that story's articles.
    for (const s of r.sections.filter((x) => x.heading)) {
      const cited = [...s.text.matchAll(/\[(\d+)\]/g)].map(
        (m) => r.citations.find((c) => c.n === Number(m[1]))!.articleId,
      );
      const family = /Lightning|hockey/.test(s.heading!) ? 'glazer-lightning' : 'glazer-united';
      for (const id of cited) expect(id.startsWith(family)).toBe(true);
    }
  });

  it('with a topic inside one story stays one summary', async () => {
    const r = await brief('Kirkstall');
    expect(r.sections.filter((s) => s.heading)).toHaveLength(1);
    expect(r.sections[0].heading).toMatch(/^Key points from 3 articles/);
  });
});
