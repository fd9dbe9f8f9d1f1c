import mongoose from 'mongoose';
import { ensureIndexes } from '../../src/db/indexes';
import { createModels } from '../../src/db/models';
import { createStore } from '../../src/db/store';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { createCalendar } from '../../src/calendar/reporting-calendar';
import { REPORT_FORMATS, renderReport } from '../../src/render/render-report';
import { createReportService } from '../../src/reports/report.service';
import { responsesFilter } from '../../src/reports/responses.report';
import { seedDefaultRoster } from '../../src/roster/roster.service';
import { ManualClock } from '../../src/support/clock';
import type { BenchDatabase } from './bench-databases';
import { measure } from './bench-memory';
import { BENCH_QUARTERS, generateRecords } from './bench-records';

/**
 * Reports over generated records (bench-records.ts): each report built and rendered as XLSX next to
 * a plain driver read (`find(filter).toArray()`) of the records that report reads, with the memory
 * it takes; and, for a realistic year, every report in every format. The database is one of
 * bench-databases.ts; the report runs in this process, as `wbbsi report` does.
 */
const NOW = new Date('2026-12-02T09:00:00Z');
const RUNS: { name: string; command: string[]; plain: Record<string, unknown> }[] = [
  { name: 'status', command: [], plain: { quarter: { $in: BENCH_QUARTERS.slice(-4) }, status: 'active' } },
  { name: 'updates', command: [], plain: { type: 'update', status: 'active' } },
  { name: 'needs', command: ['2025-2026'], plain: { type: 'need', status: 'active' } },
  { name: 'responses', command: ['all'], plain: responsesFilter({ year: 'all' }) },
  { name: 'gaps', command: [], plain: { type: { $in: ['need', 'response'] }, status: 'active' } },
];

export interface ReportRow {
  database: string;
  total: number;
  report: string;
  records: number;
  buildMs: number;
  buildAndXlsxMs: number;
  driverReadMs: number;
  ratio: number;
  peakLiveHeapMb: number;
  driverPeakLiveHeapMb: number;
  rssGrowthMb: number;
}

export interface FormatRow {
  database: string;
  total: number;
  report: string;
  format: string;
  /** Build and render, as `wbbsi report <name> --format <f>` does. */
  ms: number;
  bytes: number;
}

/**
 * Generates `total` records in a fresh database on `db`, then measures every report. With
 * `formats`, every report in every format (build + render each time); else build + XLSX next to a
 * driver read.
 */
export async function reportsBench(opts: { db: BenchDatabase; total: number; formats: boolean; log: (line: string) => void }): Promise<{ reports: ReportRow[]; formats: FormatRow[]; insertMs: number }> {
  const { db, total, log } = opts;
  const dbName = `bench_reports_${Date.now().toString(36)}`;
  // On FerretDB a sorted query over 100,000 records can stay silent longer than the app's 30 s
  // socket timeout before its first batch when the machine is busy.
  const connection = await mongoose.createConnection(db.uri, { dbName, autoIndex: false, autoCreate: false, socketTimeoutMS: 0 }).asPromise();
  const models = createModels(connection);
  await ensureIndexes(models);
  const reports: ReportRow[] = [];
  const formats: FormatRow[] = [];
  try {
    const clock = new ManualClock(NOW);
    const store = createStore({ models, clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
    await seedDefaultRoster(store);
    const t0 = performance.now();
    await generateRecords(models, total, () => undefined);
    const insertMs = Math.round(performance.now() - t0);
    log(`  ${db.name}: ${total.toLocaleString('en')} records generated in ${(insertMs / 1000).toFixed(0)} s`);
    const service = createReportService({ store, clock, timezone: 'Europe/Sarajevo', calendar: createCalendar({ holidays: [], timezone: 'Europe/Sarajevo' }) });
    for (const run of RUNS) {
      const prepare = async () => {
        const prepared = await service.prepare(SYSTEM_ACTOR, run.name, run.command);
        if (!prepared.ok) throw new Error(prepared.message);
        return prepared;
      };
      if (opts.formats) {
        for (const format of REPORT_FORMATS) {
          if (format === 'png' && run.name !== 'gaps') continue; // only gaps has a heat map
          const t = performance.now();
          const files = await renderReport(await (await prepare()).build(), format);
          const ms = Math.round(performance.now() - t);
          formats.push({ database: db.name, total, report: run.name, format, ms, bytes: files.reduce((n, f) => n + f.content.length, 0) });
        }
        log(`    ${run.name.padEnd(10)} ${formats.filter((f) => f.report === run.name).map((f) => `${f.format} ${f.ms} ms`).join(', ')}`);
        continue;
      }
      const report = await measure(async () => {
        const prepared = await prepare();
        const t = performance.now();
        const built = await prepared.build();
        const buildMs = Math.round(performance.now() - t);
        await renderReport(built, 'xlsx');
        return { buildMs };
      });
      const plain = await measure(async () => (await models.records.collection.find(run.plain).toArray()).length);
      const row: ReportRow = {
        database: db.name,
        total,
        report: run.name,
        records: plain.result,
        buildMs: report.result.buildMs,
        buildAndXlsxMs: report.ms,
        driverReadMs: plain.ms,
        ratio: Math.round((report.ms / Math.max(1, plain.ms)) * 100) / 100,
        peakLiveHeapMb: report.peakLiveHeapMb,
        driverPeakLiveHeapMb: plain.peakLiveHeapMb,
        rssGrowthMb: Math.round((report.peakRssMb - report.baseRssMb) * 10) / 10,
      };
      reports.push(row);
      log(`    ${run.name.padEnd(10)} ${row.records} records: build ${row.buildMs} ms, build+xlsx ${row.buildAndXlsxMs} ms, driver read ${row.driverReadMs} ms (×${row.ratio}); live heap ${row.peakLiveHeapMb} / ${row.driverPeakLiveHeapMb} MB`);
    }
    return { reports, formats, insertMs };
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}
