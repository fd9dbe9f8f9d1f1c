import type { Recipient } from '../src/notify/notifier';
import type { ComponentFactory } from '../adapters/component';

/**
 * Answers typed while the database was unreachable are kept by the conversation; this replays them
 * when it answers again and tells each person their answer was saved (on their platform).
 */
export const pendingReplayComponent: ComponentFactory = ({ core, logger }) => {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const tick = async () => {
    if (running || core.conversation.pending.size() === 0) return;
    running = true;
    try {
      const n = await core.conversation.replayPending(async (actor, reply) => {
        const person = await core.store.people.get(actor.personId);
        const to: Recipient = { kind: 'person', personId: actor.personId, slackId: person?.slackId, teamsId: person?.teamsId };
        for (const m of reply.messages) await core.notifier.send(to, m).catch((err) => logger.warn({ err, personId: actor.personId }, 'could not deliver replay reply'));
      });
      if (n) logger.info({ replayed: n }, 'inputs kept during a database outage were saved');
    } finally {
      running = false;
    }
  };
  return {
    name: 'pending-replay',
    start: async () => {
      timer = setInterval(() => void tick(), 2000);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
    },
  };
};
