import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mongoose from 'mongoose';
import { ensureIndexes } from '../../src/db/indexes';
import { createModels } from '../../src/db/models';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-ferretdb';
import { createStore } from '../../src/db/store';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { reportingCalendar } from '../../src/reminders/calendar-config';
import { renderReport } from '../../src/reports/render/render-report';
import { createReportService } from '../../src/reports/report.service';
import { responsesFilter } from '../../src/reports/responses.report';
import { seedDefaultRoster } from '../../src/roster/roster.service';
import { ManualClock } from '../../src/support/clock';
import { BENCH_QUARTERS, generateRecords } from './bench-records';

/**
 * `npm run bench:reports`: 100,000 records (BENCH_RECORDS to change), then each report built and
 * rendered as XLSX, next to a plain driver read (`find(...).toArray()`) of the records that report
 * reads, with the peak RSS and heap sampled during each. One JSON line per measurement on stdout,
 * a readable table on stderr. Uses MONGODB_URI when set, else its own FerretDB in a temp folder.
 */
const TOTAL = Number(process.env.BENCH_RECORDS ?? 100_000);
const NOW = new Date('2026-12-02T09:00:00Z');
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Runs `fn`, sampling memory every 5 ms (and once at the end), after a full GC for a clean baseline. */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number; peakHeapMb: number; baseRssMb: number }> {
  gc();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const start = performance.now();
  try {
    const result = await fn();
    sample();
    const round = (n: number) => Math.round(n * 10) / 10;
    return { result, ms: Math.round(performance.now() - start), peakRssMb: round(rss / MB), peakHeapMb: round(heap / MB), baseRssMb: round(base.rss / MB) };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let uri = process.env.MONGODB_URI;
  const dbName = `bench_reports_${Date.now().toString(36)}`;
  if (!uri) {
    dir = mkdtempSync(join(tmpdir(), 'wbbsi-bench-'));
    embedded = await startEmbeddedDatabase({ dataDir: dir, dbName, startTimeoutMs: 120_000 });
    uri = embedded.uri;
  }
  // The app's connection gives up after 30 s of silence; on FerretDB a sorted query over 100,000
  // records can take longer than that before its first batch when the machine is busy.
  const connection = await mongoose.createConnection(uri, { dbName, autoIndex: false, autoCreate: false, socketTimeoutMS: 0 }).asPromise();
  const db = { connection, models: createModels(connection) };
  await ensureIndexes(db.models);
  try {
    const clock = new ManualClock(NOW);
    const store = createStore({ models: db.models, clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
    await seedDefaultRoster(store);
    log(`Generating ${TOTAL} records on ${embedded ? 'embedded FerretDB (SQLite)' : 'MONGODB_URI'}…`);
    const gen = await measure(() => generateRecords(db.models, TOTAL, log));
    const kinds = gen.result;
    process.stdout.write(`${JSON.stringify({ generated: TOTAL, ...kinds, versions: await db.models.recordVersions.countDocuments(), insertMs: gen.ms, database: embedded ? 'ferretdb-1.24-sqlite' : 'external' })}\n`);

    const service = createReportService({ store, clock, timezone: 'Europe/Sarajevo', calendar: reportingCalendar({ holidays: [] }) });
    const col = db.models.records.collection;
    const active = { status: 'active' };
    const runs: { name: string; command: string[]; plain: Record<string, unknown> }[] = [
      { name: 'status', command: [], plain: { quarter: { $in: BENCH_QUARTERS.slice(-4) }, ...active } },
      { name: 'updates', command: [], plain: { type: 'update', ...active } },
      { name: 'needs', command: ['2025-2026'], plain: { type: 'need', ...active } },
      { name: 'responses', command: ['all'], plain: responsesFilter({ year: 'all' }) },
      { name: 'gaps', command: [], plain: { type: { $in: ['need', 'response'] }, ...active } },
    ];
    const rows: Record<string, unknown>[] = [];
    for (const run of runs) {
      log(`Report ${run.name}…`);
      const report = await measure(async () => {
        const prepared = await service.prepare(SYSTEM_ACTOR, run.name, run.command);
        if (!prepared.ok) throw new Error(prepared.message);
        const t0 = performance.now();
        const built = await prepared.build();
        const buildMs = Math.round(performance.now() - t0);
        const [xlsx] = await renderReport(built, 'xlsx');
        return { buildMs, bytes: xlsx!.content.length, rows: built.tables.length };
      });
      const plain = await measure(async () => (await col.find(run.plain).toArray()).length);
      const row = {
        report: run.name,
        options: run.command.join(' '),
        records: plain.result,
        buildMs: report.result.buildMs,
        buildAndXlsxMs: report.ms,
        xlsxBytes: report.result.bytes,
        sheets: report.result.rows + 1,
        driverReadMs: plain.ms,
        ratio: Math.round((report.ms / Math.max(1, plain.ms)) * 100) / 100,
        peakRssMb: report.peakRssMb,
        peakHeapMb: report.peakHeapMb,
        baseRssMb: report.baseRssMb,
        driverPeakRssMb: plain.peakRssMb,
        driverPeakHeapMb: plain.peakHeapMb,
      };
      rows.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
    log('');
    log(`${TOTAL} records (${kinds.update} updates, ${kinds.need} needs, ${kinds.response} responses) inserted in ${(gen.ms / 1000).toFixed(1)} s.`);
    log('report     records  build+xlsx  driver read  ratio  peak RSS (MB)  peak heap (MB)  driver peak RSS/heap');
    for (const r of rows) {
      log(
        `${String(r.report).padEnd(10)} ${String(r.records).padStart(7)}  ${String(r.buildAndXlsxMs).padStart(8)} ms  ${String(r.driverReadMs).padStart(8)} ms  ${String(r.ratio).padStart(5)}  ${String(r.peakRssMb).padStart(13)}  ${String(r.peakHeapMb).padStart(14)}  ${r.driverPeakRssMb}/${r.driverPeakHeapMb}`,
      );
    }
  } finally {
    await db.connection.dropDatabase().catch(() => undefined);
    await connection.close();
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`bench: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
