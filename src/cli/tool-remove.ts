import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApp } from '../app/open-app.js';
import { UserError } from '../core/errors.js';
import type { ArticleStore, RemoveMatch } from '../store/article-store.js';
import type { Tool } from './tools.js';
import { toolArgs } from './tools.js';

const USAGE =
  'Usage: briefbot remove ID|URL|PATH... (an article id, its url, or a file or folder it was read from), or briefbot remove --source NAME';

/**
 * What one argument names, tried in turn until something matches: an article id, a url, then a
 * path (a folder: every article read from a file below it; a file: the articles read from it,
 * which need not exist any more).
 */
function readings(target: string): RemoveMatch[] {
  const out: RemoveMatch[] = [{ id: target }];
  if (/^https?:\/\//i.test(target)) out.push({ url: target });
  const path = resolve(target);
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // A deleted file is still a path its articles were read from.
  }
  out.push(folder ? { folder: path } : { file: path });
  return out;
}

async function removeTarget(store: ArticleStore, target: string): Promise<string[]> {
  for (const match of readings(target)) {
    const ids = await store.removeArticles(match);
    if (ids.length) return ids;
  }
  return [];
}

const listed = (ids: string[]) =>
  ids.length <= 10 ? ids.join(', ') : `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more`;

/** `briefbot remove ID|URL|PATH... [--source NAME] [--json]`: takes articles out of the store and says how many went. */
const remove: Tool = async (args) => {
  const { values, positionals } = toolArgs(args, { source: { type: 'string' } });
  const source = values.source as string | undefined;
  if (!positionals.length && source === undefined) throw new UserError('MISSING_TARGET', USAGE);
  if (source !== undefined && !source.trim())
    throw new UserError('MISSING_TARGET', `--source needs a source name. ${USAGE}`);
  const app = await openApp({ role: 'cli', storePath: values.store as string | undefined });
  try {
    const results: { target: string; ids: string[] }[] = [];
    if (source !== undefined)
      results.push({ target: `source "${source}"`, ids: await app.store.removeArticles({ source: source.trim() }) });
    for (const target of positionals) results.push({ target, ids: await removeTarget(app.store, target) });
    const ids = results.flatMap((r) => r.ids);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ removed: ids.length, ids, targets: results.map((r) => ({ target: r.target, removed: r.ids.length })) })}\n`,
      );
    } else {
      const lines = [
        `Removed ${ids.length} article${ids.length === 1 ? '' : 's'}${ids.length ? `: ${listed(ids)}` : ''}.`,
      ];
      for (const r of results.filter((x) => !x.ids.length))
        lines.push(`  nothing in the store matches ${r.target.startsWith('source "') ? r.target : `"${r.target}"`}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    // Nothing removed is worth a non-zero exit: a mistyped id should not pass silently in a script.
    return ids.length ? 0 : 1;
  } finally {
    await app.close();
  }
};
export default remove;
