import { startBenchDatabases } from './bench-databases';
import { reportsBench } from './bench-reports';

/**
 * `npm run bench:reports`: the reports part of `npm run bench` alone. 100,000 records
 * (BENCH_RECORDS to change) on the embedded FerretDB (SQLite, or MONGODB_URI when set): each
 * report built and rendered as XLSX next to a plain driver read of the same records. JSON rows on
 * stdout, a readable line per report on stderr.
 */
const TOTAL = Number(process.env.BENCH_RECORDS ?? 100_000);

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const [db] = await startBenchDatabases(['sqlite'], log);
  try {
    const { reports, insertMs } = await reportsBench({ db: db!, total: TOTAL, formats: false, log });
    process.stdout.write(`${JSON.stringify({ generated: TOTAL, insertMs, database: db!.description })}\n`);
    for (const r of reports) process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    await db!.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`bench: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
