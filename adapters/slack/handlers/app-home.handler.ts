import type { App } from '@slack/bolt';
import { ROLES } from '../../../src/config/vocabulary';
import { ERROR_CODES } from '../../../src/errors';
import { finalizeMessage } from '../../../src/messages/finalize';
import type { SlackDeps } from '../context';
import { guarded, postMessages } from '../deliver';
import { homeView } from '../render/home';
import { firstDelivery } from './first-delivery';

/**
 * The Home tab: who I am, my organisation's status this quarter (reported / nothing new / due by),
 * my drafts and recent records, and buttons to add an update, a need, a response or "nothing new".
 * Its content is the core's `mine` answer, so permissions and wording live in one place.
 */
export async function publishHome(deps: SlackDeps, userId: string): Promise<void> {
  const { core } = deps;
  const title = `${deps.pillar} Support Group`;
  const actor = await core.conversation.identify({ platform: 'slack', userId });
  if (!actor) {
    await deps.web.views.publish({ user_id: userId, view: homeView({ title, messages: [{ text: ERROR_CODES.NOT_REGISTERED }] }) });
    return;
  }
  const org = await core.store.organisations.get(actor.orgCode);
  const mine = await core.conversation.handle(actor, { text: 'mine' }, { mode: 'form', platform: 'slack', asCommand: true });
  const subtitle = `${actor.name} · ${org?.shortName ?? actor.orgCode} · ${ROLES.labels[actor.role] ?? actor.role}`;
  await deps.web.views.publish({ user_id: userId, view: homeView({ title, subtitle, messages: mine.messages.map(finalizeMessage) }) });
}

/** The Messages tab, opened for the first time: a short welcome with what the bot does. */
async function welcome(deps: SlackDeps, userId: string, channel: string): Promise<void> {
  const actor = await deps.core.conversation.identify({ platform: 'slack', userId });
  if (!actor || !(await deps.core.store.seenKeys.claim(`slack-welcome|${userId}`, 10 * 365 * 24 * 3600_000))) return;
  const help = await deps.core.conversation.handle(actor, { text: 'help' }, { mode: 'chat', platform: 'slack', asCommand: true });
  await postMessages(deps, { kind: 'channel', channel, userId }, help.messages);
}

export function registerAppHomeHandler(bolt: App, deps: SlackDeps): void {
  bolt.event('app_home_opened', async ({ event, body, context }) => {
    const userId = event.user;
    void deps.queue.run(userId, () =>
      guarded(deps, undefined, async () => {
        if (!(await firstDelivery(deps, body.event_id, context.retryNum))) return;
        if (event.tab === 'messages') await welcome(deps, userId, event.channel);
        else await publishHome(deps, userId);
      }),
    );
  });
}
