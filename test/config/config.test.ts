import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3978, host: '127.0.0.1', dataDir: './data', timezone: 'Europe/Sarajevo', consoleEnabled: true, mongodbUri: undefined });
    expect(c.teams?.localMode).toBe(true);
    expect(c.slack).toBeUndefined();
  });

  it('names every wrong variable at once', () => {
    let err: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', TIMEZONE: 'Europe/Atlantis', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const text = err!.problems.join('\n');
    for (const name of ['PORT', 'TIMEZONE', 'MONGODB_URI', 'LOG_LEVEL']) expect(text).toContain(name);
  });

  it('refuses a half-configured Slack app', () => {
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'abc' })).toThrow(/SLACK_BOT_TOKEN is missing/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'not-a-token', SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN must be a bot token/);
  });

  it('refuses to run Teams without credentials in production', () => {
    const secret = 'f'.repeat(32);
    expect(() => loadConfig({ NODE_ENV: 'production', TEAMS_LOCAL_MODE: 'true', FILE_LINK_SECRET: secret })).toThrow(/TEAMS_LOCAL_MODE=true is refused in production/);
    const prod = loadConfig({ NODE_ENV: 'production', FILE_LINK_SECRET: secret });
    expect(prod.teams).toBeUndefined();
    expect(prod.consoleEnabled).toBe(false);
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppPassword is missing/);
  });

  it('takes the Bot Framework endpoints of a private cloud by botbuilder’s own names, and only as URLs', () => {
    const teams = { MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p' };
    expect(loadConfig(teams).teams?.endpoints).toBeUndefined();
    const cloud = loadConfig({ ...teams, ToBotFromChannelOpenIdMetadataUrl: 'https://login.example.net/v1/.well-known/openidconfiguration', ToChannelFromBotLoginUrl: 'https://login.example.net/botframework.com' });
    expect(cloud.teams?.endpoints).toEqual({ openIdMetadataUrl: 'https://login.example.net/v1/.well-known/openidconfiguration', loginUrl: 'https://login.example.net/botframework.com' });
    expect(() => loadConfig({ ...teams, ToChannelFromBotLoginUrl: 'login.example.net' })).toThrow(/ToChannelFromBotLoginUrl/);
  });
});
