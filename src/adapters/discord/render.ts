/**
 * Reply → Discord messages. Sections go into embed descriptions, citations into "Sources" embeds as
 * linked titles with dates, numbered exactly as the markers in the text. Every message stays
 * within every limit in LIMITS; a long reply becomes several messages (sent as follow-ups), and a
 * citation is never split between two of them.
 */
import type { APIEmbed } from 'discord.js';
import { citationDay, citeEachSourceOnce } from '../../core/citations.js';
import type { Citation, Reply } from '../../core/reply.js';
import { LIMITS } from './limits.js';
import { escapeUntrusted } from './markdown.js';
import { splitText, truncate } from './split-text.js';

/** A message body ready for the API; `allowed_mentions` is always empty so nothing echoed pings. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: { parse: [] };
}

export interface RenderOptions {
  /** A delivery marker (digest run id) shown in the first message's footer, for findMarker. */
  marker?: string;
}

const COLOR_ANSWER = 0x2f6fb0;
const COLOR_UNANSWERED = 0x8a8f98;
/** Longest piece of running text handled at once; small enough to pack embeds tightly. */
const PIECE = 900;
const TITLE_MAX = 200;
const QUOTE_MAX = 300;
const URL_MAX = 512;

/** Article text cannot fake links, headings, formatting or mentions. */
const esc = escapeUntrusted;

/** Body text: escaped, except the citation markers, which stay as the plain "[n]" readers match with Sources. */
function escBody(text: string): string {
  return esc(text).replace(/\\\[(\d{1,4})\\\]/g, '[$1]');
}

/** Only http(s) URLs become links; parentheses are encoded so they cannot end the markdown link early. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url || url.length > URL_MAX) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.toString().replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return undefined;
  }
}

/** One source as an atomic block: "[n] [Title](url) · 2024-05-03" and the quoted sentence. */
export function citationEntry(c: Citation): string {
  // Brackets are escaped too, so a title cannot close the link text or open another link.
  const title = esc(truncate(c.title.replace(/\s+/g, ' ').trim() || c.articleId, TITLE_MAX));
  const url = safeUrl(c.url);
  const link = url ? `[${title}](<${url}>)` : title;
  const day = citationDay(c);
  // Our own text (a day and, for a guess, a fixed note), so not escaped: Discord would show the backslashes.
  const date = day ? ` · ${day}` : '';
  const quote = c.quote.trim() ? `\n> ${esc(truncate(c.quote.replace(/\s+/g, ' ').trim(), QUOTE_MAX))}` : '';
  return `**[${c.n}]** ${link}${date}${quote}`;
}

interface Piece {
  text: string;
  /** Put between this piece and the previous one when they share an embed. */
  joiner: string;
  /** Start a new embed with this title. */
  title?: string;
}

function bodyPieces(reply: Reply): Piece[] {
  const out: Piece[] = [];
  let first = true;
  for (const section of reply.sections) {
    const paragraphs = section.text.split(/\n+/).map((para) => splitText(para, PIECE).map(escBody));
    if (section.heading) paragraphs.unshift([`**${esc(truncate(section.heading, PIECE))}**`]);
    for (const para of paragraphs) {
      para.forEach((text, i) => {
        out.push({
          text,
          joiner: i > 0 ? ' ' : first ? '' : '\n',
          ...(first && reply.title ? { title: truncate(reply.title, LIMITS.title) } : {}),
        });
        first = false;
      });
    }
  }
  return out;
}

function sourcePieces(citations: Citation[]): Piece[] {
  return [...citations]
    .sort((a, b) => a.n - b.n)
    .map((c, i) => ({ text: citationEntry(c), joiner: '\n', ...(i === 0 ? { title: 'Sources' } : {}) }));
}

/** Fills embeds and messages in order, never exceeding the per-embed or per-message limits. */
class Packer {
  readonly messages: APIEmbed[][] = [];
  private used = 0;

  constructor(
    private readonly budget: number,
    private readonly color: number,
  ) {}

  add(p: Piece, continuedTitle?: string): void {
    const msg = this.messages[this.messages.length - 1];
    const embed = msg?.[msg.length - 1];
    const fitsEmbed =
      embed && !p.title && (embed.description?.length ?? 0) + p.joiner.length + p.text.length <= LIMITS.description;
    if (fitsEmbed && this.used + p.joiner.length + p.text.length <= this.budget) {
      embed.description = `${embed.description}${p.joiner}${p.text}`;
      this.used += p.joiner.length + p.text.length;
      return;
    }
    const title = p.title;
    const cost = (title?.length ?? 0) + p.text.length;
    if (!msg || msg.length >= LIMITS.embedsPerMessage || this.used + cost > this.budget) {
      // A new message: repeat the section's title so a follow-up reads on its own.
      const t = title ?? continuedTitle;
      this.messages.push([this.embed(t, p.text)]);
      this.used = (t?.length ?? 0) + p.text.length;
      return;
    }
    msg.push(this.embed(title, p.text));
    this.used += cost;
  }

  private embed(title: string | undefined, description: string): APIEmbed {
    return { ...(title ? { title } : {}), description, color: this.color };
  }
}

function footerFor(reply: Reply, opts: RenderOptions, index: number, count: number): string | undefined {
  const parts: string[] = [];
  if (reply.provenance?.footer) parts.push(truncate(reply.provenance.footer, 500));
  if (count > 1) parts.push(`part ${index + 1}/${count}`);
  if (opts.marker && index === 0) parts.push(`ref ${truncate(opts.marker, 200)}`);
  return parts.length ? parts.join(' · ') : undefined;
}

/** Renders a reply as one or more Discord messages, the first to answer and the rest as follow-ups. */
export function renderReply(original: Reply, opts: RenderOptions = {}): DiscordMessage[] {
  const reply = citeEachSourceOnce(original);
  const none = { parse: [] as [] };
  const plain = escBody(reply.sections.map((s) => (s.heading ? `${s.heading}\n${s.text}` : s.text)).join('\n\n'));
  // Short plain notices (errors, confirmations) read better as text than as a card.
  if (
    !reply.title &&
    reply.citations.length === 0 &&
    !reply.provenance?.footer &&
    !opts.marker &&
    plain.length <= LIMITS.content &&
    plain.trim()
  ) {
    return [{ content: plain, embeds: [], allowed_mentions: none }];
  }
  // Room for the longest footer any message can get.
  const reserve = (footerFor(reply, opts, 0, 999)?.length ?? 0) + 20;
  const packer = new Packer(
    LIMITS.totalPerMessage - reserve,
    reply.answered === false ? COLOR_UNANSWERED : COLOR_ANSWER,
  );
  const body = bodyPieces(reply);
  if (body.length === 0 && reply.title)
    body.push({ text: '\u200b', joiner: '', title: truncate(reply.title, LIMITS.title) });
  for (const p of body) packer.add(p);
  for (const p of sourcePieces(reply.citations)) packer.add(p, 'Sources (continued)');
  if (packer.messages.length === 0) return [{ content: '(nothing to show)', embeds: [], allowed_mentions: none }];
  return packer.messages.map((embeds, i, all) => {
    const footer = footerFor(reply, opts, i, all.length);
    if (footer) embeds[embeds.length - 1].footer = { text: truncate(footer, LIMITS.footer) };
    return { embeds, allowed_mentions: none };
  });
}
