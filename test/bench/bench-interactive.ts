import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/db/database';
import { silentLogger } from '../../src/support/logger';
import { startSlackGate } from '../support/slack-gate';
import { SIGNING_SECRET } from '../support/slack-signing';
import { startSlackStandin } from '../support/slack-standin';
import type { BenchDatabase } from './bench-databases';
import { peoplePhase } from './bench-people';
import { fanoutPhase, interactionsPhase, type BenchEnv } from './bench-phases';
import { prepareRuntime, startChild, type Child } from './bench-protocol';
import { interactiveSlackId, seedBenchRoster } from './bench-seed';

/**
 * The app under load, in its own process, next to a bare Bolt app that only acks (the floor):
 *  (a) signed Slack interactions (`/wbbsi help` and `/wbbsi mine` typed by 50 people, view
 *      submissions of a valid development update by 50 others) at several concurrencies: ack latency
 *      p50/p95/p99 and throughput for both, the reply that follows each slash command, and the time
 *      from each form sent to its confirmation, every submission stored;
 *  (a') update-form submissions only, 20 at a time, against the floor acking the same payloads;
 *  (a'') 50 people typing commands and 50 others sending forms, each waiting for the answer before
 *      the next (bench-people.ts): the reply and the confirmation as people see them;
 *  (b) one reminder slot fanned out to 2,000 synthetic members through a Slack stand-in enforcing a
 *      workspace-wide limit on chat.postMessage (HTTP 429 + Retry-After), next to the minimum that
 *      limit allows, with duplicates and missed recipients (both must be 0);
 *  (c) the app's resident memory, idle and at its peak, and the floor's.
 * Everything on loopback, with bounded loops.
 */
/** Fifty people type slash commands while fifty others submit forms (one person's inputs run in order). */
const INTERACTIVE_USERS = 100;
const LIMIT = { max: Number(process.env.BENCH_FANOUT_LIMIT ?? 50), perMs: 1000, retryAfterSec: 1 };
/** 10:00 in Sarajevo on the day the 2026-Q4 window opens: every synthetic member is due. */
const OPENING = new Date('2026-12-01T09:00:00Z');

export interface InteractiveOptions {
  db: BenchDatabase;
  levels: number[];
  perLevel: number;
  /** Submissions in part (a'), and how many at once. */
  submissions: { count: number; concurrency: number };
  fanout: number;
  log: (line: string) => void;
}

export async function interactiveBench(opts: InteractiveOptions) {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'wbbsi-bench-app-'));
  const dbName = `bench_${Date.now().toString(36)}`;
  const uri = `${opts.db.uri}${opts.db.uri.includes('?') ? '&' : '?'}directConnection=true`;
  const db = await connect(uri, dbName, silentLogger);
  // Every bench user and channel exists; the bench measures, the tests check the refusals.
  const slack = await startSlackStandin({ tokens: ['xoxb-bench'], everyone: true });
  const gate = await startSlackGate(slack);
  const children: Child[] = [];
  try {
    const appEnv = {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: uri,
      BENCH_DB_NAME: dbName,
      DATA_DIR: join(dir, 'app'),
      TIMEZONE: 'Europe/Sarajevo',
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false', // slots are run by hand below, never by a real cron tick
      FILE_LINK_SECRET: randomBytes(32).toString('hex'),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: gate.apiUrl,
    };
    log('  compiling the app and the floor (tsc)…');
    const runtime = await prepareRuntime(['bench-app.ts', 'bench-floor.ts'], log);
    const app = await startChild(runtime, 'bench-app.ts', appEnv);
    children.push(app);
    const floor = await startChild(runtime, 'bench-floor.ts', { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    children.push(floor);
    await new Promise((r) => setTimeout(r, 2000)); // let start-up work settle before reading idle memory
    const idle = app.memory();
    const idleFloor = floor.memory();
    const breakdown: Record<string, unknown> = { idle: await app.ask({ cmd: 'memory' }) };

    // The people who type, now; the reminded members only before part (b), so that the lookups of
    // part (a) see a roster of realistic size.
    await seedBenchRoster(db.models, { fanout: 0, interactive: INTERACTIVE_USERS, now: new Date() });
    let peak = app.memory().rssMb;
    const env: BenchEnv = {
      app,
      floor,
      slack,
      gate,
      models: db.models,
      secret: SIGNING_SECRET,
      log: (line) => log(`  ${line}`),
      async sampled(fn) {
        let top = app.memory().rssMb;
        const timer = setInterval(() => (top = Math.max(top, app.memory().rssMb)), 100);
        try {
          const result = await fn();
          top = Math.max(top, app.memory().rssMb);
          peak = Math.max(peak, top);
          return { result, peakRssMb: top };
        } finally {
          clearInterval(timer);
        }
      },
    };

    const users = Array.from({ length: INTERACTIVE_USERS }, (_, i) => interactiveSlackId(i));
    const people = { commanders: users.slice(0, INTERACTIVE_USERS / 2), submitters: users.slice(INTERACTIVE_USERS / 2) };
    log(`  (a) ${opts.perLevel} signed interactions per level (help, mine, view submission), app vs bare Bolt floor:`);
    const interactions = await interactionsPhase(env, { levels: opts.levels, perLevel: opts.perLevel, ...people });
    breakdown.afterInteractions = await app.ask({ cmd: 'memory' });
    log(`  (a') ${opts.submissions.count} update-form submissions, ${opts.submissions.concurrency} at a time, app vs bare Bolt floor:`);
    const [submissions] = await interactionsPhase(env, { levels: [opts.submissions.concurrency], perLevel: opts.submissions.count, commanders: [], submitters: users, mix: 'submit' });
    log(`  (a'') people at once, each waiting for the answer before the next:`);
    const people50 = await env.sampled(() => peoplePhase(env, { ...people, commandsEach: 4, formsEach: 2 }));

    await seedBenchRoster(db.models, { fanout: opts.fanout, interactive: 0, now: new Date(), orgs: 'fanout' });
    log(`  (b) reminders to ${opts.fanout} members, chat.postMessage limited to ${LIMIT.max} per ${LIMIT.perMs} ms workspace-wide (429, Retry-After: ${LIMIT.retryAfterSec}):`);
    const fanout = await fanoutPhase(env, { at: OPENING, expected: opts.fanout, limit: LIMIT });
    breakdown.afterFanout = await app.ask({ cmd: 'memory' });
    breakdown.afterFanoutAndGc = await app.ask({ cmd: 'memory', gc: true });

    const end = app.memory();
    return {
      interactions: { perLevel: opts.perLevel, users: INTERACTIVE_USERS, mix: 'help, mine (50 people), view_submission (50 others) (1:1:1)', levels: interactions },
      submissions,
      people: { ...people50.result, peakRssMb: people50.peakRssMb },
      fanout,
      memory: {
        app: { idleRssMb: idle.rssMb, peakRssMb: Math.max(peak, end.peakRssMb), endRssMb: end.rssMb },
        floor: { idleRssMb: idleFloor.rssMb, peakRssMb: floor.memory().peakRssMb },
        /** process.memoryUsage() and V8 heap spaces of the app (MB) at these moments. */
        breakdown,
      },
    };
  } finally {
    for (const c of children) await c.ask({ cmd: 'stop' }, 30_000).catch(() => c.kill());
    await gate.close();
    await slack.close();
    await db.connection.dropDatabase().catch(() => undefined);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
export type InteractiveResult = Awaited<ReturnType<typeof interactiveBench>>;
