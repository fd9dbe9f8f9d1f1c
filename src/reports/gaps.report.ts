import { COUNTRIES, NEED_STATUSES, PRIORITIES } from '../config/vocabulary';
import type { Actor } from '../domain/actor';
import { cellLevel, countNeed, COVERAGE_ORDER, coverageLabel, CoverageIndex, emptyCell, type CellCounts, type NeedCoverage } from './coverage';
import type { Heatmap, Report, ReportColumn, ReportTable, Row } from '../render/report-model';
import { assertMayRun } from './report-access';
import { countryLabel, filterNote, label, listOf, orgNames, plural, text, themeLabel, THEME_CODES } from './report-labels';
import { StreamedRows, type ReportEnv } from './report-source';
import { ProviderTally } from './gaps-providers';

/** `gaps [country] [theme]`: needs against coverage, country × theme, and who provides where. */
export interface GapsQuery {
  country?: string;
  theme?: string;
}

interface GapNeed {
  id: string;
  country: string;
  theme: string;
  priority: string;
  status: string;
  title: string | null;
  coverage: NeedCoverage;
}

const PRIORITY_ORDER = ['high', 'medium', 'low'];
const NEED_FIELDS = ['country', 'theme', 'priority', 'status', 'title'];
const RESPONSE_FIELDS = ['providers', 'beneficiaries', 'themes', 'needLinks', 'budgetEur'];
const COUNTRY_CODES = COUNTRIES.codes as readonly string[];

export async function buildGapsReport(env: ReportEnv, query: GapsQuery, actor: Actor): Promise<Report> {
  assertMayRun(actor, 'gaps');
  const org = orgNames(env.organisations);
  // One pass over needs and responses together: on FerretDB every query scans the whole collection.
  // Responses fill the coverage index; open needs are kept as compact rows and classified once
  // every response is known, so the drill-down can be ordered by derived coverage (uncovered high
  // priority first), which no database sort can do.
  const index = new CoverageIndex();
  const providers = new ProviderTally(query, index);
  const needs: GapNeed[] = [];
  const cursor = env.reads.records<{ _id: string; type: string; orgCode: string; data: Record<string, unknown> }>(
    { type: { $in: ['need', 'response'] }, status: 'active' },
    { fields: ['_id', 'type', 'orgCode', ...[...NEED_FIELDS, ...RESPONSE_FIELDS].map((f) => `data.${f}`)] },
  );
  for await (const r of cursor) {
    if (r.type === 'response') {
      if (r.data.status !== 'cancelled') providers.add(r);
      continue;
    }
    if (r.data.status === 'closed' || r.data.status === 'rejected') continue; // met, or not to be met: no gap
    if ((query.country && r.data.country !== query.country) || (query.theme && r.data.theme !== query.theme)) continue;
    needs.push({
      id: r._id,
      country: String(r.data.country ?? ''),
      theme: String(r.data.theme ?? ''),
      priority: String(r.data.priority ?? ''),
      status: String(r.data.status ?? ''),
      title: text(r.data.title),
      coverage: 'uncovered',
    });
  }
  const cells = new Map<string, CellCounts>();
  for (const g of needs) {
    g.coverage = index.coverageOf(g.id);
    const k = `${g.country}|${g.theme}`;
    const cell = cells.get(k) ?? emptyCell();
    countNeed(cell, g.coverage, g.priority);
    cells.set(k, cell);
  }
  needs.sort(gapOrder);

  const countries = query.country ? [query.country] : COUNTRY_CODES;
  const themes = query.theme ? [query.theme] : THEME_CODES;
  const where = filterNote([query.country && countryLabel(query.country), query.theme && themeLabel(query.theme)]);
  const drill: ReportTable = {
    name: 'Gaps',
    title: 'Needs by coverage: uncovered high-priority needs first',
    columns: DRILL_COLUMNS,
    rows: new StreamedRows(async function* () {
      for (const g of needs) yield drillRow(g);
    }),
  };
  function drillRow(g: GapNeed): Row {
    const links = index.get(g.id);
    return {
      coverage: coverageLabel(g.coverage),
      priority: label(PRIORITIES, g.priority),
      id: g.id,
      country: countryLabel(g.country),
      theme: themeLabel(g.theme),
      title: g.title,
      status: label(NEED_STATUSES, g.status),
      full: links?.full.map((f) => f.responseId).join(', ') ?? '',
      fullProviders: [...new Set(links?.full.flatMap((f) => f.providers) ?? [])].map(org).join(', '),
      partial: links?.partial.join(', ') ?? '',
      contributes: links?.contributes.join(', ') ?? '',
    };
  }
  return {
    id: 'gaps',
    title: 'Gap matrix',
    subtitle: `Open needs against coverage, by country and theme${where ? ` (${where})` : ''}`,
    generatedAt: env.now,
    summary: summary(needs, cells, providers, where, org, env.organisations),
    tables: [drill, matrixTable(cells, countries, themes), wideTable(cells, countries, themes), providers.table(env.organisations)],
    heatmap: heatmap(cells, countries, themes),
    notes: [
      'Covered: a response covers the need fully. Possible duplication: two or more full responses from providers with none in common. Partly covered: only partial or contributing responses. Uncovered: no response.',
      'Closed needs are left out; cancelled and retired responses do not count.',
    ],
  };
}

