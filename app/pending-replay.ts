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
      const { done, dead } = await core.conversation.replayPending(core.notifier);
      if (done || dead) logger.info({ replayed: done, deadLettered: dead }, 'inputs kept during a database outage were replayed');
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
