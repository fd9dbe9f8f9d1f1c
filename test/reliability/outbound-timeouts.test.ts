import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, type ConversationReference } from 'botbuilder';
import { REQUEST_TIMEOUT_MS, RETRY_CONFIG, timedFetch, webClientOptions } from '../../adapters/slack/web-client';
import { toDeliveryError, withConnectorRetry } from '../../adapters/teams/outbound/connector-retry';
import { useOwnRetryPolicy } from '../../adapters/teams/outbound/sdk-retry';
import { useRequestTimeout } from '../../adapters/teams/outbound/sdk-timeout';
import { DeliveryError } from '../../src/notify/notifier';
import { silentLogger } from '../../src/support/logger';
import { startSlackGate, type SlackGate } from '../support/slack-gate';
import { SIGNING_SECRET } from '../support/slack-signing';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every call the app makes to another system has a deadline: Slack's Web API and response_urls,
 * the Bot Connector, MongoDB. A Slack that accepts the connection and never answers makes a send
 * fail with a retryable DeliveryError (the delivery ledger tries again later) after the client's
 * bounded attempts, instead of hanging past the ledger's lease.
 */
describe('timeouts on outbound calls', () => {
  let slack: SlackStandin;
  let gate: SlackGate;
  let t: TestApp;
  beforeAll(async () => {
    slack = await startSlackStandin();
    gate = await startSlackGate(slack);
    t = await startTestApp({ env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: gate.apiUrl } });
  });
  afterAll(async () => {
    await t.stop();
    await gate.close();
    await slack.close();
  });

  it('are configured for Slack (Web API and response_url), and for MongoDB', () => {
    const options = webClientOptions({ signingSecret: 's', botToken: 'xoxb-x' }, silentLogger);
    expect(options.timeout).toBe(REQUEST_TIMEOUT_MS);
    expect(options.fetch).toBe(timedFetch); // Bolt's respond() uses the client options' fetch
    const client = t.app.database.connection.getClient().options;
    expect(client.serverSelectionTimeoutMS).toBeGreaterThan(0);
    expect(client.connectTimeoutMS).toBeGreaterThan(0);
    expect(client.socketTimeoutMS).toBeGreaterThan(0);
  });

  it('makes a Slack send fail with a retryable DeliveryError when Slack never answers', async () => {
    gate.hangAfter('chat.postMessage', 0);
    const started = Date.now();
    const err = await t.app.core.notifier.send({ kind: 'channel', platform: 'slack', channel: 'C0SUPPORT01' }, { text: 'Summary' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: true, message: expect.stringMatching(/^Slack unreachable/) });
    expect(gate.hung).toBe(RETRY_CONFIG.retries + 1); // each attempt gave up on its own deadline
    // Bounded: the attempts' deadlines plus the client's backoff, far below the ledger's 5-minute lease.
    expect(elapsed).toBeGreaterThanOrEqual((RETRY_CONFIG.retries + 1) * REQUEST_TIMEOUT_MS - 100);
    expect(elapsed).toBeLessThan((RETRY_CONFIG.retries + 1) * REQUEST_TIMEOUT_MS + RETRY_CONFIG.retries * RETRY_CONFIG.maxTimeout + 5_000);
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
  }, 90_000);

  it('gives every Bot Connector call of a turn a deadline', async () => {
    const hang: Server = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    try {
      const adapter = new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
      useOwnRetryPolicy(adapter);
      useRequestTimeout(adapter, 500);
      const ref = { channelId: 'msteams', serviceUrl: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`, conversation: { id: 'a:1x' }, bot: { id: '28:bot' }, user: { id: '29:u' } };
      const err = await adapter
        .continueConversationAsync('', ref as Partial<ConversationReference> as ConversationReference, async (ctx) => {
          await withConnectorRetry(() => ctx.sendActivity({ type: 'message', text: 'Reminder' }));
        })
        .then(() => undefined, (e: unknown) => toDeliveryError(e));
      expect(err).toMatchObject({ retryable: true, message: expect.stringMatching(/^Bot Connector unreachable/) });
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });
});
