import matter from 'gray-matter';
import { Lexer, Parser, type Token } from 'marked';
import { parse as parseYaml } from 'yaml';
import { htmlToText } from '../html-to-text.js';
import { fromFields } from './fields.js';
import { articles, type ReadResult } from './reader.js';

function refuse(language: string) {
  return () => {
    throw new Error(`${language} front matter is not accepted (only YAML and JSON)`);
  };
}

/**
 * gray-matter's default engines include one that eval()s `---js` front matter: a dropped file
 * could run code. Only data formats are allowed. YAML goes through the `yaml` package (YAML 1.2),
 * which keeps dates as strings.
 */
const options = {
  engines: {
    yaml: (s: string) => (parseYaml(s) ?? {}) as object,
    javascript: refuse('JavaScript'),
    js: refuse('JavaScript'),
    coffee: refuse('CoffeeScript'),
  },
};

/**
 * Markdown with optional YAML front matter (title, published|date, source, url, authors, id).
 * The body is rendered by marked and turned into text like HTML (so links, emphasis and lists
 * lose their markup, and paragraphs stay apart). Without a front-matter title, a leading
 * level-one heading becomes the title.
 */
export function readMarkdown(raw: string, origin: string): ReadResult {
  // Passing options also keeps gray-matter from caching every input string for the process's life.
  const parsed = matter(raw.replace(/\r\n?/g, '\n'), options);
  const data = parsed.data;
  const meta: Record<string, unknown> = data && typeof data === 'object' && !Array.isArray(data) ? { ...data } : {};
  const tokens = new Lexer().lex(parsed.content);
  const firstIndex = tokens.findIndex((t) => t.type !== 'space');
  const first = tokens[firstIndex] as Token | undefined;
  if (first?.type === 'heading' && first.depth === 1) {
    if (meta.title === undefined) meta.title = htmlToText(new Parser().parseInline(first.tokens ?? []));
    tokens.splice(firstIndex, 1);
  }
  const text = htmlToText(new Parser().parse(tokens));
  if (!text) return articles([], [{ origin, reason: 'no text' }]);
  return articles([fromFields(meta, text, origin)]);
}
