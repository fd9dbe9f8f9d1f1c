import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { startBenchDatabases, type BenchDatabase } from './bench-databases';
import { interactiveBench, type InteractiveResult } from './bench-interactive';
import { opsBench, type OpsRow } from './bench-ops';
import { reportsBench, type FormatRow, type ReportRow } from './bench-reports';
import { figureTable, type Figure } from './bench-table';

/**
 * `npm run bench`: every benchmark of the project in one run, each figure beside its floor (the
 * same work done by the simplest thing that could do it, measured in the same run) and the ratio,
 * then a table on stderr and the raw figures as JSON (with the machine's description) in
 * test/bench/results/. Parts (BENCH_PARTS, default all: ops,app,reports):
 *  - ops: per-operation cost at 1,000 / 10,000 / 100,000 documents (bench-ops.ts) on SQLite with
 *    our `_id` index, SQLite as shipped, and PostgreSQL when a server answers on 127.0.0.1:5432;
 *  - app: the app under Slack load against a bare Bolt app, the 2,000-member fan-out against the
 *    rate limit, memory (bench-interactive.ts), on SQLite with our index;
 *  - reports: each report over 100,000 records against a plain driver read, and a realistic year
 *    (5,000 records) in every format (bench-reports.ts), on SQLite and PostgreSQL.
 * Sizes: BENCH_OPS_SIZES (1000,10000,100000), BENCH_OPS_ITERATIONS (30), BENCH_LEVELS (1,10,50),
 * BENCH_PER_LEVEL (300), BENCH_FANOUT (2000), BENCH_RECORDS (100000), BENCH_YEAR (5000).
 * The machine is usually shared: read the ratios, not the absolute times.
 */
const env = process.env;
const list = (v: string | undefined, d: string) => (v ?? d).split(',').map((s) => s.trim()).filter(Boolean);
const PARTS = list(env.BENCH_PARTS, 'ops,app,reports');
const OPS_SIZES = list(env.BENCH_OPS_SIZES, '1000,10000,100000').map(Number);
const OPS_ITERATIONS = Number(env.BENCH_OPS_ITERATIONS ?? 30);
const LEVELS = list(env.BENCH_LEVELS, '1,10,50').map(Number);
const PER_LEVEL = Number(env.BENCH_PER_LEVEL ?? 300);
const FANOUT = Number(env.BENCH_FANOUT ?? 2000);
const RECORDS = Number(env.BENCH_RECORDS ?? 100_000);
const YEAR = Number(env.BENCH_YEAR ?? 5000);
const WATCHDOG_MS = Number(env.BENCH_WATCHDOG_MINUTES ?? 150) * 60_000;

const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  process.stderr.write(`${line}\n`);
};

