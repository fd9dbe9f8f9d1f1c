import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-ferretdb';
import { ensureIndexes } from '../../src/db/indexes';
import { createModels } from '../../src/db/models';
import { createStore } from '../../src/db/store';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { seedDefaultRoster } from '../../src/roster/roster.service';
import { createSpreadsheetService } from '../../src/spreadsheets/spreadsheet.service';
import type { Progress } from '../../src/spreadsheets/walk-file';
import { ManualClock } from '../../src/support/clock';
import { needRows } from '../spreadsheets/needs-rows';
import { fillTemplate } from '../spreadsheets/sheets';
import { measure } from './bench-memory';

/**
 * `npx tsx test/bench/import.bench.ts`: imports needs from the project's own XLSX template filled
 * with 1,000 and 5,000 rows (BENCH_IMPORT_ROWS="1000,5000" to change), and the 5,000 as CSV, on the
 * embedded FerretDB (or MONGODB_URI). Each file: the dry run, the import (check + write), and the
 * same file again (nothing to write). Peak heap and live heap (after a full GC, every 0.5 s) show
 * whether memory grows with the file. JSON lines on stdout, a table on stderr.
 */
const SIZES = (process.env.BENCH_IMPORT_ROWS ?? '1000,5000').split(',').map(Number);
/** The same rows as CSV, `;`-separated with a BOM, the way Excel in most of Europe saves it. */
function toCsv(rows: ReturnType<typeof needRows>): Buffer {
  const headers = Object.keys(rows[0]!);
  const field = (v: unknown) => (v === undefined || v === null ? '' : /[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [headers.join(';'), ...rows.map((r) => headers.map((h) => field(r[h])).join(';'))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let uri = process.env.MONGODB_URI;
  const dbName = `bench_import_${Date.now().toString(36)}`;
  if (!uri) {
    dir = mkdtempSync(join(tmpdir(), 'wbbsi-bench-'));
    embedded = await startEmbeddedDatabase({ dataDir: dir, dbName, startTimeoutMs: 120_000 });
    uri = embedded.uri;
  }
  const connection = await mongoose.createConnection(uri, { dbName, autoIndex: false, autoCreate: false, maxPoolSize: 4 }).asPromise();
  const models = createModels(connection);
  await ensureIndexes(models);
  const out: Record<string, unknown>[] = [];
  try {
    const clock = new ManualClock(new Date('2026-12-02T09:00:00Z'));
    const store = createStore({ models, clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
    await seedDefaultRoster(store);
    const service = createSpreadsheetService({ store, clock, timezone: 'Europe/Sarajevo' });
    const template = await service.template('needs', 'xlsx');
    let offset = 0;
    const files: { label: string; rows: number; file: { name: string; content: Buffer } }[] = [];
    for (const n of SIZES) {
      const rows = needRows(n, offset);
      offset += n;
      files.push({ label: `xlsx ${n}`, rows: n, file: { name: `needs-${n}.xlsx`, content: await fillTemplate(template.content, 'Import needs', rows) } });
    }
    const last = SIZES[SIZES.length - 1]!;
    files.push({ label: `csv ${last}`, rows: last, file: { name: `needs-${last}.csv`, content: toCsv(needRows(last, offset)) } });
    for (const f of files) {
      log(`${f.label}: ${(f.file.content.length / 1024).toFixed(0)} KB`);
      const progress = (p: Progress) => p.done && log(`  ${p.phase}: ${p.rows} rows`);
      const dry = await measure(() => service.dryRun(SYSTEM_ACTOR, 'needs', f.file, { onProgress: progress }), 500);
      const applied = await measure(() => service.apply(SYSTEM_ACTOR, 'needs', f.file, { onProgress: progress }), 500);
      const again = await measure(() => service.apply(SYSTEM_ACTOR, 'needs', f.file), 500);
      if (!applied.result.ok || applied.result.written?.created !== f.rows || again.result.counts.unchanged !== f.rows)
        throw new Error(`${f.label}: unexpected result ${JSON.stringify({ applied: applied.result.written, problems: applied.result.problems.slice(0, 3), again: again.result.counts })}`);
      const row = {
        file: f.label,
        rows: f.rows,
        bytes: f.file.content.length,
        recordsBefore: (await models.records.countDocuments({})) - f.rows,
        dryRunMs: dry.ms,
        importMs: applied.ms,
        againMs: again.ms,
        rowsPerSecond: Math.round((f.rows / applied.ms) * 1000),
        dryRunPeakLiveHeapMb: dry.peakLiveHeapMb,
        importPeakLiveHeapMb: applied.peakLiveHeapMb,
        importPeakHeapMb: applied.peakHeapMb,
        importPeakRssMb: applied.peakRssMb,
        baseHeapMb: applied.baseHeapMb,
      };
      out.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
    log('');
    log(`Import of needs on ${embedded ? 'embedded FerretDB 1.24 (SQLite)' : 'MONGODB_URI'}: times and memory (MB)`);
    log('file        rows  dry run  import (check+write)  again  rows/s | heap before  peak live heap (dry run / import)  peak heap  peak RSS');
    const p = (v: unknown, w: number) => String(v).padStart(w);
    for (const r of out)
      log(`${String(r.file).padEnd(10)} ${p(r.rows, 5)} ${p(r.dryRunMs, 6)} ms ${p(r.importMs, 12)} ms ${p(r.againMs, 10)} ms ${p(r.rowsPerSecond, 6)} | ${p(r.baseHeapMb, 11)}  ${p(r.dryRunPeakLiveHeapMb, 16)} / ${p(r.importPeakLiveHeapMb, 6)} ${p(r.importPeakHeapMb, 20)} ${p(r.importPeakRssMb, 9)}`);
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
