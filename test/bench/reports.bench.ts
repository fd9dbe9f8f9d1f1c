import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mongoose from 'mongoose';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-ferretdb';
import { ensureIndexes } from '../../src/db/indexes';
import { createModels } from '../../src/db/models';
import { createStore } from '../../src/db/store';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { createCalendar } from '../../src/calendar/reporting-calendar';
import { renderReport } from '../../src/render/render-report';
import { createReportService } from '../../src/reports/report.service';
import { responsesFilter } from '../../src/reports/responses.report';
import { seedDefaultRoster } from '../../src/roster/roster.service';
import { ManualClock } from '../../src/support/clock';
import { BENCH_QUARTERS, generateRecords } from './bench-records';

/**
 * `npm run bench:reports`: 100,000 records (BENCH_RECORDS to change), then each report built and
 * rendered as XLSX, next to a plain driver read (`find(...).toArray()`) of the records that report
 * reads, with peak RSS, peak heap and peak live heap sampled during each. One JSON line per
 * measurement on stdout, a readable table on stderr. Uses MONGODB_URI when set, else its own
 * FerretDB in a temporary folder.
 */
const TOTAL = Number(process.env.BENCH_RECORDS ?? 100_000);
const NOW = new Date('2026-12-02T09:00:00Z');
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Measured<T> {
  result: T;
  ms: number;
  baseRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Heap still in use right after a full GC, sampled every 100 ms: what the run really holds. */
  peakLiveHeapMb: number;
}

/** Runs `fn`, sampling memory every 5 ms (and the live heap every 100 ms), after a full GC. */
async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  gc();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  let live = base.heapUsed;
  let ticks = 0;
  const sample = () => {
    if (++ticks % 20 === 0) {
      gc();
      live = Math.max(live, process.memoryUsage().heapUsed);
    }
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const start = performance.now();
  try {
    const result = await fn();
    const ms = Math.round(performance.now() - start);
    sample();
    const mb = (n: number) => Math.round((n / MB) * 10) / 10;
    return { result, ms, baseRssMb: mb(base.rss), peakRssMb: mb(rss), peakHeapMb: mb(heap), peakLiveHeapMb: mb(live) };
  } finally {
    clearInterval(timer);
  }
}

const growth = (m: Measured<unknown>) => Math.round((m.peakRssMb - m.baseRssMb) * 10) / 10;

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
  const models = createModels(connection);
  await ensureIndexes(models);
  try {
    const clock = new ManualClock(NOW);
    const store = createStore({ models, clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
    await seedDefaultRoster(store);
    log(`Generating ${TOTAL} records on ${embedded ? 'embedded FerretDB 1.24 (SQLite)' : 'MONGODB_URI'}…`);
    const gen = await measure(() => generateRecords(models, TOTAL, log));
    const kinds = gen.result;
    process.stdout.write(`${JSON.stringify({ generated: TOTAL, ...kinds, versions: await models.recordVersions.countDocuments(), insertMs: gen.ms, database: embedded ? 'ferretdb-1.24-sqlite' : 'external' })}\n`);

    const service = createReportService({ store, clock, timezone: 'Europe/Sarajevo', calendar: createCalendar({ holidays: [], timezone: 'Europe/Sarajevo' }) });
    const active = { status: 'active' };
    const runs: { name: string; command: string[]; plain: Record<string, unknown> }[] = [
      { name: 'status', command: [], plain: { quarter: { $in: BENCH_QUARTERS.slice(-4) }, ...active } },
      { name: 'updates', command: [], plain: { type: 'update', ...active } },
      { name: 'needs', command: ['2025-2026'], plain: { type: 'need', ...active } },
      { name: 'responses', command: ['all'], plain: responsesFilter({ year: 'all' }) },
      { name: 'gaps', command: [], plain: { type: { $in: ['need', 'response'] }, ...active } },
    ];
    const rows: Record<string, string | number>[] = [];
    for (const run of runs) {
      log(`Report ${run.name}…`);
      const report = await measure(async () => {
        const prepared = await service.prepare(SYSTEM_ACTOR, run.name, run.command);
        if (!prepared.ok) throw new Error(prepared.message);
        const t0 = performance.now();
        const built = await prepared.build();
        const buildMs = Math.round(performance.now() - t0);
        const [xlsx] = await renderReport(built, 'xlsx');
        return { buildMs, bytes: xlsx!.content.length, sheets: built.tables.length + 1 };
      });
      const plain = await measure(async () => (await models.records.collection.find(run.plain).toArray()).length);
      const row = {
        report: run.name,
        options: run.command.join(' '),
        records: plain.result,
        buildMs: report.result.buildMs,
        buildAndXlsxMs: report.ms,
        xlsxBytes: report.result.bytes,
        sheets: report.result.sheets,
        driverReadMs: plain.ms,
        ratio: Math.round((report.ms / Math.max(1, plain.ms)) * 100) / 100,
        peakRssMb: report.peakRssMb,
        rssGrowthMb: growth(report),
        peakHeapMb: report.peakHeapMb,
        peakLiveHeapMb: report.peakLiveHeapMb,
        driverPeakRssMb: plain.peakRssMb,
        driverRssGrowthMb: growth(plain),
        driverPeakHeapMb: plain.peakHeapMb,
        driverPeakLiveHeapMb: plain.peakLiveHeapMb,
      };
      rows.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
    log('');
    log(`${TOTAL} records (${kinds.update} updates, ${kinds.need} needs, ${kinds.response} responses) inserted in ${(gen.ms / 1000).toFixed(1)} s.`);
    log('report     records  build+xlsx  driver read  ratio | report: RSS +MB  heap  live heap | driver read: RSS +MB  heap  live heap (MB)');
    const n = (v: string | number | undefined, w: number) => String(v).padStart(w);
    for (const r of rows) {
      log(
        `${String(r.report).padEnd(10)} ${n(r.records, 7)}  ${n(r.buildAndXlsxMs, 8)} ms  ${n(r.driverReadMs, 8)} ms  ${n(r.ratio, 5)} | ${n(r.rssGrowthMb, 14)}  ${n(r.peakHeapMb, 4)}  ${n(r.peakLiveHeapMb, 9)} | ${n(r.driverRssGrowthMb, 19)}  ${n(r.driverPeakHeapMb, 4)}  ${n(r.driverPeakLiveHeapMb, 9)}`,
      );
    }
  } finally {
    await connection.dropDatabase().catch(() => undefined);
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
