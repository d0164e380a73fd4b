import { dayOf } from '../src/core/citations.js';
import { defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { feedLabel } from '../src/feeds/describe-feed.js';

export default defineCommand({
  name: 'sources',
  description: 'What the store holds: article counts, newest and oldest, and sources',
  options: {},
  async run({ services }) {
    const s = await services.store.stats();
    const lines = [`${s.articles} article${s.articles === 1 ? '' : 's'} (${s.sentences} sentences) in ${services.store.location}.`];
    if (s.newest) lines.push(`Newest: ${s.newest.title} (${dayOf(s.newest)})`);
    if (s.oldest && s.oldest.id !== s.newest?.id) lines.push(`Oldest: ${s.oldest.title} (${dayOf(s.oldest)})`);
    const perSource = s.perSource.map((p) => `• ${p.source}: ${p.count}`).join('\n');
    const sections = [{ heading: 'Store', text: lines.join('\n') }];
    if (perSource) sections.push({ heading: 'By source', text: perSource });
    const feeds = services.feeds ? await services.feeds.list() : [];
    if (feeds.length) {
      const counts = await services.feeds!.articleCounts();
      const lines = feeds.map((f) => `• Feed ${f.id}, ${feedLabel(f)}: ${counts.get(f.id) ?? 0}${f.lastError ? ' (failing; see /feeds list)' : ''}`);
      sections.push({ heading: 'By feed', text: lines.join('\n') });
    }
    sections.push({ heading: 'Summaries', text: services.llm?.describe() ?? 'Offline: extractive summaries (no LLM configured).' });
    return reply({ title: 'Sources', sections, data: s });
  },
});
