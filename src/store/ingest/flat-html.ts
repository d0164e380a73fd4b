import { Tokenizer } from 'htmlparser2';
import { hiddenByAttributes } from './hidden-html.js';
import { BLOCK, paragraphs, SKIP, type TextStats } from './html-to-text.js';

/** The outcome of one streaming pass over an HTML document. */
export interface FlatHtml {
  /** The deepest nesting of elements seen. */
  depth: number;
  /** The text, block by block, as domToText would give it for the whole document. */
  text: string;
  stats: TextStats;
}

/** Elements that never have content or a closing tag. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements a sibling of the same name closes ("<p>a<p>b", "<li>a<li>b"). */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);

interface Open {
  name: string;
  skip: boolean;
  block: boolean;
}

/**
 * Reads HTML as a stream of tokens (htmlparser2's tokenizer), building no tree and keeping its own
 * stack of open elements: its cost is linear in the input and it cannot overflow the call stack
 * however deeply elements nest. (A DOM parse took 25 s on 100,000 nested divs, htmlparser2's own
 * Parser grows with the square of the depth, and article extraction overflowed the stack at
 * 10,000.) Leaves out what domToText leaves out: scripts, styles, forms and hidden elements.
 */
export function flatHtml(raw: string): FlatHtml {
  const out: string[] = [];
  const stats: TextStats = { hidden: 0 };
  const stack: Open[] = [];
  let skipDepth = 0;
  let depth = 0;
  let tag = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';

  const pop = () => {
    const top = stack.pop()!;
    if (top.skip) skipDepth--;
    else if (top.block && skipDepth === 0) out.push('\n\n');
  };
  const open = (selfClosing: boolean) => {
    const upper = tag.toUpperCase();
    if (VOID.has(tag) || selfClosing) {
      if (skipDepth === 0 && upper === 'BR') out.push('\n');
      else if (skipDepth === 0 && BLOCK.has(upper)) out.push('\n\n');
      return;
    }
    if (SELF_CLOSING_SIBLINGS.has(tag) && stack[stack.length - 1]?.name === tag) pop();
    const hidden = hiddenByAttributes((a) => attrs[a]);
    if (hidden && skipDepth === 0) stats.hidden++;
    const entry = { name: tag, skip: SKIP.has(upper) || hidden, block: BLOCK.has(upper) };
    stack.push(entry);
    if (stack.length > depth) depth = stack.length;
    if (entry.skip) skipDepth++;
    else if (entry.block && skipDepth === 0) out.push('\n\n');
  };
  const close = (name: string) => {
    // The nearest open element of that name; a stray closing tag closes nothing.
    let at = stack.length - 1;
    while (at >= 0 && stack[at].name !== name) at--;
    if (at < 0) return;
    while (stack.length > at) pop();
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = raw.slice(start, end).toLowerCase();
        attrs = {};
      },
      onattribname(start, end) {
        attrName = raw.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += raw.slice(start, end);
      },
      onattribentity(codepoint) {
        attrValue += String.fromCodePoint(codepoint);
      },
      onattribend() {
        attrs[attrName] = attrValue;
      },
      onopentagend: () => open(false),
      onselfclosingtag: () => open(true),
      onclosetag(start, end) {
        close(raw.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        if (skipDepth === 0) out.push(raw.slice(start, end).replace(/\s+/g, ' '));
      },
      ontextentity(codepoint) {
        if (skipDepth === 0) out.push(String.fromCodePoint(codepoint));
      },
      oncdata: () => undefined,
      oncomment: () => undefined,
      ondeclaration: () => undefined,
      onprocessinginstruction: () => undefined,
      onend: () => undefined,
    },
  );
  tokenizer.write(raw);
  tokenizer.end();
  return { depth, text: paragraphs(out.join('')), stats };
}
