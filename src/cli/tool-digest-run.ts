import { Readable } from 'node:stream';
import * as chrono from 'chrono-node/en';
import { openApp } from '../app/open-app.js';
import { configuredAdapters } from '../app/start-adapters.js';
import { ConsoleAdapter } from '../adapters/console/console-adapter.js';
import { replyToPlainText } from '../core/reply.js';
import { UserError } from '../core/errors.js';
import { formatInZone } from '../digest/compose.js';
import { InFlight } from '../in-flight.js';
import type { Tool } from './tools.js';
import { toolArgs } from './tools.js';

/** An ISO time, or a relative one ("in 1 hour", "tomorrow 08:00", read in local time) for trying a fresh subscription. */
function parseWhen(text: string, now: Date): Date | undefined {
  const iso = new Date(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text.trim()) && !Number.isNaN(iso.getTime())) return iso;
  return chrono.parseDate(text, now, { forwardDate: true }) ?? undefined;
}

/**
 * `briefbot digest run --at ISO_TIME [--dry-run]`: runs the schedule as of a moment, for operators
 * and tests. Posts go through the configured doors; console subscriptions print here.
 */
const digestRun: Tool = async (args) => {
  const { values } = toolArgs(args, { at: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  const at = values.at ? parseWhen(values.at as string, new Date()) : new Date();
  if (!at)
    throw new UserError(
      'BAD_TIME',
      `--at must be a time such as 2021-10-11T13:00:00Z or "in 1 hour" (got "${values.at}").`,
    );
  const app = await openApp({ role: 'cli', storePath: values.store as string | undefined });
  const json = Boolean(values.json);
  const started: { stop(): Promise<void> }[] = [];
  try {
    const consoleOut = new ConsoleAdapter({ input: Readable.from([]), output: json ? process.stderr : process.stdout });
    app.adapters.set('console', consoleOut);
    if (!values['dry-run']) {
      const doors = await configuredAdapters(app.config, app.logger, {
        banner: async () => '',
        onQuit: () => undefined,
        chat: app.chat,
        inFlight: new InFlight(),
        onWorkspaceRemoved: (workspace) => app.digests.forgetWorkspace('slack', workspace),
      });
      for (const door of doors.filter((d) => d.platform !== 'console')) {
        await door.start(app.bot);
        started.push(door);
        app.adapters.set(door.platform, door);
      }
    }
    const reports = await app.digests.runSchedule(at, { dryRun: Boolean(values['dry-run']) });
    if (json) {
      process.stdout.write(`${JSON.stringify(reports)}\n`);
    } else if (!reports.length) {
      process.stdout.write(`No subscription is due at ${at.toISOString()}.\n`);
    } else {
      for (const r of reports) {
        // In the subscription's timezone, as the digest itself and /digest list show its times.
        const when = (iso: string) => (r.timezone ? formatInZone(iso, r.timezone) : iso);
        const slots = r.slots
          .map((s) => `${when(s.scheduledFor)} ${s.state}${s.note ? ` (${s.note})` : ''}`)
          .join('; ');
        process.stdout.write(`${r.channel}: ${slots || 'nothing due'}\n`);
        if (r.preview) process.stdout.write(`${replyToPlainText(r.preview)}\n\n`);
      }
    }
    return 0;
  } finally {
    for (const door of started) await door.stop();
    await app.close();
  }
};
export default digestRun;
