import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { localParts } from '../domain/quarter';
import type { ReportingCalendar } from '../calendar/calendar-config';
import type { Clock } from '../support/clock';
import { buildGapsReport } from './gaps.report';
import { buildNeedsReport } from './needs.report';
import { renderReport, type RenderedFile, type ReportFormat } from '../render/render-report';
import type { Report, ReportId } from '../render/report-model';
import type { XlsxAppendices } from '../render/xlsx-appendix';
import { refusal, reportScope } from './report-access';
import { parseReportOptions, type OptionKind, type ReportOptions } from './report-query';
import { reopenReport, type ReportEnv } from './report-source';
import { buildResponsesReport } from './responses.report';
import { buildStatusReport } from './status.report';
import { buildUpdatesReport } from './updates.report';

export interface ReportDefinition {
  id: ReportId;
  usage: string;
  summary: string;
  example: string;
  options: readonly OptionKind[];
  build(env: ReportEnv, o: ReportOptions, actor: Actor): Promise<Report>;
  /** Extra checks of the options, beyond the parser's; an error text or null. */
  check?(o: ReportOptions): string | null;
}

const partnerOnly = (o: ReportOptions) => (o.country === 'REGIONAL' ? 'Needs are stated per partner: please choose one of the six countries.' : null);

export const REPORTS: readonly ReportDefinition[] = [
  {
    id: 'status',
    usage: 'report status [quarter] [organisation]',
    summary: 'who reported, sent "nothing new", is overdue or exempt, per organisation and quarter (last four quarters by default)',
    example: 'report status 2026-Q4',
    options: ['quarter', 'organisation'],
    build: (env, o, actor) => buildStatusReport(env, { quarters: o.quarters, orgCode: o.organisation }, actor),
  },
  {
    id: 'updates',
    usage: 'report updates [quarter] [country]',
    summary: 'the development tracker: laws, decisions, strategies, action plans and actions',
    example: 'report updates 2026-Q4 Serbia',
    options: ['quarter', 'country'],
    check: (o) => ((o.quarters?.length ?? 0) > 1 ? 'Please give one quarter, e.g. 2026-Q4.' : null),
    build: (env, o, actor) => buildUpdatesReport(env, { quarter: o.quarters?.[0], country: o.country }, actor),
  },
  {
    id: 'needs',
    usage: 'report needs [cycle] [country] [theme]',
    summary: 'the needs mapping, with the decision chain and what changed since the previous cycle',
    example: 'report needs 2025-2026 Albania',
    options: ['cycle', 'country', 'theme'],
    check: partnerOnly,
    build: (env, o, actor) => buildNeedsReport(env, { cycle: o.cycle, country: o.country, theme: o.theme }, actor),
  },
  {
    id: 'responses',
    usage: 'report responses [year|all] [provider] [country]',
    summary: 'the response mapping: who does what where, with budgets',
    example: 'report responses 2026 GIZ',
    options: ['year', 'organisation', 'country'],
    build: (env, o, actor) =>
      buildResponsesReport(env, { year: o.year ?? localParts(env.now, env.timezone).year, provider: o.organisation, country: o.country }, actor),
  },
  {
    id: 'gaps',
    usage: 'report gaps [country] [theme]',
    summary: 'the gap matrix country × theme: needs against coverage, uncovered high priority first (with a heat map)',
    example: 'report gaps Kosovo',
    options: ['country', 'theme'],
    check: partnerOnly,
    build: (env, o, actor) => buildGapsReport(env, { country: o.country, theme: o.theme }, actor),
  },
];

export type Prepared = { ok: true; definition: ReportDefinition; build: () => Promise<Report> } | { ok: false; message: string };

export interface ReportServiceDeps {
  store: Store;
  clock: Clock;
  timezone: string;
  calendar: ReportingCalendar;
  /** Sheets other features add to every report's XLSX (the spreadsheets feature's import layout). */
  xlsxAppendices?: XlsxAppendices;
}

export function createReportService(deps: ReportServiceDeps) {
  async function env(): Promise<ReportEnv> {
    return {
      reads: deps.store.reports,
      organisations: await deps.store.organisations.list({ includeInactive: true }),
      now: deps.clock.now(),
      timezone: deps.timezone,
      calendar: deps.calendar,
    };
  }

  return {
    definitions: REPORTS,

    /** The reports this person may run. */
    available: (actor: Actor) => REPORTS.filter((d) => reportScope(actor, d.id).kind !== 'none'),

    /**
     * Checks the name, the person's rights and the options at once (fast, so chat can answer
     * immediately); `build` then does the slow part.
     */
    async prepare(actor: Actor, name: string, tokens: readonly string[]): Promise<Prepared> {
      const definition = REPORTS.find((d) => d.id === name.toLowerCase());
      if (!definition) return { ok: false, message: `I do not know a report called "${name.slice(0, 40)}". The reports are: ${REPORTS.map((d) => d.id).join(', ')}.` };
      const denied = refusal(actor, definition.id);
      if (denied) return { ok: false, message: denied };
      const e = await env();
      const parsed = parseReportOptions(tokens, definition.options, e.organisations);
      const problem = parsed.ok ? (definition.check?.(parsed.value) ?? refusal(actor, definition.id, parsed.value.organisation)) : parsed.error;
      if (!parsed.ok || problem) return { ok: false, message: `${problem} Usage: *${definition.usage}*, e.g. *${definition.example}*.` };
      const attach = (r: Report) => deps.xlsxAppendices?.attach(r) ?? r;
      return { ok: true, definition, build: async () => attach(await definition.build(e, parsed.value, actor)) };
    },

    /** The report as files in these formats; streamed tables are read afresh for each. */
    async render(report: Report, formats: readonly ReportFormat[]): Promise<RenderedFile[]> {
      const files: RenderedFile[] = [];
      for (const f of formats) files.push(...(await renderReport(reopenReport(report), f)));
      return files;
    },

    /** What chat attaches: the XLSX (every view a sheet), the main view as CSV, and the heat map. */
    async chatFiles(report: Report): Promise<RenderedFile[]> {
      const xlsx = await renderReport(reopenReport(report), 'xlsx');
      const main = reopenReport(report);
      const csv = await renderReport({ ...main, tables: main.tables.slice(0, 1) }, 'csv');
      const png = report.heatmap ? await renderReport(report, 'png') : [];
      return [...xlsx, ...csv, ...png];
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
