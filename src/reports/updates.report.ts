import { BENEFICIARIES, UPDATE_KINDS, UPDATE_STAGES } from '../config/vocabulary';
import type { RecordDoc } from '../db/models/record.model';
import type { Actor } from '../domain/actor';
import type { Report, ReportColumn, ReportTable, Row } from '../render/report-model';
import { assertMayRun } from './report-access';
import { countryLabel, filterNote, label, listOf, orgNames, plural, ranked, strings, text, themeLabel } from './report-labels';
import { bump, sortKey, SortedRows, type ReportEnv } from './report-source';

/** `updates [quarter] [country]`: the development tracker. */
export interface UpdatesQuery {
  quarter?: string;
  country?: string;
}

type Group = { _id: { c?: string; q: string; k?: string; s?: string }; n: number };

const KINDS = UPDATE_KINDS.codes as readonly string[];
const SETTLED_STAGES = new Set(['adopted', 'in-force', 'amended']);
const OPEN_STAGES = new Set(['draft', 'public-consultation']);

export async function buildUpdatesReport(env: ReportEnv, query: UpdatesQuery, actor: Actor): Promise<Report> {
  assertMayRun(actor, 'updates');
  const filter: Record<string, unknown> = { type: 'update', status: 'active' };
  if (query.quarter) filter.quarter = query.quarter;
  if (query.country) filter['data.country'] = query.country;
  // One pass over the updates (the fields shown, not the summaries): counts by country, quarter,
  // kind and stage (a few hundred groups at most) and the listing rows, ordered here by country,
  // newest quarter first, then id (see SortedRows for why not a second, sorted query).
  const counted = new Map<string, Group>();
  const org = orgNames(env.organisations);
  const listing = new SortedRows([1, -1, 1]);
  for await (const r of env.reads.records<Pick<RecordDoc, '_id' | 'quarter' | 'orgCode' | 'data'>>(filter, { fields: LISTING_FIELDS })) {
    const id = { c: text(r.data.country) ?? undefined, q: r.quarter, k: text(r.data.kind) ?? undefined, s: text(r.data.stage) ?? undefined };
    const k = `${id.c}|${id.q}|${id.k}|${id.s}`;
    const g = counted.get(k) ?? { _id: id, n: 0 };
    g.n++;
    counted.set(k, g);
    listing.add([sortKey(r.data.country), r.quarter, r._id], {
      id: r._id,
      country: countryLabel(r.data.country),
      quarter: r.quarter,
      kind: label(UPDATE_KINDS, r.data.kind),
      title: text(r.data.title),
      stage: label(UPDATE_STAGES, r.data.stage) || null,
      adoptingBody: text(r.data.adoptingBody),
      date: text(r.data.date),
      link: text(r.data.link),
      themes: strings(r.data.themes).map(themeLabel).join('; '),
      organisation: org(r.orgCode),
      relatedNeeds: strings(r.data.relatedNeeds).join(', '),
    });
  }
  const groups = [...counted.values()];
  const where = filterNote([query.quarter, query.country && countryLabel(query.country)]);
  return {
    id: 'updates',
    title: 'Development tracker',
    subtitle: `Laws, implementing decisions, strategies, action plans and actions${where ? ` (${where})` : ''}`,
    generatedAt: env.now,
    summary: summary(groups, where),
    tables: [
      { name: 'Updates', title: 'Development updates by country and quarter', columns: LISTING_COLUMNS, rows: listing.rows() },
      kindTable('By country', 'Updates by country and kind', 'country', 'Country', groups, (g) => g._id.c ?? '', countryOrder, countryLabel),
      kindTable('By quarter', 'Updates by quarter and kind', 'quarter', 'Quarter', groups, (g) => g._id.q, (a, b) => b.localeCompare(a), (q) => q),
    ],
    notes: ['Records concerning the whole region are listed under "Regional (all six)"; choose "regional" as the country to see only them.'],
  };
}