function machine() {
  const [l1, l5, l15] = loadavg().map((n) => Math.round(n * 100) / 100);
  return { cpuModel: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10, node: process.version, platform: `${process.platform} ${process.arch}`, loadAverage: { '1m': l1, '5m': l5, '15m': l15 } };
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`bench: still running after ${WATCHDOG_MS / 60_000} minutes; giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  const started = new Date();
  const before = machine();
  log(`wbbsi-bot benchmark, ${started.toISOString()}: ${before.cores} × ${before.cpuModel}, ${before.memoryGb} GB, Node ${before.node}, load average ${before.loadAverage['1m']} / ${before.loadAverage['5m']} / ${before.loadAverage['15m']}`);
  const want = new Set<BenchDatabase['name']>(['sqlite']);
  if (PARTS.includes('ops')) ['sqlite-stock', 'postgresql'].forEach((n) => want.add(n as BenchDatabase['name']));
  if (PARTS.includes('reports')) want.add('postgresql');
  const databases = await startBenchDatabases([...want], log);
  for (const d of databases) log(`database ${d.name}: ${d.description}`);
  const byName = (n: BenchDatabase['name']) => databases.find((d) => d.name === n) ?? databases.find((d) => d.name === 'external');
  const out: { ops?: OpsRow[]; app?: InteractiveResult; reports?: ReportRow[]; formats?: FormatRow[]; insertMs?: Record<string, number> } = {};
  try {
    if (PARTS.includes('ops')) {
      log(`\n[ops] per-operation cost, ${OPS_ITERATIONS} of each one at a time, databases side by side:`);
      out.ops = await opsBench({ databases, sizes: OPS_SIZES, iterations: OPS_ITERATIONS, log });
    }
    if (PARTS.includes('app')) {
      log('\n[app] the app under Slack load vs a bare Bolt app; fan-out; memory (SQLite with our index):');
      out.app = await interactiveBench({ db: byName('sqlite')!, levels: LEVELS, perLevel: PER_LEVEL, submissions: { count: 200, concurrency: 20 }, fanout: FANOUT, log });
    }
    if (PARTS.includes('reports')) {
      out.reports = [];
      out.formats = [];
      out.insertMs = {};
      for (const db of databases.filter((d) => d.name !== 'sqlite-stock')) {
        log(`\n[reports] a realistic year (${YEAR.toLocaleString('en')} records), every report in every format, on ${db.name}:`);
        out.formats.push(...(await reportsBench({ db, total: YEAR, formats: true, log })).formats);
        log(`[reports] ${RECORDS.toLocaleString('en')} records, each report (build + XLSX) vs a plain driver read, on ${db.name}:`);
        const big = await reportsBench({ db, total: RECORDS, formats: false, log });
        out.reports.push(...big.reports);
        out.insertMs[db.name] = big.insertMs;
      }
    }
  } finally {
    for (const d of databases) await d.stop().catch(() => undefined);
    clearTimeout(watchdog);
  }

  const figures: Figure[] = figureTable(out, { sizes: OPS_SIZES });
  const after = machine();
  log('');
  log(`Each figure beside its floor, measured in the same run (load average at the end: ${after.loadAverage['1m']} / ${after.loadAverage['5m']} / ${after.loadAverage['15m']}):`);
  for (const l of renderTable(figures)) log(l);
  const missed = figures.filter((f) => f.met === false);
  log(missed.length ? `Goals missed: ${missed.map((f) => f.figure).join('; ')}` : 'Every goal met.');

  const stamp = started.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const result = {
    benchmark: 'wbbsi-bot (npm run bench)',
    startedAt: started.toISOString(),
    durationS: Math.round((Date.now() - started.getTime()) / 1000),
    machine: { ...before, loadAverageAtEnd: after.loadAverage },
    databases: databases.map((d) => ({ name: d.name, description: d.description })),
    settings: { parts: PARTS, opsSizes: OPS_SIZES, opsIterations: OPS_ITERATIONS, levels: LEVELS, perLevel: PER_LEVEL, fanout: FANOUT, records: RECORDS, year: YEAR },
    figures,
    raw: out,
  };
  writeFileSync(join(dir, `bench-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, `bench-${stamp}.txt`), `${lines.join('\n')}\n`);
  log(`Raw output: test/bench/results/bench-${stamp}.json and .txt`);
  if (out.app && (out.app.fanout.duplicates || out.app.fanout.missed || out.app.fanout.unexpected)) process.exitCode = 1;
}

function renderTable(figures: Figure[]): string[] {
  const cols = ['figure', 'value', 'floor', 'ratio', 'goal', 'met'] as const;
  const cell = (f: Figure, c: (typeof cols)[number]) => (c === 'met' ? (f.met === undefined ? '' : f.met ? 'yes' : 'NO') : String(f[c] ?? ''));
  const widths = cols.map((c) => Math.max(c.length, ...figures.map((f) => cell(f, c).length)));
  const row = (vals: string[]) => vals.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [row([...cols]), row(widths.map((w) => '-'.repeat(w))), ...figures.map((f) => row(cols.map((c) => cell(f, c))))];
}

main().catch((err: Error) => {
  console.error(`bench: ${err.stack ?? err.message}`);
  process.exit(1);
});
