import type { types } from '@slack/bolt';
import { citationDay, citeEachSourceOnce } from '../../core/citations.js';
import type { Citation, Reply } from '../../core/reply.js';
import { chunkText, escapeMrkdwn, mrkdwnLink, truncate } from './mrkdwn.js';

export type SlackBlock = types.KnownBlock;

/** One Slack message: blocks plus the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's limits (PLATFORM-FACTS.md) and the tighter budgets this renderer keeps. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextText: 3000,
  /** Slack truncates `text` past 40,000 characters and asks to keep it near 4,000. */
  fallbackText: 3900,
  /** Our own budget for all block text in one message, so a long reply reads as several posts, not one wall. */
  messageChars: 12_000,
  citationTitle: 300,
  citationQuote: 1200,
  footer: 1000,
} as const;

export interface RenderOptions {
  /** Blocks put at the top of the first message (e.g. "Shared by @someone"). Trusted mrkdwn. */
  prefix?: SlackBlock[];
  /** Blocks put at the end of the last message (e.g. the "Share in channel" button). */
  suffix?: SlackBlock[];
}

interface Unit {
  block: SlackBlock;
  /** The text it shows, as escaped mrkdwn, for the fallback and the size budget. */
  chars: string;
}

/**
 * Turns a platform-neutral reply into one or more Slack messages that keep every limit. A unit
 * (a section chunk, a group of whole citations) never straddles two messages, so a citation is
 * never broken.
 */
export function renderReply(reply: Reply, opts: RenderOptions = {}): SlackMessage[] {
  const units = replyUnits(citeEachSourceOnce(reply));
  const prefix = opts.prefix ?? [];
  const suffix = opts.suffix ?? [];
  const messages: Unit[][] = [[]];
  let size = 0;
  for (const unit of units) {
    const current = messages[messages.length - 1];
    const reserved = prefix.length * Number(messages.length === 1) + suffix.length;
    const full =
      current.length + 1 + reserved > SLACK_LIMITS.blocksPerMessage ||
      size + unit.chars.length > SLACK_LIMITS.messageChars;
    if (full && current.length > 0) {
      messages.push([unit]);
      size = unit.chars.length;
    } else {
      current.push(unit);
      size += unit.chars.length;
    }
  }
  return messages.map((msgUnits, i) => {
    const blocks = [
      ...(i === 0 ? prefix : []),
      ...msgUnits.map((u) => u.block),
      ...(i === messages.length - 1 ? suffix : []),
    ];
    const plain = msgUnits.map((u) => u.chars).join('\n');
    const text = closeLinks(truncate(plain || 'briefbot', SLACK_LIMITS.fallbackText));
    return { text, blocks };
  });
}

function replyUnits(reply: Reply): Unit[] {
  const units: Unit[] = [];
  if (reply.title?.trim()) {
    const title = truncate(reply.title.replace(/\s+/g, ' ').trim(), SLACK_LIMITS.headerText);
    // Header text is plain_text, where entities would show literally; angle brackets become look-alikes
    // instead, so a title can carry no control sequence whatever Slack does with plain text.
    const plain = title.replace(/</g, '‹').replace(/>/g, '›');
    units.push({
      block: { type: 'header', text: { type: 'plain_text', text: plain, emoji: false } },
      chars: escapeMrkdwn(title),
    });
  }
  for (const section of reply.sections) {
    const heading = section.heading?.trim()
      ? `*${truncate(escapeMrkdwn(section.heading.replace(/\s+/g, ' ').trim()), 200)}*\n`
      : '';
    // Replies mark emphasis (search highlights) as **word**; Slack's mrkdwn bold is *word*.
    const body = escapeMrkdwn(section.text ?? '').replace(/\*\*([^*\n]+)\*\*/g, '*$1*');
    const chunks = chunkText(body, SLACK_LIMITS.sectionText - heading.length);
    if (chunks.length === 0 && heading) chunks.push('');
    chunks.forEach((chunk, i) => {
      units.push(section_((i === 0 ? heading : '') + chunk));
    });
  }
  units.push(...citationUnits(reply.citations));
  const footer = reply.provenance?.footer?.trim();
  if (footer) {
    const text = truncate(escapeMrkdwn(footer), SLACK_LIMITS.footer);
    units.push({ block: { type: 'context', elements: [{ type: 'mrkdwn', text }] }, chars: `— ${text}` });
  }
  if (units.length === 0) units.push(section_('_(nothing to show)_'));
  return units;
}

function section_(text: string): Unit {
  const t = text.trim() || ' ';
  return { block: { type: 'section', text: { type: 'mrkdwn', text: t } }, chars: t };
}

/** Citations packed whole into as few sections as fit; the "Sources" label rides with the first. */
function citationUnits(citations: readonly Citation[]): Unit[] {
  const units: Unit[] = [];
  let current = '*Sources*';
  for (const c of citations) {
    const line = citationLine(c);
    if (current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      units.push(section_(current));
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (citations.length) units.push(section_(current));
  return units;
}

/** `[n] <url|title> · 2024-05-01` then the quoted sentence, all within one section's limit. */
export function citationLine(c: Citation): string {
  const title = truncate(c.title.replace(/\s+/g, ' ').trim() || c.articleId, SLACK_LIMITS.citationTitle);
  const day = citationDay(c);
  const date = day ? ` · ${escapeMrkdwn(day)}` : '';
  const quote = c.quote?.trim()
    ? `\n> ${truncate(escapeMrkdwn(c.quote.replace(/\s+/g, ' ').trim()), SLACK_LIMITS.citationQuote)}`
    : '';
  return `[${c.n}] ${mrkdwnLink(c.url, title)}${date}${quote}`;
}

/** Drops a `<url|title>` link the fallback's truncation cut in half, which Slack would show as raw markup. */
function closeLinks(text: string): string {
  const open = text.lastIndexOf('<');
  return open > text.lastIndexOf('>') ? `${text.slice(0, open).trimEnd()}…` : text;
}
