import { describe, expect, it } from 'vitest';
import { renderReply, type DiscordMessage } from '../../src/adapters/discord/render.js';
import { reply, type Citation } from '../../src/core/reply.js';
import { assertWithinDiscordLimits } from './limits-assert.js';

function allText(messages: DiscordMessage[]): string {
  return messages
    .map((m) => [m.content ?? '', ...m.embeds.map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n'))
    .join('\n');
}

function bigCitation(n: number): Citation {
  return {
    n,
    articleId: `a${n}`,
    title: `Article number ${n} about the security talks ${'with a very long headline '.repeat(12)}`,
    url: `https://news.example/${n}/${'path/'.repeat(30)}`,
    published: '2021-10-08T12:00:00Z',
    quote: `Quote ${n}: ${'officials said the framework would replace the initiative. '.repeat(20)}`,
  };
}

describe('Discord embed renderer', () => {
  it('keeps every limit with 200 citations and 50,000 characters of text, without splitting a citation', () => {
    const sentence = 'The framework replaces the Merida Initiative with shared responsibility for security [7]. ';
    const text = sentence.repeat(Math.ceil(50_000 / sentence.length)).slice(0, 50_000);
    const citations = Array.from({ length: 200 }, (_, i) => bigCitation(i + 1));
    const messages = renderReply(
      reply({
        title: 'T'.repeat(400),
        sections: [{ heading: 'Key points', text }],
        citations,
        provenance: { path: 'extractive', footer: 'extractive answer from 200 sources' },
      }),
    );

    expect(messages.length).toBeGreaterThan(1);
    messages.forEach(assertWithinDiscordLimits);
    // Each citation appears exactly once, whole: its marker and its quote start in the same description.
    const descriptions = messages.flatMap((m) => m.embeds.map((e) => e.description ?? ''));
    for (let n = 1; n <= 200; n++) {
      const holders = descriptions.filter((d) => d.includes(`**[${n}]** `));
      expect(holders, `citation ${n}`).toHaveLength(1);
      expect(holders[0]).toMatch(new RegExp(`\\*\\*\\[${n}\\]\\*\\* \\[Article number ${n} [^\\n]*\\n> Quote ${n}:`));
    }
    // All 50,000 characters of the text are there, none dropped.
    const body = descriptions.join(' ').replace(/\s+/g, ' ');
    expect(body.split('Merida Initiative').length - 1).toBe(text.split('Merida Initiative').length - 1);
    // Footers say which part is which, and carry the provenance.
    expect(messages[0].embeds.at(-1)!.footer!.text).toBe(
      `extractive answer from 200 sources · part 1/${messages.length}`,
    );
  });

  it('renders citations as linked titles with dates, numbered as in the text', () => {
    const [m] = renderReply(
      reply({
        sections: [{ text: 'A new framework replaces the old one [2]. Talks continue [5].' }],
        citations: [
          {
            n: 5,
            articleId: 'b',
            title: 'Talks (part two)',
            url: 'https://news.example/a_(b)',
            published: '2021-10-09',
            quote: 'Talks continue.',
          },
          {
            n: 2,
            articleId: 'a',
            title: 'Framework announced',
            url: 'https://news.example/a',
            published: '2021-10-08',
            quote: 'A new framework.',
          },
        ],
      }),
    );
    const sources = m.embeds.find((e) => e.title === 'Sources')!.description!;
    expect(sources).toBe(
      '**[2]** [Framework announced](<https://news.example/a>) · 2021-10-08\n> A new framework.\n' +
        '**[5]** [Talks \\(part two\\)](<https://news.example/a_%28b%29>) · 2021-10-09\n> Talks continue.',
    );
    expect(m.embeds[0].description).toContain('[2]');
    expect(m.embeds[0].description).toContain('[5]');
  });

  it('shows an article with @everyone, a fake link and a javascript: URL as inert text', () => {
    const messages = renderReply(
      reply({
        sections: [
          { text: 'Protesters wrote: @everyone @here <@&123456789012345678> see [this](https://evil.example) [1]' },
        ],
        citations: [
          {
            n: 1,
            articleId: 'x',
            title: '@everyone [click](https://evil.example)',
            url: 'javascript:alert(1)',
            quote: '@everyone come now',
          },
        ],
      }),
    );
    messages.forEach(assertWithinDiscordLimits);
    const text = allText(messages);
    expect(text).toContain('@everyone');
    // No unescaped masked link survives, and the javascript: URL is not linked at all.
    expect(text).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(text).not.toContain('javascript:');
  });

  it('sends a short notice as plain content, with mentions both escaped and disallowed', () => {
    const messages = renderReply(reply({ sections: [{ text: 'Only admins can run /digest subscribe. @everyone' }] }));
    expect(messages).toEqual([
      { content: 'Only admins can run /digest subscribe. \\@everyone', embeds: [], allowed_mentions: { parse: [] } },
    ]);
  });

  it('puts a delivery marker in the first message footer only', () => {
    const text = 'word '.repeat(9000);
    const messages = renderReply(reply({ title: 'Digest', sections: [{ text }] }), { marker: 'run-42' });
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach(assertWithinDiscordLimits);
    expect(messages[0].embeds.at(-1)!.footer!.text).toContain('ref run-42');
    expect(messages.slice(1).some((m) => m.embeds.some((e) => e.footer?.text.includes('run-42')))).toBe(false);
  });

  it('cuts a single enormous word and an emoji-heavy text without breaking characters', () => {
    const messages = renderReply(
      reply({ title: '🦊'.repeat(300), sections: [{ text: `${'x'.repeat(20_000)} ${'🦊'.repeat(5000)}` }] }),
    );
    messages.forEach(assertWithinDiscordLimits);
    for (const m of messages) {
      for (const e of m.embeds) expect(e.description).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(allText(messages).split('🦊').length - 1).toBeGreaterThanOrEqual(5000);
  });
});
