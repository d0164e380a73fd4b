/**
 * Slack mrkdwn helpers. Slack treats `<…>` as control sequences (links, `<!channel>` mentions,
 * `<@U…>` user mentions) and `&` as the start of an entity, so every untrusted string goes
 * through `escapeMrkdwn` before it reaches `text` or a mrkdwn block.
 */

/** Escapes the three characters Slack asks apps to escape; `<!everyone>` becomes inert text. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A link target Slack can show: http(s) only, normalised by WHATWG URL (which percent-encodes
 * spaces, quotes and angle brackets), with `|` encoded because it separates the label.
 */
export function safeLinkUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // A link longer than this is more likely junk than a source; show the title alone.
  if (url.href.length > 1500) return undefined;
  return escapeMrkdwn(url.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E'));
}

/** A `<url|label>` link, or the label alone when the URL is unusable; label is escaped here. */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const safe = safeLinkUrl(url);
  const text = escapeMrkdwn(label).replace(/\|/g, '¦');
  return safe ? `<${safe}|${text}>` : text;
}

/** Cuts text to at most `max` characters on a word boundary, adding an ellipsis; never splits an `&…;` entity. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  if (space > max * 0.6) cut = cut.slice(0, space);
  cut = dropPartialEntity(cut);
  return `${cut.trimEnd()}…`;
}

/** Splits (already escaped) text into pieces of at most `max` characters, preferring paragraph, line, sentence and word breaks. */
export function chunkText(s: string, max: number): string[] {
  const out: string[] = [];
  let rest = s.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut =
      lastBreak(window, /\n\n/g, max * 0.5) ??
      lastBreak(window, /\n/g, max * 0.5) ??
      lastBreak(window, /[.!?]["”’)]?\s/g, max * 0.5) ??
      lastBreak(window, /\s/g, max * 0.3);
    if (cut === undefined) cut = dropPartialEntity(window).length || max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out.filter((p) => p.length > 0);
}

/** Index just after the last match of `re` in `s`, if it is at least `min` characters in. */
function lastBreak(s: string, re: RegExp, min: number): number | undefined {
  let best: number | undefined;
  for (const m of s.matchAll(re)) {
    const end = m.index + m[0].length;
    if (end >= min) best = end;
  }
  return best;
}

/** Removes a trailing incomplete entity such as "&am" left by a cut. */
function dropPartialEntity(s: string): string {
  return s.replace(/&[a-z]{0,4}$/, '');
}

/**
 * Slash-command text as the user typed it. Slack sends `&`, `<`, `>` as entities and, with
 * should_escape off, may still wrap what it auto-links: `<https://x|x>`, `<#C1|general>`,
 * `<@U1|ana>`, `<!here>`. Unwrapped to readable text first, then the entities decoded, so a
 * question about "AT&T" reaches the core as "AT&T" and is escaped exactly once on the way out.
 */
export function decodeSlashText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => label || url)
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `@${name || id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>/g, (_m, word: string, label?: string) => label || `@${word}`)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
