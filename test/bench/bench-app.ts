import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runReminderSlot } from '../../src/reminders/reminders.module';
import { modalView } from '../../adapters/slack/render/modal';
import { createApp } from '../../app/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/support/clock';
import { createLogger } from '../../src/support/logger';
import type { AppCommand, AppReply } from './bench-protocol';

/**
 * The app under test, alone in its own process (so its resident memory is its own), driven by the
 * benchmark over IPC. Its environment comes from the benchmark (MONGODB_URI, Slack pointed at the
 * stand-in). The clock is the real one plus a skew the benchmark can move forward, to run "the next
 * scheduler slot" without waiting a quarter of an hour.
 */
let skewMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + skewMs) };

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Errors only, on stderr (the benchmark's summary stream): an error under load is a finding.
  const logger = createLogger('error', process.stderr as never);
  const app = await createApp({ config, logger, clock, dbName: process.env.BENCH_DB_NAME });
  await app.start();
  const { core } = app;
  const send = (m: AppReply) => process.send?.(m);

  const handlers: { [K in AppCommand['cmd']]: (c: Extract<AppCommand, { cmd: K }>) => Promise<Record<string, unknown>> } = {
    /** Opens one update form per user, as `/wbbsi update` would, and returns the modal Slack would show. */
    async drafts(c) {
      const views: { user: string; view: unknown }[] = [];
      for (const user of c.users) {
        const actor = await core.conversation.identify({ platform: 'slack', userId: user });
        if (!actor) throw new Error(`unknown bench user ${user}`);
        const reply = await core.conversation.engine.start(actor, 'update', 'form', { fresh: true });
        if (!reply.form) throw new Error('the update form did not open');
        views.push({ user, view: modalView(reply.form) });
      }
      return { views };
    },
    /** Who the reminder run at `at` would message (Slack ids). */
    async plan(c) {
      const plan = await core.reminders.plan(new Date(c.at));
      return { recipients: plan.entries.filter((e) => e.willSend).map((e) => e.item.person?.slackId ?? e.item.key) };
    },
    /** One scheduler slot: exactly what the cron job runs. */
    async remind(c) {
      const started = performance.now();
      const report = await runReminderSlot(core, new Date(c.at));
      return { ms: Math.round(performance.now() - started), planned: report?.planned ?? 0, counts: report?.counts ?? {}, skipped: report === null };
    },
    /** Where the memory is: V8 heap spaces, buffers outside the heap, resident total (MB). */
    async memory(c) {
      if (c.gc) {
        setFlagsFromString('--expose-gc');
        (runInNewContext('gc') as () => void)();
      }
      const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
      const m = process.memoryUsage();
      const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_size)]));
      return { rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers), spaces };
    },
    async advance(c) {
      skewMs += c.ms;
      return { skewMs };
    },
    async stop() {
      await app.stop();
      setImmediate(() => process.exit(0));
      return {};
    },
  };

  process.on('message', (raw) => {
    const c = raw as AppCommand;
    const handler = handlers[c.cmd] as (c: AppCommand) => Promise<Record<string, unknown>>;
    handler(c).then(
      (result) => send({ id: c.id, ok: true, result }),
      (err: Error) => send({ id: c.id, ok: false, error: err.stack ?? err.message }),
    );
  });
  process.on('disconnect', () => process.exit(0)); // the benchmark died: do not linger
  send({ id: 0, ok: true, result: { url: app.url } });
}

main().catch((err: Error) => {
  console.error(`bench app: ${err.stack ?? err.message}`);
  process.exit(1);
});
