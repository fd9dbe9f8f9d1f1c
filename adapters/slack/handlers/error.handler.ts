import type { App } from '@slack/bolt';
import { genericErrorMessage } from '../../../src/errors';
import { errorReference } from '../../../src/support/ids';
import type { SlackDeps } from '../context';
import { timedFetch } from '../web-client';

interface ErrorBody {
  response_url?: unknown;
  event?: { channel?: unknown; channel_type?: unknown };
}

/**
 * Bolt's last resort (a failure outside our listeners' own guards, e.g. in a middleware): log with a
 * reference and, where the request says where the person is, tell them politely. Never throws, so
 * Bolt does not turn it into a 500.
 */
export function registerErrorHandler(bolt: App, deps: SlackDeps): void {
  const handler: Parameters<App['error']>[0] = async ({ error, body }) => {
    const ref = errorReference();
    deps.logger.error({ err: error, ref }, 'Slack request failed in Bolt');
    const b = (body ?? {}) as ErrorBody;
    const text = genericErrorMessage(ref);
    try {
      if (typeof b.response_url === 'string') {
        await timedFetch(b.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', text }) });
      } else if (b.event?.channel_type === 'im' && typeof b.event.channel === 'string') {
        await deps.web.chat.postMessage({ channel: b.event.channel, text });
      }
    } catch (err) {
      deps.logger.error({ err, ref }, 'could not tell the person about the failure');
    }
  };
  bolt.error(handler);
}
