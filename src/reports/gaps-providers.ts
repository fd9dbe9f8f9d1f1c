import { BENEFICIARIES } from '../config/vocabulary';
import type { OrganisationDoc } from '../db/models/organisation.model';
import type { CoverageIndex } from './coverage';
import type { ReportColumn, ReportTable, Row } from '../render/report-model';
import { countryLabel, num, orgNames, strings } from './report-labels';

/**
 * The responses side of the gap matrix. Fed one counting response at a time (active, not
 * cancelled): fills the coverage index for every need, and counts who provides where (provider ×
 * beneficiary country), restricted to the country and theme asked for.
 */
interface ProviderRow {
  responses: number;
  budget: number;
  links: number;
  byCountry: Map<string, number>;
}

export class ProviderTally {
  private readonly countries: readonly string[];
  private readonly byProvider = new Map<string, ProviderRow>();
  private readonly totals: Row = { provider: 'All responses', responses: 0, budget: 0, links: 0 };

  constructor(
    private readonly query: { country?: string; theme?: string },
    private readonly index: CoverageIndex,
  ) {
    this.countries = query.country ? [query.country] : (BENEFICIARIES.codes as readonly string[]);
    for (const c of this.countries) this.totals[c] = 0;
  }

  add(r: { _id: string; orgCode: string; data: Record<string, unknown> }): void {
    const providers = strings(r.data.providers).length ? strings(r.data.providers) : [r.orgCode];
    this.index.addResponse(r._id, providers, r.data.needLinks);
    if (this.query.theme && !strings(r.data.themes).includes(this.query.theme)) return;
    const where = strings(r.data.beneficiaries).filter((c) => this.countries.includes(c));
    if (!where.length) return;
    const budget = num(r.data.budgetEur) ?? 0;
    const links = Array.isArray(r.data.needLinks) ? r.data.needLinks.length : 0;
    for (const p of providers) {
      const row = this.byProvider.get(p) ?? { responses: 0, budget: 0, links: 0, byCountry: new Map<string, number>() };
      row.responses++;
      row.budget += budget;
      row.links += links;
      for (const c of where) row.byCountry.set(c, (row.byCountry.get(c) ?? 0) + 1);
      this.byProvider.set(p, row);
    }
    const t = this.totals;
    t.responses = Number(t.responses) + 1;
    t.budget = Number(t.budget) + budget;
    t.links = Number(t.links) + links;
    for (const c of where) t[c] = Number(t[c]) + 1;
  }

  get responses(): number {
    return Number(this.totals.responses);
  }

  get providers(): number {
    return this.byProvider.size;
  }

  /** Providers by number of responses, then by name. */
  ranked(organisations: readonly OrganisationDoc[]): { code: string; responses: number }[] {
    const name = orgNames(organisations);
    return [...this.byProvider.entries()]
      .sort((a, b) => b[1].responses - a[1].responses || name(a[0]).localeCompare(name(b[0])))
      .map(([code, p]) => ({ code, responses: p.responses }));
  }

  table(organisations: readonly OrganisationDoc[]): ReportTable {
    const name = orgNames(organisations);
    const rows: Row[] = this.ranked(organisations).map(({ code }) => {
      const p = this.byProvider.get(code)!;
      const row: Row = { provider: name(code), responses: p.responses, budget: p.budget, links: p.links };
      for (const c of this.countries) row[c] = p.byCountry.get(c) ?? 0;
      return row;
    });
    const columns: ReportColumn[] = [
      { key: 'provider', label: 'Provider', width: 24 },
      ...this.countries.map((c): ReportColumn => ({ key: c, label: countryLabel(c), type: 'number', width: 14 })),
      { key: 'responses', label: 'Responses', type: 'number' },
      { key: 'budget', label: 'Budget', type: 'eur' },
      { key: 'links', label: 'Need links', type: 'number' },
    ];
    return {
      name: 'Providers x countries',
      title: 'Who provides where: responses by provider and beneficiary country (a co-financed response counts for each provider)',
      columns,
      rows,
      totals: this.totals,
    };
  }
}
