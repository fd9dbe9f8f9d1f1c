import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/support/logger';

export const LOCAL_MODE_WARNING = 'Teams local mode: no Bot Framework authentication (tests and local trials only)';

/**
 * The Bot Framework adapter, authenticated with MicrosoftAppId/Password/Type/TenantId. With no app id
 * (local mode, only when explicitly allowed by the config) authentication is off both ways: inbound
 * requests are not checked and outbound calls carry no token.
 */
export function createTeamsAdapter(teams: NonNullable<Config['teams']>, logger: Logger): { adapter: TeamsAdapter; appId: string } {
  if (teams.localMode) {
    logger.warn(LOCAL_MODE_WARNING);
    return { adapter: new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({})), appId: '' };
  }
  if (!teams.appId || (teams.appType !== 'UserAssignedMSI' && !teams.appPassword)) {
    throw new Error('Teams needs MicrosoftAppId and MicrosoftAppPassword outside local mode');
  }
  const auth = {
    MicrosoftAppId: teams.appId,
    MicrosoftAppType: teams.appType,
    ...(teams.appPassword ? { MicrosoftAppPassword: teams.appPassword } : {}),
    ...(teams.tenantId ? { MicrosoftAppTenantId: teams.tenantId } : {}),
  };
  logger.info({ appType: teams.appType }, 'Teams: Bot Framework authentication on');
  return { adapter: new TeamsAdapter(auth, new ConfigurationServiceClientCredentialFactory(auth)), appId: teams.appId };
}
