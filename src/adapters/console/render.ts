import { citeEachSourceOnce } from '../../core/citations.js';
import type { Reply } from '../../core/reply.js';
import { formatCitationLine } from '../../core/reply.js';

const bold = (s: string, color: boolean) => (color ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string, color: boolean) => (color ? `\x1b[2m${s}\x1b[22m` : s);

/** Strips terminal control sequences from untrusted text so an article cannot repaint the screen. */
export function stripControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** `**word**` (search highlights) in bold at a terminal, and as the plain word anywhere else. */
function emphasis(s: string, color: boolean): string {
  return s.replace(/\*\*([^*\n]+?)\*\*/g, (_m, word: string) => bold(word, color));
}

/** Terminal text for a reply: headings in bold, numbered sources, the provenance footer dimmed. */
export function renderConsole(original: Reply, opts: { color?: boolean } = {}): string {
  const reply = citeEachSourceOnce(original);
  const color = opts.color ?? false;
  const out: string[] = [];
  if (reply.title) out.push(bold(stripControl(reply.title), color));
  for (const s of reply.sections) {
    if (s.heading) out.push(bold(stripControl(s.heading), color));
    out.push(emphasis(stripControl(s.text), color));
  }
  if (reply.citations.length) {
    out.push(bold('Sources', color));
    for (const c of reply.citations) out.push(stripControl(formatCitationLine(c)));
  }
  if (reply.provenance?.footer) out.push(dim(`— ${stripControl(reply.provenance.footer)}`, color));
  return out.join('\n');
}