const LISTING_FIELDS = ['_id', 'quarter', 'orgCode', ...['country', 'kind', 'title', 'stage', 'adoptingBody', 'date', 'link', 'themes', 'relatedNeeds'].map((f) => `data.${f}`)];

const LISTING_COLUMNS: ReportColumn[] = [
  { key: 'id', label: 'Id', width: 18 },
  { key: 'country', label: 'Country', width: 20 },
  { key: 'quarter', label: 'Quarter', width: 10 },
  { key: 'kind', label: 'Kind', width: 20 },
  { key: 'title', label: 'Title', width: 50 },
  { key: 'stage', label: 'Stage', width: 18 },
  { key: 'adoptingBody', label: 'Adopting body', width: 28 },
  { key: 'date', label: 'Date', type: 'date' },
  { key: 'link', label: 'Link', width: 40 },
  { key: 'themes', label: 'Themes', width: 40 },
  { key: 'organisation', label: 'Reported by', width: 22 },
  { key: 'relatedNeeds', label: 'Related needs', width: 24 },
];

const COUNTRY_CODES = BENEFICIARIES.codes as readonly string[];
const countryOrder = (a: string, b: string) => COUNTRY_CODES.indexOf(a) - COUNTRY_CODES.indexOf(b) || a.localeCompare(b);

function kindTable(
  name: string,
  title: string,
  key: string,
  heading: string,
  groups: Group[],
  keyOf: (g: Group) => string,
  order: (a: string, b: string) => number,
  show: (k: string) => string,
): ReportTable {
  const byKey = new Map<string, Map<string, number>>();
  for (const g of groups) {
    const m = byKey.get(keyOf(g)) ?? new Map<string, number>();
    bump(m, g._id.k ?? '', g.n);
    byKey.set(keyOf(g), m);
  }
  const totals: Row = { [key]: 'Total', total: 0 };
  const rows: Row[] = [...byKey.keys()].sort(order).map((k) => {
    const m = byKey.get(k)!;
    const row: Row = { [key]: show(k) };
    let sum = 0;
    for (const kind of KINDS) {
      row[kind] = m.get(kind) ?? 0;
      sum += m.get(kind) ?? 0;
      totals[kind] = Number(totals[kind] ?? 0) + (m.get(kind) ?? 0);
    }
    row.total = sum;
    totals.total = Number(totals.total) + sum;
    return row;
  });
  const columns: ReportColumn[] = [
    { key, label: heading, width: 22 },
    ...KINDS.map((k): ReportColumn => ({ key: k, label: UPDATE_KINDS.labels[k]!, type: 'number', width: 14 })),
    { key: 'total', label: 'Total', type: 'number' },
  ];
  return { name, title, columns, rows, totals };
}

function summary(groups: Group[], where: string): string[] {
  const byKind = new Map<string, number>();
  const byCountry = new Map<string, number>();
  const quarters = new Set<string>();
  let total = 0;
  let settled = 0;
  let open = 0;
  for (const g of groups) {
    total += g.n;
    bump(byKind, g._id.k ?? '', g.n);
    bump(byCountry, g._id.c ?? '', g.n);
    quarters.add(g._id.q);
    if (g._id.s && SETTLED_STAGES.has(g._id.s)) settled += g.n;
    if (g._id.s && OPEN_STAGES.has(g._id.s)) open += g.n;
  }
  if (total === 0) return [`No development updates${where ? ` for ${where}` : ''}.`];
  const kinds = KINDS.filter((k) => byKind.get(k)).map((k) => `${UPDATE_KINDS.labels[k]} ${byKind.get(k)}`);
  return [
    `${plural(total, 'development update')}${where ? ` for ${where}` : ''} across ${plural(quarters.size, 'quarter')}: ${kinds.join(', ')}.`,
    `By country: ${listOf(ranked(byCountry).map(([c, n]) => `${countryLabel(c)} ${n}`), 7)}.`,
    `Adopted, in force or amended: ${settled}; still in draft or public consultation: ${open}.`,
  ];
}