function gapOrder(a: GapNeed, b: GapNeed): number {
  const rank = (list: readonly string[], v: string) => (list.indexOf(v) + list.length + 1) % (list.length + 1);
  return (
    COVERAGE_ORDER.indexOf(a.coverage) - COVERAGE_ORDER.indexOf(b.coverage) ||
    rank(PRIORITY_ORDER, a.priority) - rank(PRIORITY_ORDER, b.priority) ||
    rank(COUNTRY_CODES, a.country) - rank(COUNTRY_CODES, b.country) ||
    rank(THEME_CODES, a.theme) - rank(THEME_CODES, b.theme) ||
    a.id.localeCompare(b.id)
  );
}

const DRILL_COLUMNS: ReportColumn[] = [
  { key: 'coverage', label: 'Coverage', width: 20 },
  { key: 'priority', label: 'Priority', width: 10 },
  { key: 'id', label: 'Need', width: 18 },
  { key: 'country', label: 'Country', width: 20 },
  { key: 'theme', label: 'Theme', width: 32 },
  { key: 'title', label: 'Title', width: 44 },
  { key: 'status', label: 'Status', width: 26 },
  { key: 'full', label: 'Full responses', width: 24 },
  { key: 'fullProviders', label: 'Full: providers', width: 24 },
  { key: 'partial', label: 'Partial responses', width: 24 },
  { key: 'contributes', label: 'Contributing responses', width: 24 },
];

function matrixTable(cells: Map<string, CellCounts>, countries: readonly string[], themes: readonly string[]): ReportTable {
  const rows: Row[] = [];
  const totals: Row = { country: 'Total', theme: '' };
  const keys = ['needs', 'high', 'uncovered', 'uncoveredHigh', 'partial', 'duplication', 'covered'] as const;
  for (const k of keys) totals[k] = 0;
  for (const c of countries) {
    for (const t of themes) {
      const cell = cells.get(`${c}|${t}`);
      if (!cell) continue;
      rows.push({ country: countryLabel(c), theme: themeLabel(t), ...cell });
      for (const k of keys) totals[k] = Number(totals[k]) + cell[k];
    }
  }
  const n = (key: string, lbl: string): ReportColumn => ({ key, label: lbl, type: 'number', width: 13 });
  const columns: ReportColumn[] = [
    { key: 'country', label: 'Country', width: 20 },
    { key: 'theme', label: 'Theme', width: 32 },
    n('needs', 'Needs'),
    n('high', 'High priority'),
    n('uncovered', 'Uncovered'),
    n('uncoveredHigh', 'Uncovered high'),
    n('partial', 'Partly covered'),
    n('duplication', 'Possible duplication'),
    n('covered', 'Covered'),
  ];
  return { name: 'Matrix', title: 'Needs by country and theme, by coverage', columns, rows, totals };
}

