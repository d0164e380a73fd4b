import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Workspaces } from '../workspaces.js';

export interface UninstallDeps {
  workspaces: Workspaces;
  logger: Logger;
  /** Ends the workspace's digests. */
  onWorkspaceRemoved?(workspace: string): Promise<unknown>;
}

/**
 * `app_uninstalled` and `tokens_revoked` (for the bot's token): the workspace's installation is
 * deleted and its digests stop. Bolt delivers both without authorizing them, since the token is
 * already gone. With one workspace there is nothing to delete; the log says why posts now fail.
 */
export function registerUninstall(app: App, deps: UninstallDeps): void {
  const forget = async (
    why: string,
    body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean },
  ) => {
    const team = body.team_id;
    if (!team) return;
    if (!deps.workspaces.multi) {
      deps.logger.error(
        { team, why },
        'slack: the app was removed from the workspace; SLACK_BOT_TOKEN no longer works',
      );
      return;
    }
    await deps.workspaces.forget(team, { id: body.enterprise_id, isEnterpriseInstall: body.is_enterprise_install });
    const digests = await deps.onWorkspaceRemoved?.(team);
    deps.logger.info({ team, why, digests }, 'slack: workspace removed; its installation and digests are gone');
  };
  app.event('app_uninstalled', async ({ body }) => forget('app_uninstalled', body));
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's token matters; a revoked user token leaves the bot working.
    if (event.tokens.bot?.length) await forget('tokens_revoked', body);
  });
}
