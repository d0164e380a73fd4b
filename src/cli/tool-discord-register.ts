import { allCommands } from '../../commands/index.js';
import { createDiscordRest, describeRegistration, registerCommands } from '../adapters/discord/index.js';
import { ConfigError, discordEnabled, loadConfig, type Config } from '../config/index.js';
import { UserError } from '../core/errors.js';
import type { Tool } from './tools.js';
import { toolArgs } from './tools.js';

/** `briefbot discord-register [--guild ID]`: brings the registered commands in line, changing only the difference. */
const discordRegister: Tool = async (args) => {
  const { values } = toolArgs(args, { guild: { type: 'string' }, global: { type: 'boolean' } });
  const settings = discordSettings();
  const guildId = values.global ? undefined : ((values.guild as string | undefined) ?? settings.guildId);
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId))
    throw new UserError('BAD_GUILD', `--guild must be a Discord server id (17-20 digits), not "${guildId}".`);
  const rest = createDiscordRest({ token: settings.token, apiUrl: settings.apiUrl });
  const result = await registerCommands({ rest, appId: settings.appId, guildId, commands: allCommands });
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${describeRegistration(result)}\n`);
  return 0;
};
export default discordRegister;

/** The Discord settings as the bot itself reads them (file, then environment), checked by the same schema. */
function discordSettings(): Config['discord'] & { token: string; appId: string } {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new UserError('DISCORD_CONFIG', e.message);
    throw e;
  }
  if (!discordEnabled(config))
    throw new UserError(
      'DISCORD_CONFIG',
      'discord-register needs DISCORD_TOKEN and DISCORD_APP_ID (the bot token and the application id).',
    );
  return config.discord as Config['discord'] & { token: string; appId: string };
}
