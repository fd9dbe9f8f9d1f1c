import { NEED_STATUSES, PRIORITIES } from '../config/vocabulary';
import type { RecordVersionDoc } from '../db/models/record.model';
import { localParts, zonedTime } from '../domain/quarter';
import type { Row } from '../render/report-model';
import { cycleOfYear, formatCycle, type Cycle } from './report-query';
import { countryLabel, label, text, themeLabel } from './report-labels';
import type { ReportEnv } from './report-source';

/**
 * "What changed since the previous cycle", from the version history (record_versions), need by
 * need: a need created within the cycle is new; a need that existed when the cycle began is
 * compared with its state at the end of the cycle (or now, for the running cycle): status and
 * priority. Retired and withdrawn needs are left out. The history of needs is read in id order, one need's few
 * versions at a time; it is a smaller collection than the records.
 */
export interface CycleWindow {
  cycle: Cycle;
  previous: Cycle;
  /** 1 January of the first year, 00:00 in the configured timezone. */
  start: Date;
  /** The end of the cycle, or now while it runs. */
  end: Date;
  running: boolean;
}

export function currentCycle(env: Pick<ReportEnv, 'now' | 'timezone'>): Cycle {
  return cycleOfYear(localParts(env.now, env.timezone).year);
}

export function cycleWindow(cycle: Cycle, env: Pick<ReportEnv, 'now' | 'timezone'>): CycleWindow {
  const start = zonedTime(`${cycle.from}-01-01`, 0, 0, env.timezone);
  const cycleEnd = zonedTime(`${cycle.to + 1}-01-01`, 0, 0, env.timezone);
  const running = env.now < cycleEnd;
  return { cycle, previous: { from: cycle.from - 2, to: cycle.to - 2 }, start, end: running ? env.now : cycleEnd, running };
}

export interface NeedChange {
  isNew: boolean;
  closed: boolean;
  statusChanged: boolean;
  priorityChanged: boolean;
  fromStatus: string;
  /** "New", or "Validated by the Secretariat → Discussed by the Support Group; priority Medium → High". */
  text: string;
}

type Version = Pick<RecordVersionDoc, 'recordId' | 'version' | 'status' | 'changedAt'> & { data: Record<string, unknown> };
type Filter = { country?: string; theme?: string };

/** Every need's versions, oldest first, one need at a time. */
async function* histories(env: ReportEnv): AsyncGenerator<Version[]> {
  const cursor = env.reads.needVersions<Version>({ fields: ['recordId', 'version', 'status', 'changedAt', ...['status', 'priority', 'country', 'theme', 'title'].map((f) => `data.${f}`)] });
  let group: Version[] = [];
  try {
    for await (const v of cursor) {
      if (group.length && group[0]!.recordId !== v.recordId) {
        yield group;
        group = [];
      }
      group.push(v);
    }
    if (group.length) yield group;
  } finally {
    await cursor.close().catch(() => undefined);
  }
}

/** New or changed in the window (and matching the filter on its current data), or null. */
function changeOf(versions: Version[], w: CycleWindow, filter: Filter): NeedChange | null {
  const last = versions[versions.length - 1]!;
  if (last.status === 'retired' || last.status === 'withdrawn') return null;
  if ((filter.country && last.data.country !== filter.country) || (filter.theme && last.data.theme !== filter.theme)) return null;
  const at = (t: Date) => versions.filter((v) => new Date(v.changedAt) < t).pop();
  const after = at(w.end);
  if (!after) return null; // created after the cycle
  const before = at(w.start);
  if (!before) return { isNew: true, closed: false, statusChanged: false, priorityChanged: false, fromStatus: '', text: 'New' };
  const from = String(before.data.status ?? '');
  const to = String(after.data.status ?? '');
  if (from === 'closed' || before.status === 'retired') return null;
  const statusChanged = from !== to;
  const priorityChanged = before.data.priority !== after.data.priority;
  if (!statusChanged && !priorityChanged) return null;
  const parts: string[] = [];
  if (statusChanged) parts.push(`${label(NEED_STATUSES, from)} → ${label(NEED_STATUSES, to)}`);
  if (priorityChanged) parts.push(`priority ${label(PRIORITIES, before.data.priority)} → ${label(PRIORITIES, after.data.priority)}`);
  return { isNew: false, closed: to === 'closed', statusChanged, priorityChanged, fromStatus: from, text: parts.join('; ') };
}

export interface NeedHistory {
  /** Changes of needs that existed before the window (new needs are told apart by createdAt). */
  changes: Map<string, NeedChange>;
  /** The rows of the Changes table: new and changed needs, in id order. */
  rows: Row[];
}

/** One pass over the needs' history: the changes, and the rows of the Changes table (kept: a few per changed need). */
export async function needHistory(env: ReportEnv, w: CycleWindow, filter: Filter): Promise<NeedHistory> {
  const changes = new Map<string, NeedChange>();
  const rows: Row[] = [];
  for await (const versions of histories(env)) {
    const change = changeOf(versions, w, filter);
    if (!change) continue;
    if (!change.isNew) changes.set(versions[0]!.recordId, change);
    const now = versions[versions.length - 1]!.data;
    rows.push({
      id: versions[0]!.recordId,
      change: change.text,
      country: countryLabel(now.country),
      theme: themeLabel(now.theme),
      priority: label(PRIORITIES, now.priority),
      previous: change.isNew ? '' : label(NEED_STATUSES, change.fromStatus),
      status: label(NEED_STATUSES, now.status),
      title: text(now.title),
    });
  }
  return { changes, rows };
}

export const describeWindow = (w: CycleWindow) => `${formatCycle(w.cycle)}${w.running ? ' (running)' : ''}`;
