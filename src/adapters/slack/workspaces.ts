import type { AuthorizeResult } from '@slack/bolt';
import type { Logger } from 'pino';
import { DeliveryError } from '../delivery-error.js';
import type { SealedInstallationStore } from './oauth/installation-store.js';
import { createWebClient, type WebClient } from './web-client.js';

/**
 * The workspaces the Slack door serves, and what differs between them: the bot token used to post
 * (digests, shares outside a request) and who counts as an admin. One workspace with
 * SLACK_BOT_TOKEN, or every workspace that installed the app through the OAuth installer.
 */
export interface Workspaces {
  readonly multi: boolean;
  /** A Web API client with this workspace's bot token; DeliveryError `not_installed` when it has none. */
  client(workspace: string | undefined): Promise<WebClient>;
  /** BRIEFBOT_ADMINS everywhere, plus, with several workspaces, whoever installed the app there. */
  isAdmin(workspace: string | undefined, userId: string): Promise<boolean>;
  /** After an uninstall or revocation: the stored installation and any cached client go. */
  forget(workspace: string, enterprise?: { id?: string; isEnterpriseInstall?: boolean }): Promise<void>;
}

export function singleWorkspace(client: WebClient, admins: readonly string[]): Workspaces {
  return {
    multi: false,
    client: async () => client,
    isAdmin: async (_w, userId) => admins.includes(userId),
    forget: async () => undefined,
  };
}

export interface MultiWorkspaceDeps {
  installations: SealedInstallationStore;
  /** Bolt's installer.authorize: fetches the installation and rotates its token when it is about to expire. */
  authorize(source: {
    teamId: string;
    enterpriseId: string | undefined;
    isEnterpriseInstall: boolean;
  }): Promise<AuthorizeResult>;
  admins: readonly string[];
  apiUrl?: string;
  logger: Logger;
}

export function multiWorkspace(deps: MultiWorkspaceDeps): Workspaces {
  // One client per workspace, replaced when rotation hands out a new token.
  const clients = new Map<string, { token: string; client: WebClient }>();
  return {
    multi: true,
    async client(workspace) {
      if (!workspace) throw new DeliveryError('not_installed', 'No Slack workspace given for this channel', true);
      let token: string | undefined;
      try {
        token = (await deps.authorize({ teamId: workspace, enterpriseId: undefined, isEnterpriseInstall: false }))
          .botToken;
      } catch (e) {
        deps.logger.warn({ workspace, err: (e as Error).message }, 'slack: no installation for this workspace');
      }
      if (!token)
        throw new DeliveryError(
          'not_installed',
          `briefbot is not installed in Slack workspace ${workspace} (it was uninstalled or never installed)`,
          true,
        );
      const cached = clients.get(workspace);
      if (cached?.token === token) return cached.client;
      const client = createWebClient(token, deps.apiUrl, deps.logger);
      clients.set(workspace, { token, client });
      return client;
    },
    async isAdmin(workspace, userId) {
      if (deps.admins.includes(userId)) return true;
      if (!workspace) return false;
      return (await deps.installations.installerOf(workspace).catch(() => undefined)) === userId;
    },
    async forget(workspace, enterprise) {
      clients.delete(workspace);
      await deps.installations.deleteInstallation({
        teamId: workspace,
        enterpriseId: enterprise?.id,
        isEnterpriseInstall: Boolean(enterprise?.isEnterpriseInstall),
      });
    },
  };
}
