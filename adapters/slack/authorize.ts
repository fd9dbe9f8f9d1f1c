import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/support/logger';

/** How long the first request may wait for auth.test before going on without the bot's ids. */
const AUTH_TEST_BUDGET_MS = 1_000;

/**
 * Single-workspace authorisation without an auth.test call at start-up (so starting never depends
 * on Slack being reachable). The bot's ids, which Bolt uses to ignore the bot's own messages, are
 * fetched once on the first request and cached; if Slack is slow or down the request proceeds
 * without them (our listeners also skip bot messages) and the next request tries again.
 */
export function lazyAuthorize(web: WebClient, botToken: string, logger: Logger): Authorize<boolean> {
  let ids: Promise<Pick<AuthorizeResult, 'botId' | 'botUserId'>> | undefined;
  return async () => {
    ids ??= web.auth
      .test()
      .then((r) => ({ botId: r.bot_id, botUserId: r.user_id }))
      .catch((err: unknown) => {
        ids = undefined;
        logger.warn({ err }, 'Slack auth.test failed; continuing without the bot ids');
        return {};
      });
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<Pick<AuthorizeResult, 'botId' | 'botUserId'>>((resolve) => {
      timer = setTimeout(() => resolve({}), AUTH_TEST_BUDGET_MS);
    });
    try {
      return { botToken, ...(await Promise.race([ids, budget])) };
    } finally {
      clearTimeout(timer);
    }
  };
}
