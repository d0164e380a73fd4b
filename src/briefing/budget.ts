import type { Platform } from '../core/invocation.js';
import type { Citation, Section } from '../core/reply.js';

/**
 * How much one briefing message may hold on each platform, so it is posted as ONE message within
 * the platform's limits (PLATFORM-FACTS.md) and the renderers never have to split or cut it:
 * - Slack: 50 blocks and 3,000 characters a section; the Slack renderer also starts a new message
 *   past 12,000 characters of blocks (SLACK_LIMITS.messageChars). A story is one section and the
 *   sources take one section per 3,000 characters, so 10 stories stay far below 50 blocks.
 * - Discord: 6,000 characters across a message's embeds and 10 embeds; the renderer packs running
 *   text and sources into embeds of up to 4,096 characters and adds a footer.
 * The character budgets leave room for what escaping adds (measured by `renderedChars`) and for
 * the renderers' own framing, checked by test/briefing/briefing-limits.test.ts with the real renderers.
 */
export interface BriefingBudget {
  /** Estimated rendered characters of the whole message. */
  chars: number;
  /** Stories shown at most: past ten, a briefing stops being one. */
  stories: number;
  /** Characters of one story's section (Slack's section limit, with room for escaping). */
  sectionChars: number;
}

const STORIES = 10;

export const BUDGETS: Record<Platform, BriefingBudget> = {
  slack: { chars: 10_500, stories: STORIES, sectionChars: 2_600 },
  discord: { chars: 5_200, stories: STORIES, sectionChars: 2_600 },
  console: { chars: 16_000, stories: STORIES, sectionChars: 4_000 },
  cli: { chars: 16_000, stories: STORIES, sectionChars: 4_000 },
};

/** Characters a citation costs in the Sources list at most (the renderers cut titles and quotes longer than these). */
const CITATION_TITLE = 200;
const CITATION_QUOTE = 300;
const CITATION_FRAME = 40;
const URL_MAX = 512;

/**
 * An upper estimate of a message's rendered size: the text, plus one character per character that
 * Slack (&, <, >) or Discord (markdown punctuation) escapes, plus each source as the renderers cut it.
 */
export function renderedChars(
  title: string | undefined,
  sections: readonly Section[],
  citations: readonly Citation[],
): number {
  let n = escaped(title ?? '');
  for (const s of sections) n += escaped(s.heading ?? '') + escaped(s.text) + 8;
  for (const c of citations) {
    n +=
      CITATION_FRAME +
      escaped(c.title.slice(0, CITATION_TITLE)) +
      escaped(c.quote.slice(0, CITATION_QUOTE)) +
      Math.min(c.url?.length ?? 0, URL_MAX) * 2;
  }
  return n;
}

/** Length after the stricter of the two escapings: Slack's entities (&amp; is 5) or Discord's backslashes. */
function escaped(s: string): number {
  let extra = 0;
  for (const ch of s) {
    if (ch === '&') extra += 4;
    else if (ch === '<' || ch === '>') extra += 3;
    else if ('\\*_~`|#-[]()@'.includes(ch)) extra += 1;
  }
  return s.length + extra;
}
