import type { Actor } from '../domain/actor';
import { longDate } from '../domain/quarter';
import type { Report, ReportColumn, Row } from '../render/report-model';
import { assertMayRun } from './report-access';
import { listOf, plural } from './report-labels';
import type { ReportEnv } from './report-source';
import { cellText, defaultQuarters, quarterRange, STATE_LABEL, statusGrid, tally, type StatusGrid } from './status-grid';

/** `status [quarter | quarter quarter] [organisation]`: organisation × quarter grid. */
export interface StatusQuery {
  /** One quarter, or two for a range; the last four by default. */
  quarters?: string[];
  orgCode?: string;
}

const qKey = (q: string) => `q_${q.replace('-', '_')}`;

export async function buildStatusReport(env: ReportEnv, query: StatusQuery, actor: Actor): Promise<Report> {
  const scope = assertMayRun(actor, 'status', query.orgCode);
  const orgCode = scope.kind === 'own-organisation' ? scope.orgCode : query.orgCode;
  const qs = query.quarters ?? [];
  const quarters = qs.length === 2 ? quarterRange(qs[0]!, qs[1]!) : qs.length === 1 ? qs : defaultQuarters(env);
  const grid = await statusGrid(env, quarters, orgCode);
  const span = quarters.length === 1 ? quarters[0]! : `${quarters[0]} to ${quarters[quarters.length - 1]}`;
  const only = orgCode ? grid.organisations[0]?.shortName ?? orgCode : undefined;
  return {
    id: 'status',
    title: 'Quarterly reporting status',
    subtitle: `${span}${only ? `, ${only}` : `, ${plural(grid.organisations.length, 'organisation')}`}`,
    generatedAt: env.now,
    summary: orgCode ? ownSummary(grid, only ?? orgCode) : summary(grid),
    tables: [gridTable(grid), detailTable(grid), byQuarterTable(grid)],
    notes: [
      'A nil return ("nothing new") is a valid report. Overdue: no report after the deadline day (quarter end + 15 days). Not due: a quarter before reporting started.',
      'Counts are of active records filed for the quarter; retired and withdrawn records are not counted.',
    ],
  };
}

function gridTable(grid: StatusGrid) {
  const columns: ReportColumn[] = [{ key: 'organisation', label: 'Organisation', width: 30 }, ...grid.quarters.map((q) => ({ key: qKey(q.quarter), label: q.quarter, width: 34 }))];
  const rows: Row[] = grid.organisations.map((o) => {
    const row: Row = { organisation: o.shortName };
    for (const q of grid.quarters) row[qKey(q.quarter)] = cellText(grid.cell(o._id, q.quarter), q);
    return row;
  });
  const totals: Row = { organisation: 'Settled' };
  for (const q of grid.quarters) {
    const t = tally(grid, q.quarter);
    totals[qKey(q.quarter)] = `${t.submitted.length + t['nil-return'].length + t.exempt.length} of ${grid.organisations.length}`;
  }
  return { name: 'Status', title: 'Reporting status by organisation and quarter', columns, rows, totals };
}

function detailTable(grid: StatusGrid) {
  const rows: Row[] = [];
  for (const o of grid.organisations) {
    for (const q of grid.quarters) {
      const c = grid.cell(o._id, q.quarter);
      rows.push({
        code: o._id,
        organisation: o.shortName,
        quarter: q.quarter,
        state: STATE_LABEL[c.state],
        updates: c.counts.update,
        needs: c.counts.need,
        responses: c.counts.response,
        reportedOn: c.reportedOn,
        deadline: q.deadline,
        reason: c.reason ?? null,
      });
    }
  }
  const columns: ReportColumn[] = [
    { key: 'code', label: 'Code', width: 12 },
    { key: 'organisation', label: 'Organisation', width: 30 },
    { key: 'quarter', label: 'Quarter', width: 10 },
    { key: 'state', label: 'State', width: 14 },
    { key: 'updates', label: 'Updates', type: 'number' },
    { key: 'needs', label: 'Needs', type: 'number' },
    { key: 'responses', label: 'Responses', type: 'number' },
    { key: 'reportedOn', label: 'First reported', type: 'date', width: 14 },
    { key: 'deadline', label: 'Deadline', type: 'date' },
    { key: 'reason', label: 'Exemption reason', width: 30 },
  ];
  return { name: 'Detail', title: 'Status per organisation and quarter, with records by kind', columns, rows };
}

function byQuarterTable(grid: StatusGrid) {
  const rows: Row[] = grid.quarters.map((q) => {
    const t = tally(grid, q.quarter);
    return {
      quarter: q.quarter,
      deadline: q.deadline,
      organisations: grid.organisations.length,
      reported: t.submitted.length,
      nil: t['nil-return'].length,
      exempt: t.exempt.length,
      overdue: t.overdue.length,
      due: t.due.length,
      notDue: t['not-due'].length,
      updates: t.records.update,
      needs: t.records.need,
      responses: t.records.response,
    };
  });
  const n = (key: string, label: string): ReportColumn => ({ key, label, type: 'number' });
  const columns: ReportColumn[] = [
    { key: 'quarter', label: 'Quarter', width: 10 },
    { key: 'deadline', label: 'Deadline', type: 'date' },
    n('organisations', 'Organisations'),
    n('reported', 'Reported'),
    n('nil', 'Nothing new'),
    n('exempt', 'Exempt'),
    n('overdue', 'Overdue'),
    n('due', 'Due'),
    n('notDue', 'Not due'),
    n('updates', 'Updates'),
    n('needs', 'Needs'),
    n('responses', 'Responses'),
  ];
  return { name: 'By quarter', title: 'Totals by quarter', columns, rows };
}

function summary(grid: StatusGrid): string[] {
  const lines: string[] = [];
  const latest = grid.quarters[grid.quarters.length - 1]!;
  const t = tally(grid, latest.quarter);
  const settled = t.submitted.length + t['nil-return'].length + t.exempt.length;
  const open = latest.deadlinePassed ? t.overdue : t.due;
  lines.push(
    `${latest.quarter} (deadline ${longDate(latest.deadline)}): ${settled} of ${grid.organisations.length} organisations settled: ${t.submitted.length} reported, ${t['nil-return'].length} nothing new, ${t.exempt.length} exempt.`,
  );
  if (open.length) lines.push(`${latest.deadlinePassed ? 'Overdue' : 'Not yet reported'} (${open.length}): ${listOf(open.map((o) => o.shortName), 8)}.`);
  lines.push(`Records filed for ${latest.quarter}: ${plural(t.records.update, 'update')}, ${plural(t.records.need, 'need')}, ${plural(t.records.response, 'response')}.`);
  for (const q of grid.quarters.slice(0, -1).reverse()) {
    const { overdue, 'not-due': notDue } = tally(grid, q.quarter);
    if (overdue.length) lines.push(`Overdue for ${q.quarter} (${overdue.length}): ${listOf(overdue.map((o) => o.shortName), 8)}.`);
    else if (notDue.length) lines.push(`${q.quarter}: not due (before reporting started).`);
    else lines.push(`${q.quarter}: every organisation settled.`);
  }
  return lines;
}

function ownSummary(grid: StatusGrid, name: string): string[] {
  const org = grid.organisations[0];
  if (!org) return [`${name} does not report quarterly.`];
  return [...grid.quarters].reverse().map((q) => {
    const c = grid.cell(org._id, q.quarter);
    return `${name}, ${q.quarter}: ${cellText(c, q)}${c.state === 'overdue' ? ` (deadline was ${longDate(q.deadline)})` : ''}.`;
  });
}
