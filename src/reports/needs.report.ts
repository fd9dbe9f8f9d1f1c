import { COUNTRIES, NEED_STATUSES, NEED_TYPES, PERSPECTIVES, PRIORITIES, TIMEFRAMES } from '../config/vocabulary';
import type { RecordDoc } from '../db/models/record.model';
import type { Actor } from '../domain/actor';
import { cycleWindow, currentCycle, describeWindow, needHistory, type CycleWindow, type NeedChange } from './needs-changes';
import type { Report, ReportColumn, ReportTable, Row } from '../render/report-model';
import { assertMayRun } from './report-access';
import { countryLabel, filterNote, label, listOf, orgNames, plural, ranked, text, themeLabel, THEME_CODES } from './report-labels';
import { formatCycle, type Cycle } from './report-query';
import { bump, sortKey, SortedRows, type ReportEnv } from './report-source';

/** `needs [cycle] [country] [theme]`: the biennial needs mapping. */
export interface NeedsQuery {
  cycle?: Cycle;
  country?: string;
  theme?: string;
}

const PRIORITY_CODES = PRIORITIES.codes as readonly string[];
/** The summary's words for each status of the decision chain (statuses without needs are left out). */
const CHAIN_WORDS: [string, string][] = [
  ['proposed', 'proposed'],
  ['validated', 'validated by the Secretariat'],
  ['agreed', 'discussed by the Support Group'],
  ['to-board', 'proposed to the Board'],
  ['adopted', 'adopted by the Board'],
  ['returned', 'returned for revision'],
  ['rejected', 'rejected by the Board'],
  ['closed', 'closed'],
];
const STATUS_CODES = NEED_STATUSES.codes as readonly string[];

/**
 * The needs of a cycle: every active need recorded by the end of the cycle, except those already
 * closed before it began (a need closed and not touched since has updatedAt before the start).
 */
function cycleFilter(w: CycleWindow, q: NeedsQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {
    type: 'need',
    status: 'active',
    createdAt: { $lt: w.end },
    $or: [{ 'data.status': { $ne: 'closed' } }, { updatedAt: { $gte: w.start } }],
  };
  if (q.country) f['data.country'] = q.country;
  if (q.theme) f['data.theme'] = q.theme;
  return f;
}

interface Counts {
  byCountry: Map<string, Map<string, number>>;
  byTheme: Map<string, Map<string, number>>;
  total: number;
  fresh: number;
  highProposed: number;
}

export async function buildNeedsReport(env: ReportEnv, query: NeedsQuery, actor: Actor): Promise<Report> {
  assertMayRun(actor, 'needs');
  const w = cycleWindow(query.cycle ?? currentCycle(env), env);
  const filter = cycleFilter(w, query);
  // Two independent passes, one over the needs and one over their history: side by side, the
  // database has two cores. The listing's "change" column needs both, so it is filled in after.
  const [{ counts, listing }, history] = await Promise.all([readNeeds(env, filter, w), needHistory(env, w, query)]);
  const rows = listing.rows();
  for (const row of rows) if (row.change !== 'New') row.change = history.changes.get(String(row.id))?.text ?? '';
  const where = filterNote([query.country && countryLabel(query.country), query.theme && themeLabel(query.theme)]);
  return {
    id: 'needs',
    title: `Needs mapping ${formatCycle(w.cycle)}`,
    subtitle: `By country, theme and priority, with the decision chain and changes since ${formatCycle(w.previous)}${where ? ` (${where})` : ''}`,
    generatedAt: env.now,
    summary: summary(counts, history.changes, w, where),
    tables: [
      { name: 'Needs', title: `Needs of the ${describeWindow(w)} cycle`, columns: LISTING_COLUMNS, rows },
      countTable('By country', 'Country', counts.byCountry, countryLabel, COUNTRIES.codes as readonly string[]),
      countTable('By theme', 'Theme', counts.byTheme, themeLabel, THEME_CODES),
      { name: 'Changes', title: `What changed since ${formatCycle(w.previous)}`, columns: CHANGE_COLUMNS, rows: history.rows },
    ],
    notes: [
      'Decision chain: proposed by the partner → validated by the Secretariat → discussed by the Support Group → proposed to the Board → adopted, returned for revision or rejected by the Board; closed when met. Status as it stands today.',
      `Changes compare each need's state on 1 January ${w.cycle.from} with its state ${w.running ? 'today' : `at the end of ${w.cycle.to}`}, from the version history. Retired needs are left out.`,
    ],
  };
}

/**
 * One pass over the cycle's needs (the fields shown): country and theme counts, and the listing
 * rows ordered by country, theme and id (see SortedRows). `change` is "New" or left to the caller.
 */
async function readNeeds(env: ReportEnv, filter: Record<string, unknown>, w: CycleWindow): Promise<{ counts: Counts; listing: SortedRows }> {
  const c: Counts = { byCountry: new Map(), byTheme: new Map(), total: 0, fresh: 0, highProposed: 0 };
  const org = orgNames(env.organisations);
  const listing = new SortedRows([1, 1, 1]);
  for await (const n of env.reads.records<Pick<RecordDoc, '_id' | 'orgCode' | 'quarter' | 'createdAt' | 'data'>>(filter, { fields: LISTING_FIELDS })) {
    const isNew = new Date(n.createdAt) >= w.start;
    listing.add([sortKey(n.data.country), sortKey(n.data.theme), n._id], {
      id: n._id,
      country: countryLabel(n.data.country),
      theme: themeLabel(n.data.theme),
      priority: label(PRIORITIES, n.data.priority),
      status: label(NEED_STATUSES, n.data.status),
      title: text(n.data.title),
      needType: label(NEED_TYPES, n.data.needType),
      perspective: label(PERSPECTIVES, n.data.perspective),
      timeframe: label(TIMEFRAMES, n.data.timeframe),
      institution: text(n.data.beneficiaryInstitution),
      organisation: org(n.orgCode),
      quarter: n.quarter,
      change: isNew ? 'New' : '',
    });
    for (const [map, k] of [
      [c.byCountry, String(n.data.country ?? '')],
      [c.byTheme, String(n.data.theme ?? '')],
    ] as const) {
      const m = map.get(k) ?? new Map<string, number>();
      bump(m, String(n.data.priority ?? ''));
      bump(m, String(n.data.status ?? ''));
      bump(m, 'total');
      if (isNew) bump(m, 'new');
      map.set(k, m);
    }
    c.total++;
    if (isNew) c.fresh++;
    if (n.data.priority === 'high' && n.data.status === 'proposed') c.highProposed++;
  }
  return { counts: c, listing };
}