function wideTable(cells: Map<string, CellCounts>, countries: readonly string[], themes: readonly string[]): ReportTable {
  const columns: ReportColumn[] = [{ key: 'country', label: 'Country', width: 20 }, ...themes.map((t) => ({ key: t, label: themeLabel(t), width: 16 }))];
  const rows: Row[] = countries.map((c) => {
    const row: Row = { country: countryLabel(c) };
    for (const t of themes) {
      const cell = cells.get(`${c}|${t}`);
      row[t] = cell ? `${cell.uncovered} of ${cell.needs} uncovered` : '';
    }
    return row;
  });
  return { name: 'Country x theme', title: 'Uncovered needs of all open needs, by country and theme', columns, rows };
}

function heatmap(cells: Map<string, CellCounts>, countries: readonly string[], themes: readonly string[]): Heatmap {
  return {
    title: 'Gap matrix: uncovered / all open needs, by country and theme',
    rowLabels: countries.map(countryLabel),
    colLabels: themes.map(themeLabel),
    cells: countries.map((c) =>
      themes.map((t) => {
        const cell = cells.get(`${c}|${t}`);
        return { value: cell?.needs ?? 0, label: cell ? `${cell.uncovered}/${cell.needs}` : '', level: cellLevel(cell) };
      }),
    ),
    legend: [
      { level: 'uncovered', label: 'Some need uncovered' },
      { level: 'partial', label: 'Partly covered' },
      { level: 'duplication', label: 'Possible duplication' },
      { level: 'covered', label: 'All covered' },
      { level: 'none', label: 'No open needs' },
    ],
  };
}

function summary(needs: GapNeed[], cells: Map<string, CellCounts>, providers: ProviderTally, where: string, org: (c: string) => string, orgs: ReportEnv['organisations']): string[] {
  if (!needs.length) return [`No open needs${where ? ` for ${where}` : ''}.`];
  const count = (c: NeedCoverage) => needs.filter((n) => n.coverage === c);
  const uncovered = count('uncovered');
  const high = uncovered.filter((n) => n.priority === 'high');
  const dup = count('duplication');
  const lines = [
    `${plural(needs.length, 'open need')}${where ? ` for ${where}` : ''}: ${uncovered.length} uncovered (${high.length} high priority), ${count('partial').length} partly covered, ${count('covered').length} covered, ${dup.length} possible duplication.`,
  ];
  if (high.length) lines.push(`Uncovered high priority: ${listOf(high.map((n) => `${n.id} (${countryLabel(n.country)}, ${themeLabel(n.theme)})`), 5)}.`);
  if (dup.length) lines.push(`Possible duplication: ${listOf(dup.map((n) => n.id), 5)}.`);
  const worst = [...cells.entries()]
    .filter(([, c]) => c.uncovered > 0)
    .sort((a, b) => b[1].uncoveredHigh - a[1].uncoveredHigh || b[1].uncovered - a[1].uncovered || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([k, c]) => `${countryLabel(k.split('|')[0])} / ${themeLabel(k.split('|')[1])} (${c.uncovered} of ${c.needs})`);
  if (worst.length) lines.push(`Largest gaps: ${worst.join('; ')}.`);
  lines.push(`${plural(providers.responses, 'response')} (not cancelled) from ${plural(providers.providers, 'provider')}; most active: ${listOf(providers.ranked(orgs).slice(0, 3).map((p) => `${org(p.code)} (${p.responses})`), 3)}.`);
  return lines;
}
