import { parseHTML } from 'linkedom';
import { hiddenByAttributes } from './hidden-html.js';

/** Elements whose content forms its own paragraph. */
export const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
]);
/** Elements whose content is never article text. */
export const SKIP = new Set([
  'HEAD',
  'TITLE',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'BUTTON',
  'FORM',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

/** What domToText left out, for the ingest report. */
export interface TextStats {
  /** Elements skipped because readers never see them (hidden, display:none, off-screen). */
  hidden: number;
}

/**
 * The readable text of a DOM node: one paragraph per block element, separated by blank lines,
 * whitespace inside a paragraph collapsed, <br> kept as a line break. Works on any DOM
 * (linkedom here), so the HTML is parsed by a real parser, never by patterns. The walk keeps its
 * own stack, so 10,000 nested elements cannot overflow the call stack; hidden elements are skipped.
 */
export function domToText(root: DomNode, stats: TextStats = { hidden: 0 }): string {
  const out: string[] = [];
  walk(root, out, stats);
  return paragraphs(out.join(''));
}

/** Text with "\n\n" between blocks, tidied: one space inside lines, no empty lines or paragraphs. */
export function paragraphs(raw: string): string {
  return raw
    .split(/\n{2,}/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** A node to visit, or the closing of a block element whose children are done. */
type Step = DomNode | 'close-block';

function walk(root: DomNode, out: string[], stats: TextStats): void {
  const stack: Step[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === 'close-block') {
      out.push('\n\n');
      continue;
    }
    if (node.nodeType === 3) {
      out.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    if (node.nodeType === 1 && node.getAttribute && hiddenByAttributes((a) => node.getAttribute!(a))) {
      stats.hidden++;
      continue;
    }
    if (name === 'BR') {
      out.push('\n');
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      out.push('\n\n');
      stack.push('close-block');
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** The text of an HTML string or fragment (feed item bodies), without article extraction. */
export function htmlToText(html: string, stats?: TextStats): string {
  return domToText(parseHTML(html).document as unknown as DomNode, stats);
}
