import { adapterContract } from '../contract/adapter-contract.js';
import { resolveTarget, type OptionSpecs } from '../../src/core/command.js';
import type { BotPort } from '../../src/core/bot.js';
import type { OptionValue } from '../fakes/discord-payloads.js';
import { startDiscordHarness, visibleText } from './discord-harness.js';

/** Discord sends typed values; turn the contract's chat text into what Discord would send. */
function typed(specs: OptionSpecs, raw: Record<string, string>): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    const spec = specs[k];
    out[k] = spec?.type === 'integer' ? Number(v) : spec?.type === 'boolean' ? /^(true|yes|on|1)$/i.test(v) : v;
  }
  return out;
}

adapterContract('discord', async (bot: BotPort) => {
  const h = await startDiscordHarness(bot);
  const channel = { platform: 'discord' as const, id: h.guild.channelId, workspace: h.guild.id };
  return {
    adapter: h.adapter,
    channel,
    async invoke(command, text, opts = {}) {
      const { subcommand, options } = bot.parseText(command, text);
      const cmd = bot.commands.find((c) => c.name === command)!;
      const values = typed(resolveTarget(cmd, subcommand)!.options, options);
      const answer = await h.command(command, values, { sub: subcommand, user: opts.admin ? h.admin : h.member });
      return answer.bodies.map(visibleText).join('\n');
    },
    async posted(channelId) {
      return (h.rest.messages.get(channelId) ?? []).map(visibleText);
    },
    async close() {
      await h.close();
    },
  };
});
