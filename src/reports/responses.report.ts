import { ASSISTANCE_TYPES, BENEFICIARIES, RESPONSE_STATUSES, THEMES } from '../config/vocabulary';
import type { RecordDoc } from '../db/models/record.model';
import type { Actor } from '../domain/actor';
import type { Report, ReportColumn, ReportTable, Row } from '../render/report-model';
import { assertMayRun } from './report-access';
import { countryLabel, eur, filterNote, label, listOf, num, orgNames, plural, strings, text, themeLabel } from './report-labels';
import { sortKey, SortedRows, type ReportEnv } from './report-source';

/** `responses [year] [provider] [country]`: the response mapping, "who does what where". */
export interface ResponsesQuery {
  /** Responses running in this year (start on or before its end, no end or end on or after its start); 'all' for every year. */
  year: number | 'all';
  provider?: string;
  country?: string;
}

interface Sum {
  n: number;
  budget: number;
}

type Dimension = 'provider' | 'country' | 'theme' | 'type' | 'status';

export function responsesFilter(q: ResponsesQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = { type: 'response', status: 'active' };
  if (q.provider) filter['data.providers'] = q.provider;
  if (q.country) filter['data.beneficiaries'] = q.country;
  if (q.year !== 'all') {
    filter['data.startDate'] = { $lte: `${q.year}-12-31` };
    filter.$or = [{ 'data.endDate': { $gte: `${q.year}-01-01` } }, { 'data.endDate': { $exists: false } }, { 'data.endDate': null }];
  }
  return filter;
}

export async function buildResponsesReport(env: ReportEnv, query: ResponsesQuery, actor: Actor): Promise<Report> {
  assertMayRun(actor, 'responses');
  const filter = responsesFilter(query);
  const org = orgNames(env.organisations);
  // One pass over the matching responses (the fields shown, not the summaries): sums into a few
  // small maps, and the listing rows ordered newest start first, then by id (see SortedRows).
  const sums: Record<Dimension, Map<string, Sum>> = { provider: new Map(), country: new Map(), theme: new Map(), type: new Map(), status: new Map() };
  const total = { n: 0, budget: 0, cancelled: 0, cancelledBudget: 0, noBudget: 0, unlinked: 0 };
  const add = (d: Dimension, k: string, budget: number) => {
    const s = sums[d].get(k) ?? { n: 0, budget: 0 };
    s.n++;
    s.budget += budget;
    sums[d].set(k, s);
  };
  const listing = new SortedRows([-1, 1]);
  for await (const r of env.reads.records<Pick<RecordDoc, '_id' | 'orgCode' | 'data'>>(filter, { fields: LISTING_FIELDS })) {
    listing.add([sortKey(r.data.startDate), r._id], {
      id: r._id,
      title: text(r.data.title),
      providers: strings(r.data.providers).map(org).join(', '),
      implementer: text(r.data.implementer),
      beneficiaries: strings(r.data.beneficiaries).map(countryLabel).join(', '),
      institutions: text(r.data.beneficiaryInstitutions),
      themes: strings(r.data.themes).map(themeLabel).join('; '),
      type: label(ASSISTANCE_TYPES, r.data.assistanceType),
      instrument: text(r.data.instrument),
      budget: num(r.data.budgetEur),
      start: text(r.data.startDate),
      end: text(r.data.endDate),
      status: label(RESPONSE_STATUSES, r.data.status),
      needs: Array.isArray(r.data.needLinks) ? (r.data.needLinks as { needId: string; coverage: string }[]).map((l) => `${l.needId} (${l.coverage})`).join(', ') : '',
      reportedBy: org(r.orgCode),
    });
    const budget = num(r.data.budgetEur) ?? 0;
    const status = String(r.data.status ?? '');
    add('status', status, budget);
    // A cancelled response is listed, and counted under its status, but adds nothing to the mapping.
    if (status === 'cancelled') {
      total.cancelled++;
      total.cancelledBudget += budget;
      continue;
    }
    total.n++;
    total.budget += budget;
    if (num(r.data.budgetEur) === null) total.noBudget++;
    if (!Array.isArray(r.data.needLinks) || r.data.needLinks.length === 0) total.unlinked++;
    for (const p of strings(r.data.providers).length ? strings(r.data.providers) : [r.orgCode]) add('provider', p, budget);
    for (const c of strings(r.data.beneficiaries)) add('country', c, budget);
    for (const t of strings(r.data.themes)) add('theme', t, budget);
    add('type', String(r.data.assistanceType ?? ''), budget);
  }
  const where = filterNote([query.year === 'all' ? 'all years' : String(query.year), query.provider && org(query.provider), query.country && countryLabel(query.country)]);
  const order = (codes: readonly string[]) => (a: string, b: string) => codes.indexOf(a) - codes.indexOf(b);
  return {
    id: 'responses',
    title: 'Response mapping',
    subtitle: `Who does what where (${where})`,
    generatedAt: env.now,
    summary: summary(sums, total, where, org),
    tables: [
      { name: 'Responses', title: 'Responses', columns: LISTING_COLUMNS, rows: listing.rows() },
      sumTable('By provider', 'Provider', sums.provider, org, byBudget),
      sumTable('By country', 'Beneficiary', sums.country, countryLabel, order(BENEFICIARIES.codes)),
      sumTable('By theme', 'Theme', sums.theme, themeLabel, order(THEMES.codes)),
      sumTable('By type', 'Assistance type', sums.type, (k) => label(ASSISTANCE_TYPES, k), byBudget),
      sumTable('By status', 'Status', sums.status, (k) => label(RESPONSE_STATUSES, k), order(RESPONSE_STATUSES.codes), { n: total.n + total.cancelled, budget: total.budget + total.cancelledBudget }),
    ],
    notes: [
      'Budgets are in EUR as reported. Totals leave out cancelled responses (listed and shown under their status only).',
      'A response with several providers, beneficiaries or themes counts in full for each of them, so those views add up to more than the total.',
    ],
  };
}

