import { ConfidentialClientApplication } from '@azure/msal-node';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory, StatusCodes } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, MsalServiceClientCredentialsFactory, type BotFrameworkAuthentication, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/support/logger';

export const LOCAL_MODE_WARNING = 'Teams local mode: no Bot Framework authentication (tests and local trials only)';

type TeamsConfig = NonNullable<Config['teams']>;

/**
 * The Bot Framework adapter, authenticated with MicrosoftAppId/Password/Type/TenantId. With no app id
 * (local mode, only when explicitly allowed by the config) authentication is off both ways: inbound
 * requests are not checked and outbound calls carry no token. `endpoints` (private clouds, test
 * stand-ins) say where the channel's signing keys are published and where the bot gets its tokens.
 */
export function createTeamsAdapter(teams: TeamsConfig, logger: Logger): { adapter: TeamsAdapter; appId: string } {
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
  const endpoints = teams.endpoints;
  const credentials = endpoints?.loginUrl ? loginCredentials(teams, endpoints.loginUrl) : new ConfigurationServiceClientCredentialFactory(auth);
  const adapter = new TeamsAdapter(endpoints ? { ...auth, ...botFrameworkEndpoints(endpoints) } : auth, credentials);
  refuseBadTokensWith401(adapter);
  logger.info({ appType: teams.appType, customEndpoints: Boolean(endpoints) }, 'Teams: Bot Framework authentication on');
  return { adapter, appId: teams.appId };
}

/**
 * Once any endpoint is configured, botbuilder takes every one as given
 * (BotFrameworkAuthenticationFactory.create → ParameterizedBotFrameworkAuthentication), so the ones
 * not configured keep the public cloud's values.
 */
function botFrameworkEndpoints(e: NonNullable<TeamsConfig['endpoints']>) {
  return {
    ToChannelFromBotLoginUrl: e.loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: e.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/**
 * The bot's own tokens from a login authority other than Microsoft's public one. MSAL checks an
 * unknown authority with Microsoft's instance discovery service unless it is listed as known: the
 * operator who configured it vouches for it.
 */
function loginCredentials(teams: TeamsConfig, loginUrl: string): ServiceClientCredentialsFactory {
  if (!teams.appPassword) throw new Error('ToChannelFromBotLoginUrl needs MicrosoftAppPassword');
  const client = new ConfidentialClientApplication({
    auth: { clientId: teams.appId!, clientSecret: teams.appPassword, authority: loginUrl, knownAuthorities: [new URL(loginUrl).host] },
  });
  return new MsalServiceClientCredentialsFactory(teams.appId!, client);
}

/**
 * botbuilder answers 401 to a missing token, an unknown key or a wrong audience, but lets the JWT
 * library's own errors through (a forged signature, a token not valid yet), which CloudAdapter turns
 * into 500. Whatever is wrong with a token, the caller is not authenticated: 401.
 */
function refuseBadTokensWith401(adapter: TeamsAdapter): void {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      const name = (err as Error | undefined)?.name;
      if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError') {
        throw new AuthenticationError(`Unauthorized: ${(err as Error).message}`, StatusCodes.UNAUTHORIZED);
      }
      throw err;
    }
  };
}
