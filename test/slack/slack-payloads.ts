/** Payloads shaped like the ones Slack sends (fields from PLATFORM-FACTS.md and Bolt's SlashCommand type). */

export interface SlashOptions {
  user?: string;
  channel?: string;
  responseUrl: string;
}

export function slashPayload(command: string, text: string, o: SlashOptions): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: o.channel ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: o.user ?? 'U0ALICE',
    user_name: 'alice',
    command: `/${command}`,
    text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: '1111.2222.abcd',
  };
}

/** A block_actions payload for a button click on an ephemeral message. */
export function buttonClick(actionId: string, value: string, o: SlashOptions): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: o.user ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: o.channel ?? 'C0GENERAL',
      is_ephemeral: true,
    },
    trigger_id: '1111.2222.efgh',
    team: { id: 'T0FAKE', domain: 'fake' },
    channel: { id: o.channel ?? 'C0GENERAL', name: 'general' },
    response_url: o.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: actionId,
        text: { type: 'plain_text', text: 'Share in channel' },
        value,
        action_ts: '1700000001.000200',
      },
    ],
  };
}

/** Finds the share button's value in rendered blocks. */
export function shareValue(blocks: unknown): string | undefined {
  for (const b of (blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[]) ?? []) {
    const el = b.elements?.find((e) => e.action_id === 'briefbot_share');
    if (el) return el.value;
  }
  return undefined;
}

/** Polls until `ok()` holds; a generous deadline, not a timing assertion. */
export async function until(ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let eventSeq = 0;

/** An Events API envelope (`event_callback`) as Slack POSTs it to /slack/events, as JSON. */
export function eventEnvelope(
  event: Record<string, unknown>,
  o: { team?: string; eventId?: string } = {},
): Record<string, unknown> {
  const team = o.team ?? 'T0FAKE';
  return {
    token: 'deprecated-verification-token',
    team_id: team,
    api_app_id: 'A0FAKE',
    event,
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${Date.now()}${++eventSeq}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

/** A message timestamp like Slack's, unique per call. */
export function nextTs(): string {
  return `1700001000.${String(++eventSeq).padStart(6, '0')}`;
}

/** `app_mention`: someone wrote "<@UBOT> …" in a channel (optionally inside a thread). */
export function mentionEvent(
  text: string,
  o: { user?: string; channel?: string; ts?: string; threadTs?: string; team?: string; botUserId?: string } = {},
): Record<string, unknown> {
  const ts = o.ts ?? nextTs();
  return {
    type: 'app_mention',
    user: o.user ?? 'U0ALICE',
    text: `<@${o.botUserId ?? 'UBOT'}> ${text}`,
    ts,
    ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    channel: o.channel ?? 'C0GENERAL',
    team: o.team ?? 'T0FAKE',
    event_ts: ts,
  };
}

/** `message.im`: a direct message to the bot. */
export function dmEvent(
  text: string,
  o: { user?: string; channel?: string; ts?: string; threadTs?: string; team?: string } = {},
): Record<string, unknown> {
  const ts = o.ts ?? nextTs();
  return {
    type: 'message',
    channel_type: 'im',
    user: o.user ?? 'U0ALICE',
    text,
    ts,
    ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    channel: o.channel ?? 'D0ALICE',
    team: o.team ?? 'T0FAKE',
    event_ts: ts,
  };
}