const LISTING_FIELDS = [
  '_id',
  'orgCode',
  ...['title', 'providers', 'implementer', 'beneficiaries', 'beneficiaryInstitutions', 'themes', 'assistanceType', 'instrument', 'budgetEur', 'startDate', 'endDate', 'status', 'needLinks'].map((f) => `data.${f}`),
];

const LISTING_COLUMNS: ReportColumn[] = [
  { key: 'id', label: 'Id', width: 14 },
  { key: 'title', label: 'Title', width: 44 },
  { key: 'providers', label: 'Providers', width: 24 },
  { key: 'implementer', label: 'Implementer', width: 20 },
  { key: 'beneficiaries', label: 'Beneficiaries', width: 28 },
  { key: 'institutions', label: 'Beneficiary institutions', width: 28 },
  { key: 'themes', label: 'Themes', width: 36 },
  { key: 'type', label: 'Assistance type', width: 22 },
  { key: 'instrument', label: 'Instrument', width: 14 },
  { key: 'budget', label: 'Budget', type: 'eur' },
  { key: 'start', label: 'Start', type: 'date' },
  { key: 'end', label: 'End', type: 'date' },
  { key: 'status', label: 'Status', width: 14 },
  { key: 'needs', label: 'Needs answered', width: 36 },
  { key: 'reportedBy', label: 'Reported by', width: 20 },
];

const byBudget = () => 0;

function sumTable(
  name: string,
  heading: string,
  map: Map<string, Sum>,
  show: (k: string) => string,
  order: (a: string, b: string) => number,
  totals?: Sum,
): ReportTable {
  const entries = [...map.entries()].sort((a, b) => order(a[0], b[0]) || b[1].budget - a[1].budget || b[1].n - a[1].n || a[0].localeCompare(b[0]));
  const rows: Row[] = entries.map(([k, s]) => ({ key: show(k), responses: s.n, budget: s.budget }));
  return {
    name,
    title: `Responses and budget ${name.toLowerCase()}`,
    columns: [
      { key: 'key', label: heading, width: 30 },
      { key: 'responses', label: 'Responses', type: 'number' },
      { key: 'budget', label: 'Budget', type: 'eur' },
    ],
    rows,
    ...(totals ? { totals: { key: 'Total', responses: totals.n, budget: totals.budget } } : {}),
  };
}

type Totals = { n: number; budget: number; cancelled: number; cancelledBudget: number; noBudget: number; unlinked: number };

function summary(sums: Record<Dimension, Map<string, Sum>>, total: Totals, where: string, org: (c: string) => string): string[] {
  if (total.n + total.cancelled === 0) return [`No responses (${where}).`];
  const top = (m: Map<string, Sum>, show: (k: string) => string, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1].budget - a[1].budget || b[1].n - a[1].n || a[0].localeCompare(b[0]))
      .slice(0, n)
      .map(([k, s]) => `${show(k)} ${eur(s.budget)} (${s.n})`);
  const statuses = (RESPONSE_STATUSES.codes as readonly string[]).filter((s) => sums.status.get(s)).map((s) => `${sums.status.get(s)!.n} ${RESPONSE_STATUSES.labels[s]!.toLowerCase()}`);
  const lines = [
    `${plural(total.n, 'response')} (${where}), ${eur(total.budget)} in total${total.cancelled ? `; ${total.cancelled} cancelled not counted` : ''}.`,
    `By status: ${statuses.join(', ')}.`,
    `Largest providers: ${listOf(top(sums.provider, org, 3), 3)}.`,
    `By beneficiary: ${listOf(top(sums.country, countryLabel, 7), 7)}.`,
  ];
  const attention = [total.noBudget ? `${plural(total.noBudget, 'response')} without a budget` : '', total.unlinked ? `${plural(total.unlinked, 'response')} not linked to any need` : ''].filter(Boolean);
  if (attention.length) lines.push(`Needs attention: ${attention.join('; ')}.`);
  return lines;
}
