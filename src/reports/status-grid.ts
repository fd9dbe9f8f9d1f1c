import { CHECKIN_STATES } from '../config/vocabulary';
import type { CheckinDoc } from '../db/models/checkin.model';
import type { OrganisationDoc } from '../db/models/organisation.model';
import { reportsQuarterly, type RecordType } from '../domain/permissions';
import { addQuarters, formatQuarter, localDate, parseQuarter } from '../domain/quarter';
import { deadlineEndsAt, isReportingDue, quarterSchedule, reportingQuarterAt } from '../calendar/calendar';
import type { ReportEnv } from './report-source';

/**
 * Who reported what per organisation and quarter: the figures behind the `status` report and the
 * quick `status` chat command, so both always say the same. A check-in gives the state; records
 * are counted by kind (active ones: retired records do not count). Without a check-in, the
 * organisation is overdue once the quarter's deadline day has passed (reminder calendar,
 * src/reminders/calendar.ts), and due before that.
 */
export type CellState = 'submitted' | 'nil-return' | 'exempt' | 'overdue' | 'due' | 'not-due';

export interface StatusCell {
  orgCode: string;
  quarter: string;
  state: CellState;
  counts: Record<RecordType, number>;
  /** Calendar date of the first report or exemption, in the configured timezone. */
  reportedOn: string | null;
  /** Why the Secretariat exempted the organisation. */
  reason?: string;
}

export interface QuarterInfo {
  quarter: string;
  deadline: string;
  deadlinePassed: boolean;
}

export interface StatusGrid {
  organisations: OrganisationDoc[];
  quarters: QuarterInfo[];
  cell(orgCode: string, quarter: string): StatusCell;
}

export const STATE_LABEL: Record<CellState, string> = CHECKIN_STATES.labels as Record<CellState, string>;

/** The last four quarters, ending with the one whose reporting window is open now. */
export function defaultQuarters(env: Pick<ReportEnv, 'now' | 'timezone' | 'calendar'>, count = 4): string[] {
  const last = parseQuarter(reportingQuarterAt(env.now, env.timezone, env.calendar))!;
  return Array.from({ length: count }, (_, i) => formatQuarter(addQuarters(last, i - count + 1)));
}

/** Every quarter from `a` to `b` (either order), at most `max`. */
export function quarterRange(a: string, b: string, max = 12): string[] {
  let from = parseQuarter(a)!;
  let to = parseQuarter(b)!;
  if (from.year * 4 + from.q > to.year * 4 + to.q) [from, to] = [to, from];
  const n = Math.min(max, to.year * 4 + to.q - (from.year * 4 + from.q) + 1);
  return Array.from({ length: n }, (_, i) => formatQuarter(addQuarters(from, i)));
}

export function quarterInfo(env: Pick<ReportEnv, 'now' | 'timezone' | 'calendar'>, quarter: string): QuarterInfo {
  const schedule = quarterSchedule(quarter, env.calendar);
  return { quarter, deadline: schedule.deadline, deadlinePassed: env.now >= deadlineEndsAt(schedule, env.timezone) };
}

const key = (orgCode: string, quarter: string) => `${orgCode}|${quarter}`;

/** The grid for these quarters, all reporting organisations or only `orgCode`. */
export async function statusGrid(env: ReportEnv, quarters: readonly string[], orgCode?: string): Promise<StatusGrid> {
  const organisations = env.organisations
    .filter((o) => o.active && reportsQuarterly(o) && (!orgCode || o._id === orgCode))
    .sort((a, b) => a.shortName.localeCompare(b.shortName));
  const orgFilter = orgCode ? { orgCode } : {};
  const byKey = new Map<string, CheckinDoc>();
  for await (const c of env.reads.checkins(quarters, orgCode)) byKey.set(key(c.orgCode, c.quarter), c);
  const counts = new Map<string, Record<RecordType, number>>();
  // One pass over the records of these quarters (three short fields each), counted here: an
  // unsorted cursor answers batch by batch, where a $group would answer only after the whole scan.
  const cursor = env.reads.records<{ orgCode: string; quarter: string; type: RecordType }>(
    { quarter: { $in: [...quarters] }, status: 'active', ...orgFilter },
    { fields: ['orgCode', 'quarter', 'type'] },
  );
  for await (const r of cursor) {
    const k = key(r.orgCode, r.quarter);
    const c = counts.get(k) ?? { update: 0, need: 0, response: 0 };
    c[r.type]++;
    counts.set(k, c);
  }
  const infos = quarters.map((q) => quarterInfo(env, q));
  const passed = new Map(infos.map((i) => [i.quarter, i.deadlinePassed]));
  return {
    organisations,
    quarters: infos,
    cell(org, quarter) {
      const k = key(org, quarter);
      const checkin = byKey.get(k);
      const c = counts.get(k) ?? { update: 0, need: 0, response: 0 };
      const reported = c.update + c.need + c.response > 0;
      // Records imported without a check-in still count as reported; before the first reporting quarter nothing is owed.
      const state: CellState = checkin?.state ?? (reported ? 'submitted' : !isReportingDue(quarter, env.calendar) ? 'not-due' : passed.get(quarter) ? 'overdue' : 'due');
      const reason = checkin?.state === 'exempt' && checkin.note ? { reason: checkin.note } : {};
      return { orgCode: org, quarter, state, counts: c, reportedOn: checkin ? localDate(checkin.firstAt, env.timezone) : null, ...reason };
    },
  };
}

/** "Reported: 2 updates, 1 need", "Nothing new", "Exempt (reorganisation)", "Overdue", "Due by 2027-01-15", "Not due". */
export function cellText(cell: StatusCell, info: QuarterInfo): string {
  if (cell.state === 'submitted') {
    const parts = (['update', 'need', 'response'] as const).filter((k) => cell.counts[k] > 0).map((k) => `${cell.counts[k]} ${k}${cell.counts[k] === 1 ? '' : 's'}`);
    return parts.length ? `Reported: ${parts.join(', ')}` : 'Reported';
  }
  if (cell.state === 'due') return `Due by ${info.deadline}`;
  if (cell.state === 'exempt' && cell.reason) return `Exempt (${cell.reason})`;
  return STATE_LABEL[cell.state];
}

/** Organisations per state in one quarter. */
export function tally(grid: StatusGrid, quarter: string): Record<CellState, OrganisationDoc[]> & { records: Record<RecordType, number> } {
  const out = { submitted: [], 'nil-return': [], exempt: [], overdue: [], due: [], 'not-due': [], records: { update: 0, need: 0, response: 0 } } as Record<CellState, OrganisationDoc[]> & {
    records: Record<RecordType, number>;
  };
  for (const o of grid.organisations) {
    const c = grid.cell(o._id, quarter);
    out[c.state].push(o);
    for (const k of ['update', 'need', 'response'] as const) out.records[k] += c.counts[k];
  }
  return out;
}
