import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { InstallationRows } from '../../../chat-store/chat-store.js';
import type { TokenCipher } from './token-cipher.js';

/** One row per workspace, or per enterprise for an org-wide install. */
export function installationKey(q: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error('an installation needs a team id (or an enterprise id for an org-wide install)');
}

interface Secrets {
  bot?: { token?: string; refreshToken?: string };
  user?: { token?: string; refreshToken?: string };
}

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** Takes the tokens out of an installation: what stays is safe to store in the clear. */
function split(installation: AnyInstallation): { clear: AnyInstallation; secrets: Secrets } {
  const clear = structuredClone(installation);
  const secrets: Secrets = {};
  if (clear.bot) {
    secrets.bot = { token: clear.bot.token, refreshToken: clear.bot.refreshToken };
    delete (clear.bot as { token?: string }).token;
    delete clear.bot.refreshToken;
  }
  if (clear.user) {
    secrets.user = { token: clear.user.token, refreshToken: clear.user.refreshToken };
    delete clear.user.token;
    delete clear.user.refreshToken;
  }
  return { clear, secrets };
}

/**
 * Bolt's InstallationStore in the store's database: the tokens (bot and refresh tokens, a user
 * token if one was granted) sealed with SLACK_TOKEN_KEY, the rest in the clear. Bolt's installer
 * calls storeInstallation after an install and again after it rotates a token.
 */
export class SealedInstallationStore implements InstallationStore {
  constructor(
    private readonly rows: InstallationRows,
    private readonly cipher: TokenCipher,
  ) {}

  async storeInstallation<V extends 'v1' | 'v2', E extends boolean>(installation: Installation<V, E>): Promise<void> {
    const key = installationKey({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall,
    });
    const { clear, secrets } = split(installation as AnyInstallation);
    await this.rows.save({
      key,
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      installerUserId: installation.user?.id,
      data: JSON.stringify(clear),
      secret: this.cipher.seal(JSON.stringify(secrets), key),
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const key = installationKey(query);
    const row = await this.rows.find(key);
    if (!row) throw new Error(`briefbot is not installed in ${key}`);
    const installation = JSON.parse(row.data) as AnyInstallation;
    const secrets = JSON.parse(this.cipher.open(row.secret, key)) as Secrets;
    if (installation.bot && secrets.bot) Object.assign(installation.bot, dropUndefined(secrets.bot));
    if (installation.user && secrets.user) Object.assign(installation.user, dropUndefined(secrets.user));
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.rows.remove(installationKey(query));
  }

  /** The Slack user who installed the app in this workspace (an admin there). */
  async installerOf(teamId: string): Promise<string | undefined> {
    return (await this.rows.find(installationKey({ teamId })))?.installerUserId;
  }
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
