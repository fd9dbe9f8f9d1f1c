import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/db/database';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-ferretdb';
import { silentLogger } from '../../src/support/logger';
import { startSlackGate } from '../support/slack-gate';
import { SIGNING_SECRET } from '../support/slack-signing';
import { startSlackStandin } from '../support/slack-standin';
import { fanoutPhase, interactionsPhase, type BenchEnv } from './bench-phases';
import { prepareRuntime, startChild, type Child } from './bench-protocol';
import { interactiveSlackId, seedBenchRoster } from './bench-seed';

/**
 * `npm run bench`: the app under load, faults aside (those are asserted by test/reliability).
 *  (a) signed Slack interactions (`/wbbsi help`, `/wbbsi mine`, view submissions of a valid
 *      development update) at concurrency 1, 10 and 50, against the app and against a bare Bolt app
 *      that only acks (the floor): ack latency p50/p95/p99, throughput, and the ratio;
 *  (b) one reminder slot fanned out to 2,000 synthetic members through a Slack stand-in that
 *      enforces a workspace-wide limit on chat.postMessage (HTTP 429 + Retry-After), next to the
 *      minimum that limit allows, with duplicates and missed recipients (both must be 0);
 *  (c) the app's resident memory, idle and at its peak.
 * Everything on loopback, with bounded loops; the app and the floor run in their own processes.
 * JSON on stdout, a readable summary on stderr. MONGODB_URI is used when set, else an embedded
 * FerretDB in a temporary folder. BENCH_PER_LEVEL, BENCH_FANOUT and BENCH_LEVELS
 * (e.g. `10,50`) change the sizes.
 */
