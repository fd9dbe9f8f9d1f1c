import type { InteractiveResult } from './bench-interactive';
import type { OpsRow } from './bench-ops';
import type { FormatRow, ReportRow } from './bench-reports';

/** One line of the benchmark's table: a figure, what it is compared with, the ratio and the goal. */
export interface Figure {
  figure: string;
  value: string;
  /** The floor (the same work done by the simplest thing that can do it) or the baseline. */
  floor: string;
  ratio: string;
  goal: string;
  /** Undefined when the line has no goal (shown for comparison). */
  met?: boolean;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${r2(n)} ms`);
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? r2(a / b) : NaN);
const x = (n: number) => (Number.isNaN(n) ? '—' : `${n}×`);

type Results = { ops?: OpsRow[]; app?: InteractiveResult; reports?: ReportRow[]; formats?: FormatRow[] };

export function figureTable(out: Results, opts: { sizes: number[] }): Figure[] {
  return [...opsFigures(out.ops ?? [], opts.sizes), ...appFigures(out.app), ...reportFigures(out.reports ?? [], out.formats ?? [])];
}

function opsFigures(rows: OpsRow[], sizes: number[]): Figure[] {
  if (!rows.length) return [];
  const small = Math.min(...sizes);
  const big = Math.max(...sizes);
  const at = (db: string, op: string, size: number) => rows.find((r) => r.database === db && r.op === op && r.size === size)?.ms.p50;
  const dbs = [...new Set(rows.map((r) => r.database))];
  const ops = [...new Set(rows.map((r) => r.op))];
  const out: Figure[] = [];
  for (const db of dbs) {
    for (const op of ops) {
      const a = at(db, op, big);
      const b = at(db, op, small);
      const k = ratio(a ?? NaN, b ?? NaN);
      const judged = op !== 'lookup-first' && db !== 'sqlite-stock';
      out.push({
        figure: `${op} p50 at ${big.toLocaleString('en')} docs, ${db} (floor: same at ${small.toLocaleString('en')})`,
        value: ms(a),
        floor: ms(b),
        ratio: x(k),
        goal: judged ? '≤ 1.5×' : '(for comparison)',
        ...(judged ? { met: k <= 1.5 } : {}),
      });
    }
  }
  if (dbs.includes('sqlite') && dbs.includes('sqlite-stock')) {
    for (const op of ops) {
      const a = at('sqlite', op, big);
      const b = at('sqlite-stock', op, big);
      out.push({ figure: `${op} p50 at ${big.toLocaleString('en')} docs: our _id index (vs FerretDB as shipped)`, value: ms(a), floor: ms(b), ratio: x(ratio(a ?? NaN, b ?? NaN)), goal: '(effect of the index)' });
    }
  }
  return out;
}

function appFigures(app: InteractiveResult | undefined): Figure[] {
  if (!app) return [];
  type Lat = { ack: { p99: number }; ackByKind: Record<string, { p99: number }>; replyAfterCommand?: { p99: number }; confirmationAfterSubmit?: { p99: number } };
  const out: Figure[] = [];
  for (const row of app.interactions.levels as { concurrency: number; app: Lat; floor: Lat }[]) {
    out.push({ figure: `ack p99, help/mine/submit mix, ${row.concurrency} at once (floor: bare Bolt app)`, value: ms(row.app.ack.p99), floor: ms(row.floor.ack.p99), ratio: x(ratio(row.app.ack.p99, row.floor.ack.p99)), goal: '(for comparison)' });
    const cmd = (l: Lat) => Math.max(l.ackByKind.help!.p99, l.ackByKind.mine!.p99);
    out.push({ figure: `ack p99, slash commands, ${row.concurrency} at once (floor: bare Bolt app)`, value: ms(cmd(row.app)), floor: ms(cmd(row.floor)), ratio: x(ratio(cmd(row.app), cmd(row.floor))), goal: '(at the floor)' });
  }
  for (const row of app.interactions.levels as { concurrency: number; app: Lat }[]) {
    const reply = row.app.replyAfterCommand?.p99;
    if (reply !== undefined) out.push({ figure: `reply after a slash command p99, ${row.concurrency} at once${row.concurrency === 50 ? ' (issue 18 item 4)' : ''}`, value: ms(reply), floor: '—', ratio: '—', ...(row.concurrency === 50 ? { goal: '≤ 1 s', met: reply <= 1000 } : { goal: '(for comparison)' }) });
    const saved = row.app.confirmationAfterSubmit?.p99;
    if (saved !== undefined) out.push({ figure: `form sent → its confirmation shown, p99, ${row.concurrency} at once`, value: ms(saved), floor: '—', ratio: '—', goal: '(for comparison)' });
  }
  const s = app.submissions as { concurrency: number; app: Lat; floor: Lat } | undefined;
  if (s) {
    const k = ratio(s.app.ack.p99, s.floor.ack.p99);
    out.push({ figure: `ack p99, form submissions only, ${s.concurrency} at once (issue 18 item 3)`, value: ms(s.app.ack.p99), floor: ms(s.floor.ack.p99), ratio: x(k), goal: '≤ 1.3×', met: k <= 1.3 });
  }
  const p = app.people;
  out.push({ figure: `reply after a slash command p99, ${p.commanders} people each waiting for it (${p.submitters} others sending forms)`, value: ms(p.replyAfterCommand.p99), floor: '—', ratio: '—', goal: '(for comparison)' });
  out.push({ figure: `form sent → its confirmation shown p99, ${p.submitters} people each waiting for it`, value: ms(p.confirmationAfterSubmit.p99), floor: '—', ratio: '—', goal: '(for comparison)' });
  const f = app.fanout;
  const k = ratio(f.completionMs, f.minimumMs);
  out.push({ figure: `fan-out to ${f.recipients} members (floor: what the rate limit allows)`, value: ms(f.completionMs), floor: ms(f.minimumMs), ratio: x(k), goal: '≤ 1.1×', met: k <= 1.1 });
  out.push({ figure: 'fan-out duplicates / missed', value: `${f.duplicates} / ${f.missed}`, floor: '0 / 0', ratio: '—', goal: '0 / 0', met: f.duplicates === 0 && f.missed === 0 && f.unexpected === 0 });
  const m = app.memory;
  out.push({ figure: 'app resident memory, idle (floor: bare Bolt app)', value: `${m.app.idleRssMb} MB`, floor: `${m.floor.idleRssMb} MB`, ratio: x(ratio(m.app.idleRssMb, m.floor.idleRssMb)), goal: '≤ 150 MB', met: m.app.idleRssMb <= 150 });
  out.push({ figure: 'app resident memory, peak in the benchmark (floor: bare Bolt app)', value: `${m.app.peakRssMb} MB`, floor: `${m.floor.peakRssMb} MB`, ratio: x(ratio(m.app.peakRssMb, m.floor.peakRssMb)), goal: '≤ 250 MB', met: m.app.peakRssMb <= 250 });
  return out;
}

function reportFigures(reports: ReportRow[], formats: FormatRow[]): Figure[] {
  const out: Figure[] = [];
  for (const r of reports) {
    out.push({
      figure: `report ${r.report} over ${r.total.toLocaleString('en')} records (${r.records.toLocaleString('en')} read), ${r.database} (floor: driver read)`,
      value: ms(r.buildAndXlsxMs),
      floor: ms(r.driverReadMs),
      ratio: x(r.ratio),
      goal: '≤ 2×',
      met: r.ratio <= 2,
    });
  }
  const groups = new Map<string, FormatRow[]>();
  for (const f of formats) groups.set(`${f.database}|${f.report}`, [...(groups.get(`${f.database}|${f.report}`) ?? []), f]);
  for (const rows of groups.values()) {
    const slowest = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
    out.push({
      figure: `report ${slowest.report}, a year (${slowest.total.toLocaleString('en')} records), slowest of ${rows.map((r) => r.format).join('/')} (${slowest.format}), ${slowest.database}`,
      value: ms(slowest.ms),
      floor: '—',
      ratio: '—',
      goal: '< 2 s',
      met: slowest.ms < 2000,
    });
  }
  return out;
}
