import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, globalAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { jwkOf, newSigningKey, signJwt, verifyJwt, type SigningKey } from './jwt';

/** The bot's app registration in the tests (what MicrosoftAppId/MicrosoftAppPassword hold). */
export const TEST_APP_ID = '0b3e1f52-6c1d-4c7a-9a8e-2f4d6b8c0a11';
export const TEST_APP_PASSWORD = 'test-app-password-not-a-secret';
/** Audience and issuer of the Bot Framework's tokens (botframework-connector's AuthenticationConstants). */
export const BOT_FRAMEWORK = 'https://api.botframework.com';
const TENANT = 'botframework.com';

const TLS_DIR = join(__dirname, '..', 'fixtures', 'tls');
const TLS_CERT = readFileSync(join(TLS_DIR, 'login-standin.crt'));

/**
 * MSAL talks to a login authority over HTTPS only and checks its certificate with Node's default
 * agent; the stand-in's certificate (test/fixtures/tls, self-signed for 127.0.0.1) is trusted in
 * this process, as an operator would add a private cloud's CA with NODE_EXTRA_CA_CERTS.
 */
function trustStandinCertificate(): void {
  const ca = globalAgent.options.ca;
  const current = Array.isArray(ca) ? ca : ca ? [ca] : [...rootCertificates];
  if (!current.some((c) => String(c) === String(TLS_CERT))) globalAgent.options.ca = [...current, TLS_CERT];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/**
 * Both ends of Bot Framework authentication, on loopback
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication):
 * - Channel → bot: the Bot Framework signs a JWT (RS256; `iss` https://api.botframework.com,
 *   `aud` the bot's app id, `serviceurl` the activity's serviceUrl) with a key published in its
 *   OpenID metadata (`jwks_uri`, key `kid`, `endorsements` naming the channel). botbuilder's
 *   JwtTokenExtractor/OpenIdMetadata fetch them from `metadataUrl` (ToBotFromChannelOpenIdMetadataUrl).
 * - Bot → channel: the bot asks the login service for a token (OAuth client credentials, scope
 *   https://api.botframework.com/.default) at `loginUrl` (ToChannelFromBotLoginUrl, HTTPS: MSAL
 *   refuses anything else); the Bot Connector stand-in accepts only tokens issued here.
 */
export class TeamsAuthStandin {
  /**
   * The bot's app id. Several apps in one process (the journeys start one per scenario) each need
   * their own: botbuilder keeps the bot's access tokens in a cache shared by the process, by app id.
   */
  readonly appId: string;

  constructor(opts: { appId?: string } = {}) {
    this.appId = opts.appId ?? TEST_APP_ID;
  }
  /** The Bot Framework's signing key (channel → bot). */
  readonly channelKey: SigningKey = newSigningKey('standin-botframework-key-1');
  /** The login service's signing key (the bot's own access tokens). */
  private readonly loginKey: SigningKey = newSigningKey('standin-login-key-1');
  /** Client-credentials requests the login service answered (the bot asking for its token). */
  readonly tokenRequests: { clientId: string; scope: string; granted: boolean }[] = [];
  metadataUrl = '';
  loginUrl = '';
  private channelServer?: Server;
  private loginServer?: Server;

  async start(): Promise<this> {
    trustStandinCertificate();
    this.channelServer = createHttpServer((req, res) => this.channel(req, res).catch((err: Error) => json(res, 500, { error: err.message })));
    const channelBase = `http://127.0.0.1:${await listen(this.channelServer)}`;
    this.metadataUrl = `${channelBase}/v1/.well-known/openidconfiguration`;
    this.loginServer = createHttpsServer({ cert: TLS_CERT, key: readFileSync(join(TLS_DIR, 'login-standin.key')) }, (req, res) => this.login(req, res).catch((err: Error) => json(res, 500, { error: err.message })));
    this.loginUrl = `https://127.0.0.1:${await listen(this.loginServer)}/${TENANT}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of [this.channelServer, this.loginServer]) {
      if (!s) continue;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  }

  /** The app's environment for authentication on, pointed at this stand-in. */
  env(): Record<string, string> {
    return { MicrosoftAppId: this.appId, MicrosoftAppPassword: TEST_APP_PASSWORD, ToBotFromChannelOpenIdMetadataUrl: this.metadataUrl, ToChannelFromBotLoginUrl: this.loginUrl };
  }

  /** The Authorization header the Bot Framework sends with an activity for `serviceUrl`. */
  channelAuthorization(serviceUrl: string, over: { claims?: Record<string, unknown>; key?: SigningKey | null } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: BOT_FRAMEWORK, aud: this.appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...over.claims };
    return `Bearer ${signJwt(claims, over.key === undefined ? this.channelKey : over.key)}`;
  }

  /** Why an Authorization header is not a valid token of this bot for the Bot Connector, or null when it is. */
  botTokenProblem(authorization: string | undefined): string | null {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) return 'no bearer token';
    const checked = verifyJwt(token, this.loginKey);
    if (!checked.ok) return checked.reason;
    if (checked.claims.aud !== BOT_FRAMEWORK) return `audience ${String(checked.claims.aud)}`;
    if (checked.claims.appid !== this.appId) return `app ${String(checked.claims.appid)}`;
    return null;
  }

  private async channel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const base = this.metadataUrl.replace(/\/v1\/.*$/, '');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      return json(res, 200, {
        issuer: BOT_FRAMEWORK,
        authorization_endpoint: `${base}/v1/.well-known/authorize`,
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.url === '/v1/.well-known/keys') return json(res, 200, { keys: [jwkOf(this.channelKey, { endorsements: ['msteams'] })] });
    json(res, 404, { error: 'not_found' });
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const base = this.loginUrl;
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === `/${TENANT}/v2.0/.well-known/openid-configuration`) {
      return json(res, 200, {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'token'],
      });
    }
    if (req.method === 'POST' && path === `/${TENANT}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(await readBody(req));
      const clientId = form.get('client_id') ?? '';
      const scope = form.get('scope') ?? '';
      const granted = form.get('grant_type') === 'client_credentials' && clientId === this.appId && form.get('client_secret') === TEST_APP_PASSWORD;
      this.tokenRequests.push({ clientId, scope, granted });
      if (!granted) return json(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      const audience = scope.split(' ').find((s) => s.endsWith('/.default'))?.replace(/\/\.default$/, '') ?? '';
      const now = Math.floor(Date.now() / 1000);
      const accessToken = signJwt({ aud: audience, iss: `${base}/v2.0`, appid: clientId, azp: clientId, iat: now, nbf: now, exp: now + 3600 }, this.loginKey);
      return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
    }
    json(res, 404, { error: 'not_found' });
  }
}
