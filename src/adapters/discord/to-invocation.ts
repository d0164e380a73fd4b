import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIUser,
} from 'discord.js';
import type { Invocation } from '../../core/invocation.js';

/**
 * Admin at run time: Administrator or Manage Server in this guild (the same bar the command
 * registration sets with default_member_permissions), or listed in the configured admins.
 * Server owners can grant a command to others in Integrations settings; that grants visibility
 * only, and the run-time check still applies.
 */
export function isDiscordAdmin(
  userId: string,
  permissions: string | bigint | undefined,
  admins: readonly string[],
): boolean {
  if (admins.includes(userId)) return true;
  if (permissions === undefined) return false;
  const bits = BigInt(permissions);
  return (bits & (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild)) !== 0n;
}

/** Who sent an interaction: the member's user in a guild, the user in a DM. */
export function interactionUser(i: { member?: { user: APIUser }; user?: APIUser }): APIUser {
  const user = i.member?.user ?? i.user;
  if (!user) throw new Error('interaction without a user');
  return user;
}

export function displayName(user: APIUser, nick?: string | null): string {
  return nick ?? user.global_name ?? user.username;
}

function values(options: readonly APIApplicationCommandInteractionDataBasicOption[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of options) if ('value' in o && o.value !== undefined) out[o.name] = o.value;
  return out;
}

/** The subcommand (if any) and the options that belong to the command being run. */
export function targetOptions(options: readonly APIApplicationCommandInteractionDataOption[] = []): {
  sub?: string;
  options: APIApplicationCommandInteractionDataBasicOption[];
} {
  const [first] = options;
  if (first?.type === ApplicationCommandOptionType.Subcommand) return { sub: first.name, options: first.options ?? [] };
  return { options: options as APIApplicationCommandInteractionDataBasicOption[] };
}

/** A slash command interaction (as Discord sends it, over the gateway or HTTP) in neutral terms; option values keep their types. */
export function toInvocation(i: APIChatInputApplicationCommandInteraction, admins: readonly string[]): Invocation {
  const { sub, options } = targetOptions(i.data.options);
  const user = interactionUser(i);
  const channelId = i.channel?.id ?? (i as { channel_id?: string }).channel_id ?? '';
  return {
    platform: 'discord',
    command: i.data.name,
    subcommand: sub,
    options: values(options),
    user: {
      id: user.id,
      name: user.global_name ?? user.username,
      isAdmin: isDiscordAdmin(user.id, i.member?.permissions, admins),
    },
    channel: { platform: 'discord', id: channelId, ...(i.guild_id ? { workspace: i.guild_id } : {}) },
  };
}
