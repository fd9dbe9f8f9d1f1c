import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import type { AppCommand, AppReply } from './bench-protocol';

/**
 * The floor: a bare Bolt app (ExpressReceiver, signature checks on) that only acknowledges slash
 * commands and view submissions. Same Bolt version, same requests, no database and no work, in its
 * own process like the app under test, so the difference between the two is what our code adds.
 */
async function main(): Promise<void> {
  const receiver = new ExpressReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET!, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({
    receiver,
    // No auth.test at start or per request: the same shortcut the app takes (adapters/slack/authorize.ts).
    authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B0BENCH', botUserId: 'U0BENCH' }),
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  const port = (server.address() as AddressInfo).port;
  const send = (m: AppReply) => process.send?.(m);
  process.on('message', (raw) => {
    const c = raw as AppCommand;
    if (c.cmd !== 'stop') return send({ id: c.id, ok: false, error: `the floor app does not do ${c.cmd}` });
    void receiver.stop().finally(() => {
      send({ id: c.id, ok: true, result: {} });
      setImmediate(() => process.exit(0));
    });
  });
  process.on('disconnect', () => process.exit(0));
  send({ id: 0, ok: true, result: { url: `http://127.0.0.1:${port}` } });
}

main().catch((err: Error) => {
  console.error(`bench floor: ${err.stack ?? err.message}`);
  process.exit(1);
});
