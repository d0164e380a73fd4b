import { dayOf } from '../src/core/citations.js';
import { defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { feedLabel } from '../src/feeds/describe-feed.js';
import type { StoreStats } from '../src/store/article-store.js';

/** Articles whose sentences were flagged at ingest as prompt injection: operators should look at them. */
function flaggedText(injected: NonNullable<StoreStats['injected']>): string {
  const n = injected.articles;
  const lines = [
    `${n} article${n === 1 ? ' holds' : 's hold'} sentences that address an AI model (instructions, role-play, hidden text). ` +
      'Those sentences are kept out of answers, briefs, digests and LLM prompts.',
    ...injected.listed.map((a) => `• ${a.title} (${a.id}): ${a.sentences} sentence${a.sentences === 1 ? '' : 's'}`),
  ];
  if (n > injected.listed.length) lines.push(`…and ${n - injected.listed.length} more.`);
  return lines.join('\n');
}

export default defineCommand({
  name: 'sources',
  description: 'What the store holds: article counts, newest and oldest, and sources',
  options: {},
  async run({ services }) {
    const s = await services.store.stats();
    const lines = [
      `${s.articles} article${s.articles === 1 ? '' : 's'} (${s.sentences} sentences) in ${services.store.location}.`,
    ];
    if (s.newest) lines.push(`Newest: ${s.newest.title} (${dayOf(s.newest)})`);
    if (s.oldest && s.oldest.id !== s.newest?.id) lines.push(`Oldest: ${s.oldest.title} (${dayOf(s.oldest)})`);
    const perSource = s.perSource.map((p) => `• ${p.source}: ${p.count}`).join('\n');
    const sections = [{ heading: 'Store', text: lines.join('\n') }];
    if (perSource) sections.push({ heading: 'By source', text: perSource });
    const feeds = services.feeds ? await services.feeds.list() : [];
    if (feeds.length) {
      const counts = await services.feeds!.articleCounts();
      const lines = feeds.map(
        (f) =>
          `• Feed ${f.id}, ${feedLabel(f)}: ${counts.get(f.id) ?? 0}${f.lastError ? ' (failing; see /feeds list)' : ''}`,
      );
      sections.push({ heading: 'By feed', text: lines.join('\n') });
    }
    if (s.injected?.articles)
      sections.push({ heading: 'Flagged: text addressed to AI models', text: flaggedText(s.injected) });
    sections.push({
      heading: 'Summaries',
      text: services.llm?.describe() ?? 'Offline: extractive summaries (no LLM configured).',
    });
    return reply({ title: 'Sources', sections, data: s });
  },
});
