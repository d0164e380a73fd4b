import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/adapters/console/render.js';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../../src/adapters/slack/render.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import type { ArticleInput } from '../../src/store/article-store.js';
import { KNOWN } from '../stories/story-fixtures.js';
import { makeDigestHarness, SLACK_CHANNEL, type DigestHarness } from './helpers/digest-app.js';
import { FIXTURE_ARTICLES, ingest } from './helpers/digest-fixture.js';
import { HttpRecorderAdapter } from './helpers/http-recorder-adapter.js';
import { RecorderServer } from './helpers/recorder-server.js';

const known = (id: string): ArticleInput => KNOWN.find((a) => a.id === id)!;
const pointLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('• '))
    .map((l) => l.replace(/ \[\d+\]$/, ''));

describe('digests by story, end to end (real store, ledger, runner and /digest)', () => {
  let h: DigestHarness;
  let server: RecorderServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await h?.close();
  });

  it('a second digest on a grown story shows only the new points, remembered in the delivery ledger', async () => {
    h = await makeDigestHarness({ start: '2026-03-02T07:00:00Z', articles: false });
    server = new RecorderServer();
    h.adapters.set('slack', new HttpRecorderAdapter(await server.listen()));
    await h.service.subscribe({ channel: SLACK_CHANNEL, schedule: '0 8 * * *', timezone: 'UTC', createdBy: 'U1' });
    for (const id of ['glazer-united-1', 'glazer-united-2', 'tesco-results']) await ingest(h.tmp.store, known(id));
    h.clock.set('2026-03-02T08:00:00Z');
    expect((await h.runner.runNow((await h.repo.findSubscription(SLACK_CHANNEL))!))?.state).toBe('posted');
    const first = server.posts[0].text;
    expect(first).toContain('3 new articles since');
    expect(first).toContain('in 2 stories');
    const firstPoints = pointLines(first);
    expect(firstPoints.length).toBeGreaterThanOrEqual(4);

    h.clock.set('2026-03-02T12:00:00Z');
    await ingest(h.tmp.store, known('glazer-united-3'));
    h.clock.set('2026-03-03T08:00:00Z');
    expect((await h.runner.runNow((await h.repo.findSubscription(SLACK_CHANNEL))!))?.state).toBe('posted');
    const second = server.posts[1].text;
    expect(second).toContain('1 new article since');
    expect(second).toMatch(
      /1 new article from Wire One \(3 articles in all\) · following up the story posted here on Mon 2 Mar/,
    );
    const secondPoints = pointLines(second);
    expect(secondPoints.length).toBeGreaterThan(0);
    for (const p of secondPoints) expect(firstPoints).not.toContain(p);
    // Every new point comes from the new article.
    const newText = known('glazer-united-3').text.replace(/\s+/g, ' ');
    for (const p of secondPoints) expect(newText).toContain(p.slice(2));
    // The ledger's store remembers both digests' points for the channel.
    const remembered = await h.repo.postedPoints(SLACK_CHANNEL, [
      'glazer-united-1',
      'glazer-united-2',
      'glazer-united-3',
      'tesco-results',
    ]);
    expect(remembered.map((p) => `• ${p.text.replace(/\s+/g, ' ')}`).sort()).toEqual(
      [...firstPoints, ...secondPoints].sort(),
    );
  });

  it('a topic digest keeps only the stories about the topic, in Slack blocks, Discord embeds and console text', async () => {
    h = await makeDigestHarness({ start: '2026-03-02T07:00:00Z', articles: false });
    const aside: ArticleInput = {
      id: 'port-review',
      title: 'Port authority budget under review',
      source: 'Harbour Post',
      published: '2021-10-09',
      text: 'The port authority will review its budget for the coming year. The board meets on Tuesday to agree the terms of the review. Dredging contracts are expected to take the largest share. A separate customs report last year mentioned fentanyl seizures at other ports. The review is due to report in the spring.',
    };
    for (const a of [...FIXTURE_ARTICLES, ...KNOWN, aside]) await ingest(h.tmp.store, a);
    h.clock.set('2026-03-02T08:00:00Z');
    const channels: ChannelRef[] = [
      SLACK_CHANNEL,
      { platform: 'discord', id: '123456789012345678' },
      { platform: 'console', id: 'console' },
    ];
    for (const channel of channels) {
      const reply = await h.digest('preview fentanyl', { channel });
      expect(reply.errorCode).toBeUndefined();
      expect(reply.sections.map((s) => s.heading).filter(Boolean)).toEqual(['Security talks open in Mexico City']);
      expect(reply.sections.map((s) => s.text)).toContainEqual(
        expect.stringMatching(/^1 new article about "fentanyl" since .*, in 1 story\. Showing it\.$/),
      );
      const rendered =
        channel.platform === 'slack'
          ? renderSlack(reply)
              .map((m) => JSON.stringify(m.blocks))
              .join('\n')
          : channel.platform === 'discord'
            ? renderDiscord(reply)
                .map((m) => JSON.stringify(m.embeds))
                .join('\n')
            : renderConsole(reply);
      expect(rendered).toContain('fentanyl');
      for (const other of ['Avocado', 'Glazer', 'Port authority', 'Arms smuggling', 'Tesco', 'Leeds'])
        expect(rendered).not.toContain(other);
      // What is quoted is about the topic: the talks article's fentanyl sentence, not its lead.
      const quoted = reply.sections.flatMap((s) => pointLines(s.text));
      expect(quoted).toEqual([
        '• The delegations said the meetings would focus on fentanyl trafficking and arms smuggling.',
      ]);
    }
  });

  it('a topic only mentioned in passing is shown as a mention, quoting the sentence that holds it', async () => {
    h = await makeDigestHarness({ start: '2026-03-02T07:00:00Z', articles: false });
    await ingest(h.tmp.store, {
      id: 'port-review',
      title: 'Port authority budget under review',
      source: 'Harbour Post',
      published: '2021-10-09',
      text: 'The port authority will review its budget for the coming year. The board meets on Tuesday to agree the terms of the review. Dredging contracts are expected to take the largest share. A separate customs report last year mentioned fentanyl seizures at other ports. The review is due to report in the spring.',
    });
    for (const id of ['tesco-results', 'leeds-fire-1']) await ingest(h.tmp.store, known(id));
    h.clock.set('2026-03-02T08:00:00Z');
    const reply = await h.digest('preview fentanyl');
    expect(reply.sections.map((s) => s.text)).toContainEqual(
      expect.stringMatching(/^1 new article mentioning "fentanyl" since .*, in 1 story\. Showing it\.$/),
    );
    expect(reply.sections.flatMap((s) => pointLines(s.text))).toEqual([
      '• A separate customs report last year mentioned fentanyl seizures at other ports.',
    ]);
  });
});
