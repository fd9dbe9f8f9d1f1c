import type { Config } from '../config';
import { formatQuarter, parseQuarter } from '../domain/quarter';
import { isReportingDue, quarterSchedule, reportingQuarterAt, type QuarterSchedule } from './calendar';
import { REPORTING_CALENDAR, type ReportingCalendar, type ReportingCalendarSettings } from './calendar-config';

/**
 * The one reporting calendar of an app: the rules of calendar-config.ts, the configured holidays and
 * the Secretariat's timezone. The core builds it once from the configuration and hands it to every
 * feature, so the reminders, the status grid, `mine` and the quarter a submission counts for can
 * never disagree. It is also the settings object the pure functions of calendar.ts take.
 */
export interface Calendar extends ReportingCalendar {
  timezone: string;
  /** The quarter a report made at `at` counts for (2026-Q4 until its deadline in January). */
  reportingQuarter(at: Date): string;
  schedule(quarter: string): QuarterSchedule;
  /** The reporting deadline of a quarter (YYYY-MM-DD, the whole day on the Secretariat's clock). */
  deadline(quarter: string): string;
  /** Whether a report is owed for this quarter (not before `firstQuarter`). */
  isDue(quarter: string): boolean;
  /**
   * Sets the first reporting quarter once, at start, when the configuration does not name it (the
   * core reads the stored one from the database). A configured FIRST_REPORTING_QUARTER wins.
   */
  startReportingAt(quarter: string): void;
}

export function createCalendar(config: Pick<Config, 'holidays' | 'timezone'> & { firstReportingQuarter?: string }, overrides: Partial<ReportingCalendarSettings> = {}): Calendar {
  const rules: ReportingCalendar = { ...REPORTING_CALENDAR, ...overrides, holidays: [...config.holidays] };
  const schedules = new Map<string, QuarterSchedule>();
  const schedule = (quarter: string): QuarterSchedule => {
    const q = parseQuarter(quarter);
    if (!q) throw new Error(`not a quarter: ${quarter}`);
    const key = formatQuarter(q);
    let s = schedules.get(key);
    if (!s) schedules.set(key, (s = quarterSchedule(q, rules)));
    return s;
  };
  const calendar: Calendar = {
    ...rules,
    timezone: config.timezone,
    reportingQuarter: (at) => reportingQuarterAt(at, config.timezone, rules),
    schedule,
    deadline: (quarter) => schedule(quarter).deadline,
    ...(config.firstReportingQuarter ? { firstQuarter: config.firstReportingQuarter } : {}),
    isDue: (quarter) => isReportingDue(quarter, calendar),
    startReportingAt(quarter) {
      if (!config.firstReportingQuarter) calendar.firstQuarter = quarter;
    },
  };
  return calendar;
}
