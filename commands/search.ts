import { articleCitation, dayOf } from '../src/core/citations.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { queryTerms } from '../src/core/query-terms.js';
import { STOP_WORDS } from '../src/text/stopwords.js';
import { reply, type Citation } from '../src/core/reply.js';

export default defineCommand({
  name: 'search',
  description: 'Find articles, with a highlighted snippet, by relevance or newest first',
  usage: '/search fentanyl order:newest',
  options: {
    query: { type: 'string', description: 'Words to look for', required: true, maxLength: 500, rest: true },
    order: {
      type: 'string',
      description: 'relevance (default) or newest',
      choices: ['relevance', 'newest'] as const,
      aka: ['sort', 'sort-by', 'sortby'],
    },
    limit: { type: 'integer', description: 'How many results (1-20)', min: 1, max: 20, aka: ['count', 'max', 'top'] },
  },
  async run({ options, services }) {
    const words = queryTerms(options.query);
    if (!words.length) throw new UserError('EMPTY_QUERY', 'Please give some words to search for.');
    // "the fentanyl" looks for fentanyl: a stop word would match (and highlight) nearly every article.
    const content = words.filter((w) => !STOP_WORDS.has(w));
    const terms = content.length ? content : words;
    const order = options.order === 'newest' ? 'newest' : 'relevance';
    const hits = await services.store.searchArticles(terms, { limit: options.limit ?? 5, order });
    if (!hits.length) {
      return reply({
        sections: [{ text: `No articles in the store match “${options.query}”.` }],
        answered: false,
        data: [],
      });
    }
    // Snippets can span paragraph breaks; one line each reads better in every door.
    for (const h of hits) h.snippet = h.snippet.replace(/\s+/g, ' ').trim();
    const citations: Citation[] = hits.map((h, i) => articleCitation(h.article, i + 1, h.snippet.replace(/\*\*/g, '')));
    const lines = hits.map(
      (h, i) =>
        `${i + 1}. ${h.article.title}${h.article.published ? ` (${dayOf(h.article)})` : ''}: ${h.snippet} [${i + 1}]`,
    );
    return reply({
      title: `Search: ${options.query}`,
      sections: [
        {
          heading: `${hits.length} result${hits.length === 1 ? '' : 's'}, ${order === 'newest' ? 'newest first' : 'most relevant first'}`,
          text: lines.join('\n'),
        },
      ],
      citations,
      answered: true,
      data: hits.map((h) => ({
        articleId: h.article.id,
        title: h.article.title,
        published: h.article.published,
        snippet: h.snippet,
        score: h.score,
      })),
    });
  },
});
