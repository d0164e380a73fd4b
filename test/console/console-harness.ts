import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter.js';
import type { BotPort } from '../../src/core/bot.js';
import type { ContractHarness } from '../contract/adapter-contract.js';

/** Drives the console adapter through real streams, as a person typing at a terminal would. */
export async function consoleHarness(
  bot: BotPort,
  opts: { banner?: () => Promise<string> } = {},
): Promise<ContractHarness & { output: string[] }> {
  const input = new PassThrough();
  const out = new PassThrough();
  const output: string[] = [];
  const waiters: (() => void)[] = [];
  out.on('data', (chunk: Buffer) => {
    output.push(String(chunk));
    for (const w of waiters.splice(0)) w();
  });
  const adapter = new ConsoleAdapter({ input, output: out, interactive: false, banner: opts.banner });
  await adapter.start(bot);
  const nextOutput = () => new Promise<void>((resolve) => waiters.push(resolve));
  return {
    adapter,
    output,
    channel: { platform: 'console', id: 'console' },
    async invoke(command, text) {
      const seen = output.length;
      input.write(`/${command} ${text}\n`);
      while (output.length === seen) await nextOutput();
      return output.slice(seen).join('');
    },
    async posted() {
      return output.filter((o) => o.includes('[digest for'));
    },
    async close() {
      input.end();
    },
  };
}
