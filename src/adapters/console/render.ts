import type { Reply } from '../../core/reply.js';
import { formatCitationLine } from '../../core/reply.js';

const bold = (s: string, color: boolean) => (color ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string, color: boolean) => (color ? `\x1b[2m${s}\x1b[22m` : s);

/** Strips terminal control sequences from untrusted text so an article cannot repaint the screen. */
export function stripControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** Terminal text for a reply: headings in bold, numbered sources, the provenance footer dimmed. */
export function renderConsole(reply: Reply, opts: { color?: boolean } = {}): string {
  const color = opts.color ?? false;
  const out: string[] = [];
  if (reply.title) out.push(bold(stripControl(reply.title), color));
  for (const s of reply.sections) {
    if (s.heading) out.push(bold(stripControl(s.heading), color));
    out.push(stripControl(s.text));
  }
  if (reply.citations.length) {
    out.push(bold('Sources', color));
    for (const c of reply.citations) out.push(stripControl(formatCitationLine(c)));
  }
  if (reply.provenance?.footer) out.push(dim(`— ${stripControl(reply.provenance.footer)}`, color));
  return out.join('\n');
}
