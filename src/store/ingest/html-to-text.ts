import { parseHTML } from 'linkedom';

/** Elements whose content forms its own paragraph. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TR', 'UL',
]);
/** Elements whose content is never article text. */
const SKIP = new Set(['HEAD', 'TITLE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'BUTTON', 'FORM']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}

/**
 * The readable text of a DOM node: one paragraph per block element, separated by blank lines,
 * whitespace inside a paragraph collapsed, <br> kept as a line break. Works on any DOM
 * (linkedom here), so the HTML is parsed by a real parser, never by patterns.
 */
export function domToText(root: DomNode): string {
  const out: string[] = [];
  walk(root, out);
  return out
    .join('')
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

function walk(node: DomNode, out: string[]): void {
  if (node.nodeType === 3) {
    out.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  const name = node.nodeName.toUpperCase();
  if (SKIP.has(name)) return;
  if (name === 'BR') {
    out.push('\n');
    return;
  }
  const block = BLOCK.has(name);
  if (block) out.push('\n\n');
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) walk(children[i], out);
  if (block) out.push('\n\n');
}

/** The text of an HTML string or fragment (feed item bodies), without article extraction. */
export function htmlToText(html: string): string {
  return domToText(parseHTML(html).document as unknown as DomNode);
}