const LISTING_FIELDS = [
  '_id',
  'orgCode',
  'quarter',
  'createdAt',
  ...['country', 'theme', 'priority', 'status', 'title', 'needType', 'perspective', 'timeframe', 'beneficiaryInstitution'].map((f) => `data.${f}`),
];

const LISTING_COLUMNS: ReportColumn[] = [
  { key: 'id', label: 'Id', width: 18 },
  { key: 'country', label: 'Country', width: 20 },
  { key: 'theme', label: 'Theme', width: 32 },
  { key: 'priority', label: 'Priority', width: 10 },
  { key: 'status', label: 'Status', width: 26 },
  { key: 'title', label: 'Title', width: 44 },
  { key: 'needType', label: 'Type', width: 14 },
  { key: 'perspective', label: 'Perspective', width: 12 },
  { key: 'timeframe', label: 'Timeframe', width: 24 },
  { key: 'institution', label: 'Beneficiary institution', width: 28 },
  { key: 'organisation', label: 'Stated by', width: 22 },
  { key: 'quarter', label: 'Quarter', width: 10 },
  { key: 'change', label: 'Change in this cycle', width: 36 },
];

const CHANGE_COLUMNS: ReportColumn[] = [
  { key: 'id', label: 'Id', width: 18 },
  { key: 'change', label: 'Change', width: 40 },
  { key: 'country', label: 'Country', width: 20 },
  { key: 'theme', label: 'Theme', width: 32 },
  { key: 'priority', label: 'Priority', width: 10 },
  { key: 'previous', label: 'Status before', width: 26 },
  { key: 'status', label: 'Status now', width: 26 },
  { key: 'title', label: 'Title', width: 44 },
];

function countTable(name: string, heading: string, map: Map<string, Map<string, number>>, show: (k: string) => string, order: readonly string[]): ReportTable {
  const keys = [...PRIORITY_CODES, ...STATUS_CODES, 'new', 'total'];
  const totals: Row = { key: 'Total' };
  for (const k of keys) totals[k] = 0;
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const rows: Row[] = [...map.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((k) => {
      const m = map.get(k)!;
      const row: Row = { key: show(k) };
      for (const c of keys) {
        row[c] = m.get(c) ?? 0;
        totals[c] = Number(totals[c]) + (m.get(c) ?? 0);
      }
      return row;
    });
  const n = (key: string, lbl: string): ReportColumn => ({ key, label: lbl, type: 'number', width: 11 });
  const columns: ReportColumn[] = [
    { key: 'key', label: heading, width: 32 },
    ...PRIORITY_CODES.map((p) => n(p, `${PRIORITIES.labels[p]} priority`)),
    n('proposed', 'Proposed'),
    n('validated', 'Validated'),
    n('agreed', 'Discussed (SG)'),
    n('to-board', 'To the Board'),
    n('adopted', 'Adopted (Board)'),
    n('returned', 'Returned'),
    n('rejected', 'Rejected'),
    n('closed', 'Closed'),
    n('new', 'New in cycle'),
    n('total', 'Total'),
  ];
  return { name, title: `Needs ${name.toLowerCase()}, by priority and decision-chain status`, columns, rows, totals };
}

function summary(c: Counts, changes: Map<string, NeedChange>, w: CycleWindow, where: string): string[] {
  if (c.total === 0) return [`No needs in the ${formatCycle(w.cycle)} mapping${where ? ` for ${where}` : ''}.`];
  const sum = (code: string) => [...c.byCountry.values()].reduce((s, m) => s + (m.get(code) ?? 0), 0);
  const all = [...changes.values()];
  const closed = all.filter((x) => x.closed).length;
  const moved = all.filter((x) => x.statusChanged && !x.closed).length;
  const reprioritised = all.filter((x) => x.priorityChanged).length;
  const lines = [
    `${plural(c.total, 'need')} in the ${formatCycle(w.cycle)} mapping${where ? ` for ${where}` : ''}: ${sum('high')} high, ${sum('medium')} medium, ${sum('low')} low priority.`,
    `Decision chain: ${CHAIN_WORDS.filter(([code]) => sum(code)).map(([code, words]) => `${sum(code)} ${words}`).join(', ')}.`,
    `Since ${formatCycle(w.previous)}: ${c.fresh} new, ${moved} moved on in the decision chain, ${closed} closed${reprioritised ? `, ${reprioritised} changed priority` : ''}.`,
    `By country: ${listOf(ranked(new Map([...c.byCountry].map(([k, m]) => [countryLabel(k), m.get('total') ?? 0]))).map(([k, n]) => `${k} ${n}`), 6)}.`,
  ];
  if (c.highProposed) lines.push(`Needs attention: ${plural(c.highProposed, 'high-priority need')} still only proposed (not yet validated).`);
  return lines;
}