const PER_LEVEL = Number(process.env.BENCH_PER_LEVEL ?? 300);
const FANOUT = Number(process.env.BENCH_FANOUT ?? 2000);
const INTERACTIVE_USERS = 50;
const LEVELS = (process.env.BENCH_LEVELS ?? '1,10,50').split(',').map(Number);
const LIMIT = { max: 50, perMs: 1000, retryAfterSec: 1 };
/** 10:00 in Sarajevo on the day the 2026-Q4 window opens: every synthetic member is due. */
const OPENING = new Date('2026-12-01T09:00:00Z');
const WATCHDOG_MS = 15 * 60_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`bench: still running after ${WATCHDOG_MS / 60_000} minutes; giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'wbbsi-bench-'));
  const dbName = `bench_${Date.now().toString(36)}`;
  let embedded: EmbeddedDatabase | undefined;
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    embedded = await startEmbeddedDatabase({ dataDir: join(dir, 'db'), dbName, startTimeoutMs: 120_000 });
    uri = embedded.uri;
  }
  const db = await connect(uri, dbName, silentLogger);
  const slack = await startSlackStandin({ tokens: ['xoxb-bench'], everyone: true }); // measures, never refuses people
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
      FILE_LINK_SECRET: 'bench-file-link-secret-of-32-characters',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: gate.apiUrl,
    };
    log('Compiling the app and the floor (tsc)…');
    const runtime = await prepareRuntime(['bench-app.ts', 'bench-floor.ts'], log);
    log(`Starting the app and the bare Bolt floor (${runtime.name}; database: ${embedded ? 'embedded FerretDB 1.24, SQLite' : 'MONGODB_URI'})…`);
    const app = await startChild(runtime, 'bench-app.ts', appEnv);
    children.push(app);
    const floor = await startChild(runtime, 'bench-floor.ts', { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    children.push(floor);
    await new Promise((r) => setTimeout(r, 2000)); // let start-up work settle before reading idle memory
    const idle = app.memory();
    const idleFloor = floor.memory();

    // The people who type, now; the 2,000 reminded members only before part (b). On FerretDB a
    // lookup by anything but _id reads the whole collection (no index use on SQLite in 1.24), so a
    // roster of 2,050 would make every request of part (a) pay for a table scan that a real roster
    // of about a hundred people does not (see README).
    await seedBenchRoster(db.models, { fanout: 0, interactive: INTERACTIVE_USERS, now: new Date() });
    const env: BenchEnv = {
      app,
      floor,
      slack,
      gate,
      models: db.models,
      secret: SIGNING_SECRET,
      log,
      async sampled(fn) {
        let peak = app.memory().rssMb;
        const timer = setInterval(() => (peak = Math.max(peak, app.memory().rssMb)), 100);
        try {
          const result = await fn();
          return { result, peakRssMb: Math.max(peak, app.memory().rssMb) };
        } finally {
          clearInterval(timer);
        }
      },
    };

    log(`(a) ${PER_LEVEL} signed interactions per level (help, mine, view submission), app vs bare Bolt floor:`);
    const users = Array.from({ length: INTERACTIVE_USERS }, (_, i) => interactiveSlackId(i));
    const interactions = await interactionsPhase(env, { levels: LEVELS, perLevel: PER_LEVEL, users });

    await seedBenchRoster(db.models, { fanout: FANOUT, interactive: 0, now: new Date(), orgs: 'fanout' });
    log(`(b) reminders to ${FANOUT} members, chat.postMessage limited to ${LIMIT.max} per ${LIMIT.perMs} ms workspace-wide (429, Retry-After: ${LIMIT.retryAfterSec}):`);
    const fanout = await fanoutPhase(env, { at: OPENING, expected: FANOUT, limit: LIMIT });

    const end = app.memory();
    const result = {
      benchmark: 'wbbsi-bot',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10, node: process.version, loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 },
      database: embedded ? 'embedded FerretDB 1.24 (SQLite)' : 'MONGODB_URI',
      runtime: runtime.name,
      interactions: { perLevel: PER_LEVEL, users: INTERACTIVE_USERS, mix: 'help, mine, view_submission (1:1:1)', levels: interactions },
      fanout,
      memory: { app: { idleRssMb: idle.rssMb, peakRssMb: end.peakRssMb, endRssMb: end.rssMb }, floor: { idleRssMb: idleFloor.rssMb, peakRssMb: floor.memory().peakRssMb } },
      durationMs: Date.now() - started,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    summary(result);
    if (fanout.duplicates || fanout.missed || fanout.unexpected) process.exitCode = 1;
  } finally {
    for (const c of children) await c.ask({ cmd: 'stop' }, 30_000).catch(() => c.kill());
    await gate.close();
    await slack.close();
    await db.connection.dropDatabase().catch(() => undefined);
    await db.close();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

type Result = {
  machine: { cpus: number; cpuModel: string; memoryGb: number; loadAverage1m: number };
  interactions: { levels: Record<string, unknown>[] };
  fanout: Awaited<ReturnType<typeof fanoutPhase>>;
  memory: { app: { idleRssMb: number; peakRssMb: number } };
  durationMs: number;
};

function summary(r: Result): void {
  const m = r.machine;
  log('');
  log(`wbbsi-bot benchmark on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB (load average at the end: ${m.loadAverage1m})`);
  log('ack latency (ms) p50 / p95 / p99, throughput (req/s): app | bare Bolt floor | ratio');
  for (const row of r.interactions.levels as { concurrency: number; app: Lat; floor: Lat; ratio: Record<string, number> }[]) {
    const f = (x: Lat) => `${x.ack.p50} / ${x.ack.p95} / ${x.ack.p99}, ${x.throughputPerSec}`;
    log(`  c=${String(row.concurrency).padEnd(3)} ${f(row.app)} | ${f(row.floor)} | ×${row.ratio.p50} / ×${row.ratio.p95} / ×${row.ratio.p99}`);
  }
  const fo = r.fanout;
  log(`reminders: ${fo.recipients} members in ${(fo.completionMs / 1000).toFixed(1)} s (first to last message ${(fo.firstToLastMessageMs / 1000).toFixed(1)} s; the limit allows no less than ${fo.minimumMs / 1000} s), ${fo.slots} slot(s), ${fo.answered429} × 429, duplicates ${fo.duplicates}, missed ${fo.missed}`);
  log(`memory: idle ${r.memory.app.idleRssMb} MB, peak ${r.memory.app.peakRssMb} MB resident`);
  log(`total ${(r.durationMs / 1000).toFixed(0)} s`);
}
type Lat = { ack: { p50: number; p95: number; p99: number }; throughputPerSec: number };

main().catch((err: Error) => {
  console.error(`bench: ${err.stack ?? err.message}`);
  process.exit(1);
});
