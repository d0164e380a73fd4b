/**
 * Realistic Discord v10 payloads (guilds, members, interactions) for the stand-in gateway to
 * dispatch. Field names and shapes follow discord-api-types' APIInteraction / APIGuild.
 */
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake: time since the Discord epoch in the high bits, a counter in the low ones. */
export function nextSnowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** Permission bits as Discord sends them (decimal strings). */
export const PERMS = {
  administrator: 1n << 3n,
  manageGuild: 1n << 5n,
  /** View channel, send messages, embed links, read history, use application commands. */
  member: (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 31n),
};

export interface FakeGuild {
  id: string;
  name: string;
  channelId: string;
  /** A public thread under the channel. */
  threadId: string;
  /** A role with Administrator ("Editors"). */
  adminRoleId: string;
}

export function makeGuild(name = 'Newsroom'): FakeGuild {
  return {
    id: nextSnowflake(),
    name,
    channelId: nextSnowflake(),
    threadId: nextSnowflake(),
    adminRoleId: nextSnowflake(),
  };
}

export function guildCreatePayload(g: FakeGuild, ownerId: string): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: [
      {
        id: g.id,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: PERMS.member.toString(),
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: g.adminRoleId,
        name: 'Editors',
        color: 0,
        hoist: false,
        position: 1,
        permissions: (PERMS.member | PERMS.administrator).toString(),
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: g.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [
      {
        id: g.channelId,
        type: 0,
        guild_id: g.id,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        topic: null,
        nsfw: false,
        parent_id: null,
      },
    ],
    threads: [
      {
        id: g.threadId,
        type: 11,
        guild_id: g.id,
        parent_id: g.channelId,
        name: 'talks',
        owner_id: ownerId,
        message_count: 0,
        member_count: 1,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      },
    ],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface FakeUser {
  id: string;
  username: string;
  /** Permission bits the member has in the channel. */
  permissions: bigint;
}

export function makeUser(username: string, permissions = PERMS.member): FakeUser {
  return { id: nextSnowflake(), username, permissions };
}

function userPayload(u: FakeUser) {
  return { id: u.id, username: u.username, discriminator: '0', global_name: u.username, avatar: null };
}

function base(type: number, appId: string, g: FakeGuild, u: FakeUser) {
  return {
    id: nextSnowflake(),
    application_id: appId,
    type,
    token: `tok-${nextSnowflake()}-${'x'.repeat(40)}`,
    version: 1,
    guild_id: g.id,
    channel_id: g.channelId,
    channel: {
      id: g.channelId,
      type: 0,
      guild_id: g.id,
      name: 'general',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
    },
    guild: { id: g.id, locale: 'en-US', features: [] },
    member: {
      user: userPayload(u),
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      permissions: u.permissions.toString(),
    },
    app_permissions: PERMS.member.toString(),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': g.id },
    context: 0,
    attachment_size_limit: 8_388_608,
  };
}

export type OptionValue = string | number | boolean;

function typeOf(v: OptionValue): number {
  return typeof v === 'string' ? 3 : typeof v === 'number' ? 4 : 5;
}

function toOptions(values: Record<string, OptionValue>, focused?: string) {
  return Object.entries(values).map(([name, value]) => ({
    name,
    type: typeOf(value),
    value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

/** INTERACTION_CREATE for a slash command (type 2), optionally with a subcommand. */
export function chatInput(
  appId: string,
  g: FakeGuild,
  u: FakeUser,
  command: string,
  values: Record<string, OptionValue> = {},
  sub?: string,
) {
  const options = sub ? [{ name: sub, type: 1, options: toOptions(values) }] : toOptions(values);
  return { ...base(2, appId, g, u), data: { id: nextSnowflake(), name: command, type: 1, guild_id: g.id, options } };
}

/** INTERACTION_CREATE for autocomplete (type 4): the focused option carries the partial text. */
export function autocomplete(
  appId: string,
  g: FakeGuild,
  u: FakeUser,
  command: string,
  values: Record<string, OptionValue>,
  focused: string,
) {
  return {
    ...base(4, appId, g, u),
    data: { id: nextSnowflake(), name: command, type: 1, guild_id: g.id, options: toOptions(values, focused) },
  };
}

/** INTERACTION_CREATE for a button press (type 3) on a message the bot sent. */
export function buttonPress(appId: string, g: FakeGuild, u: FakeUser, customId: string, message: Record<string, any>) {
  return {
    ...base(3, appId, g, u),
    data: { custom_id: customId, component_type: 2 },
    message: { ...message, channel_id: g.channelId, id: message.id === 'original' ? nextSnowflake() : message.id },
  };
}

/** A user object as a message carries it (the author, or one of its mentions). */
export function userObject(u: { id: string; username: string }, bot = false) {
  return {
    id: u.id,
    username: u.username,
    discriminator: '0',
    global_name: bot ? null : u.username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

export interface MessageOptions {
  /** Users mentioned (the bot, for a mention). */
  mentions?: { id: string; username: string }[];
  /** Written in this channel (a thread, say) instead of the guild's channel. */
  channelId?: string;
  /** A reply to this message (the bot's answer, for a follow-up). */
  replyTo?: Record<string, any>;
  roles?: string[];
}

/** MESSAGE_CREATE in a guild channel. Without Message Content, Discord fills `content` only when the bot is mentioned. */
export function guildMessage(g: FakeGuild, author: FakeUser, content: string, o: MessageOptions = {}) {
  return {
    id: nextSnowflake(),
    channel_id: o.channelId ?? g.channelId,
    guild_id: g.id,
    author: userObject(author),
    member: { roles: o.roles ?? [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: (o.mentions ?? []).map((u) => userObject(u, true)),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: o.replyTo ? 19 : 0,
    flags: 0,
    ...(o.replyTo
      ? {
          message_reference: { message_id: o.replyTo.id, channel_id: o.replyTo.channel_id, guild_id: g.id },
          referenced_message: o.replyTo,
        }
      : {}),
  };
}

/** MESSAGE_CREATE in a DM with the bot (no guild). */
export function directMessage(dmChannelId: string, author: FakeUser, content: string) {
  return {
    id: nextSnowflake(),
    channel_id: dmChannelId,
    author: userObject(author),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}
