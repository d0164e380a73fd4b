import { openApp } from '../app/open-app.js';
import type { IngestReport } from '../store/ingest/ingest.js';
import { UserError } from '../core/errors.js';
import { ingestProgressBar } from './ingest-progress.js';
import type { Tool } from './tools.js';
import { toolArgs } from './tools.js';

/**
 * Nothing given could be read: no article stored or already there, and something was skipped
 * (a missing path, an unreadable or binary file, a file without text). A script must see that.
 */
function nothingRead(report: IngestReport): boolean {
  return (
    report.added + report.updated === 0 &&
    report.skipped.length > 0 &&
    !report.skipped.some((s) => s.reason.startsWith('duplicate of'))
  );
}

/** `briefbot ingest PATH...`: files, folders and JSON Lines; a count of added/updated/skipped with reasons. */
const ingest: Tool = async (args) => {
  const { values, positionals } = toolArgs(args, {});
  if (!positionals.length)
    throw new UserError('MISSING_PATH', 'Usage: briefbot ingest PATH... (files, folders or .jsonl)');
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
      for (const n of report.notes) lines.push(`  note ${n.origin}: ${n.note}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return nothingRead(report) ? 1 : 0;
  } finally {
    bar?.stop();
    await app.close();
  }
};
export default ingest;
