/** Where a reply or digest goes: a platform channel (or the console). */
export interface ChannelRef {
  platform: Platform;
  /** Platform channel id (Slack C…, Discord snowflake, "console"). */
  id: string;
  /** Slack team / Discord guild, when known. */
  workspace?: string;
}

export type Platform = 'slack' | 'discord' | 'console' | 'cli';

export interface InvokingUser {
  id: string;
  name?: string;
  /** Set by the adapter from platform permissions or the configured admin list. */
  isAdmin: boolean;
}

/** A command call, already turned from a platform payload into neutral terms. */
export interface Invocation {
  platform: Platform;
  command: string;
  subcommand?: string;
  /**
   * Raw option values: strings from text-based platforms (parsed by the core from the declared
   * specs), typed values from Discord. The core validates and converts both.
   */
  options: Record<string, unknown>;
  user: InvokingUser;
  channel: ChannelRef;
  /**
   * The conversation within the channel, for follow-ups: a Slack thread's ts, a Discord thread or
   * reply chain, a DM. Absent for slash commands, which stand alone.
   */
  thread?: string;
}
