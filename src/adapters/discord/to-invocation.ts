import { ApplicationCommandOptionType, PermissionFlagsBits, type ChatInputCommandInteraction, type CommandInteractionOption } from 'discord.js';
import type { Invocation } from '../../core/invocation.js';

/**
 * Admin at run time: Administrator or Manage Server in this guild (the same bar the command
 * registration sets with default_member_permissions), or listed in the configured admins.
 * Server owners can grant a command to others in Integrations settings; that grants visibility
 * only, and the run-time check still applies.
 */
export function isDiscordAdmin(interaction: Pick<ChatInputCommandInteraction, 'user' | 'memberPermissions'>, admins: readonly string[]): boolean {
  if (admins.includes(interaction.user.id)) return true;
  const perms = interaction.memberPermissions;
  return Boolean(perms && (perms.has(PermissionFlagsBits.Administrator) || perms.has(PermissionFlagsBits.ManageGuild)));
}

function values(options: readonly CommandInteractionOption[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of options) if (o.value !== undefined) out[o.name] = o.value;
  return out;
}

/** A slash command interaction in neutral terms; option values keep their Discord types. */
export function toInvocation(interaction: ChatInputCommandInteraction, admins: readonly string[]): Invocation {
  const [first] = interaction.options.data;
  const isSub = first?.type === ApplicationCommandOptionType.Subcommand;
  return {
    platform: 'discord',
    command: interaction.commandName,
    subcommand: isSub ? first.name : undefined,
    options: values(isSub ? (first.options ?? []) : interaction.options.data),
    user: {
      id: interaction.user.id,
      name: interaction.user.globalName ?? interaction.user.username,
      isAdmin: isDiscordAdmin(interaction, admins),
    },
    channel: { platform: 'discord', id: interaction.channelId, ...(interaction.guildId ? { workspace: interaction.guildId } : {}) },
  };
}
