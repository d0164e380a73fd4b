import { describe, expect, it } from 'vitest';
import { renderReply, SLACK_LIMITS, type SlackMessage } from '../../src/adapters/slack/render.js';
import { reply, type Citation } from '../../src/core/reply.js';

/** Every piece of text Slack will parse as mrkdwn or show as plain text, per block. */
function blockTexts(m: SlackMessage): { type: string; text: string }[] {
  const out: { type: string; text: string }[] = [];
  for (const b of m.blocks as any[]) {
    if (b.text) out.push({ type: b.type, text: b.text.text });
    for (const el of b.elements ?? [])
      if (el.text) out.push({ type: `${b.type}-element`, text: typeof el.text === 'string' ? el.text : el.text.text });
  }
  return out;
}

function expectWithinLimits(messages: SlackMessage[]): void {
  for (const m of messages) {
    expect(m.blocks.length).toBeGreaterThan(0);
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(4000);
    for (const t of blockTexts(m)) {
      expect(t.text.length).toBeGreaterThan(0);
      if (t.type === 'section') expect(t.text.length).toBeLessThanOrEqual(3000);
      if (t.type === 'header') expect(t.text.length).toBeLessThanOrEqual(150);
    }
  }
}

const HOSTILE = 'Breaking <!everyone> <!channel> <!here> <@U0CEO> <#C0SECRET> & <https://phish.example|your bank>';

describe('Block Kit renderer', () => {
  it('keeps every limit for a reply with 200 citations and 50,000 characters, never splitting a citation', () => {
    const citations: Citation[] = Array.from({ length: 200 }, (_, i) => ({
      n: i + 1,
      articleId: `a${i + 1}`,
      title: `Article number ${i + 1} about the talks`,
      url: `https://news.example/${i + 1}`,
      published: '2021-10-08T09:00:00Z',
      quote: `Quoted sentence ${i + 1}: ${'the delegations met again and talked at length. '.repeat(6)}`,
    }));
    const sentence = 'Officials from both countries met in Mexico City to discuss security cooperation [1]. ';
    const text = sentence.repeat(Math.ceil(50_000 / sentence.length)).slice(0, 50_000);
    const messages = renderReply(
      reply({
        title: 'A very long answer',
        sections: [{ heading: 'Everything', text }],
        citations,
        visibility: 'ephemeral',
        provenance: { path: 'extractive', footer: 'extractive from 200 sources' },
      }),
    );

    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    // Nothing lost: all body text arrives.
    const all = messages
      .flatMap(blockTexts)
      .map((t) => t.text)
      .join('\n');
    expect(all.split('Officials from both countries').length - 1).toBe(
      text.split('Officials from both countries').length - 1,
    );
    // Each citation appears once, whole (number, link, date and quote) inside a single block.
    for (const c of citations) {
      const holders = messages.flatMap(blockTexts).filter((t) => t.text.includes(`[${c.n}] <${c.url}|`));
      expect(holders, `citation ${c.n}`).toHaveLength(1);
      expect(holders[0].text).toContain(`<${c.url}|${c.title}> · 2021-10-08\n> Quoted sentence ${c.n}:`);
    }
    expect(JSON.stringify(messages.at(-1)!.blocks.at(-1))).toContain('extractive from 200 sources');
    // The fallback text never ends inside a half-cut link.
    for (const m of messages) expect(m.text.lastIndexOf('<')).toBeLessThanOrEqual(m.text.lastIndexOf('>'));
  });

  it('escapes untrusted text everywhere, so an article containing <!everyone> pings no one', () => {
    const messages = renderReply(
      reply({
        title: HOSTILE,
        sections: [{ heading: HOSTILE, text: `The article says: ${HOSTILE}` }],
        citations: [
          { n: 1, articleId: 'x', title: HOSTILE, url: 'https://news.example/a?b=<!everyone>|x', quote: HOSTILE },
        ],
        visibility: 'ephemeral',
        provenance: { path: 'extractive', footer: HOSTILE },
      }),
    );
    const raw = JSON.stringify(messages);
    for (const control of [
      '<!everyone>',
      '<!channel>',
      '<!here>',
      '<@U0CEO>',
      '<#C0SECRET>',
      '<https://phish.example',
    ]) {
      expect(raw).not.toContain(control);
    }
    expect(messages[0].text).toContain('&lt;!everyone&gt;');
    // The one real link is ours, with the hostile characters in its URL encoded.
    expect(raw).toContain('<https://news.example/a?b=%3C!everyone%3E%7Cx|');
    expectWithinLimits(messages);
  });

  it('links only http(s) sources and shows the title alone otherwise', () => {
    const [m] = renderReply(
      reply({
        sections: [{ text: 'x' }],
        citations: [
          { n: 1, articleId: 'a', title: 'Script', url: 'javascript:alert(1)', quote: 'q' },
          { n: 2, articleId: 'b', title: 'Local file', quote: 'q' },
        ],
        visibility: 'ephemeral',
      }),
    );
    const raw = JSON.stringify(m.blocks);
    expect(raw).not.toContain('javascript:');
    expect(raw).toContain('[1] Script');
    expect(raw).toContain('[2] Local file');
  });

  it('shows a search highlight (**word**) in Slack’s own bold (*word*)', () => {
    const [m] = renderReply(
      reply({ sections: [{ text: '1. Talks: the flow of **fentanyl** across the border [1]' }] }),
    );
    const text = JSON.stringify(m.blocks);
    expect(text).toContain('the flow of *fentanyl* across');
    expect(text).not.toContain('**');
  });

  it('always sets a plain-text fallback, even for an empty reply', () => {
    const [m] = renderReply(reply({ sections: [] }));
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.blocks.length).toBe(1);
  });

  it('puts the prefix on the first message and the share button on the last, within the block limit', () => {
    const many = reply({
      sections: Array.from({ length: 120 }, (_, i) => ({ text: `Point ${i}.` })),
      visibility: 'ephemeral',
    });
    const prefix = [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: 'Shared by someone' }] }];
    const suffix = [
      {
        type: 'actions' as const,
        elements: [
          {
            type: 'button' as const,
            action_id: 'share',
            text: { type: 'plain_text' as const, text: 'Share' },
            value: 'v',
          },
        ],
      },
    ];
    const messages = renderReply(many, { prefix, suffix });
    expectWithinLimits(messages);
    expect(messages[0].blocks[0]).toEqual(prefix[0]);
    expect(messages.at(-1)!.blocks.at(-1)).toEqual(suffix[0]);
    expect(messages.slice(0, -1).every((m) => !m.blocks.includes(suffix[0]))).toBe(true);
  });

  it('splits one huge unbroken word without cutting an escaped entity in half', () => {
    const [first, ...rest] = renderReply(reply({ sections: [{ text: '&<>'.repeat(4000) }] }));
    const texts = [first, ...rest].flatMap(blockTexts).map((t) => t.text);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(3000);
      expect(t).not.toMatch(/&(a|am|amp|l|lt|g|gt)?$/);
      expect(t).not.toMatch(/^(mp|p|t)?;/);
    }
  });
});
