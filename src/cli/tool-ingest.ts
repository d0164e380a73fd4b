import { openApp } from '../app/open-app.js';
import { UserError } from '../core/errors.js';
import { ingestProgressBar } from './ingest-progress.js';
import type { Tool } from './tools.js';
import { toolArgs } from './tools.js';

/** `briefbot ingest PATH...`: files, folders and JSON Lines; a count of added/updated/skipped with reasons. */
const ingest: Tool = async (args) => {
  const { values, positionals } = toolArgs(args, {});
  if (!positionals.length) throw new UserError('MISSING_PATH', 'Usage: briefbot ingest PATH... (files, folders or .jsonl)');
  const app = await openApp({ role: 'cli', storePath: values.store as string | undefined });
  const bar = process.stderr.isTTY && !values.json ? ingestProgressBar(process.stderr) : undefined;
  try {
    const report = await app.ingest(positionals, (done, total, detail) => bar?.update(done, total, detail));
    bar?.stop();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      const lines = [`Added ${report.added}, updated ${report.updated}, skipped ${report.skipped.length}.`];
      for (const s of report.skipped) lines.push(`  skipped ${s.origin}: ${s.reason}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  } finally {
    bar?.stop();
    await app.close();
  }
};
export default ingest;
