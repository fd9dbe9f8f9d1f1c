import {
  addDays,
  addQuarters,
  formatQuarter,
  isoDate,
  localDate,
  parseQuarter,
  quarterBounds,
  quarterOf,
  weekday,
  zonedTime,
  type Quarter,
} from '../domain/quarter';
import type { ReportingCalendar, StepRule } from './calendar-config';

/**
 * The reporting calendar as pure functions of dates. Step dates are calendar dates shared by
 * everyone; only the sending instant depends on the recipient's timezone, so a person in New York
 * and one in Sarajevo both get each reminder at 10:00 on their own wall clock, across daylight
 * saving changes and the year boundary. Nothing here reads a clock.
 */
export interface CalendarStep {
  id: string;
  kind: StepRule['kind'];
  /** 1-based position among the reminders (escalation has none). */
  reminderNo?: number;
  date: string;
  lead: string;
  relevantDays?: number;
}

export interface QuarterSchedule {
  quarter: string;
  opens: string;
  quarterEnd: string;
  deadline: string;
  steps: CalendarStep[];
  /** The next quarter's window opening: the end of this quarter's cycle. */
  nextOpens: string;
}

/** Whether anything is owed for this quarter: not before the group started reporting (records entered for it still count). */
export function isReportingDue(quarter: string, cal: Pick<ReportingCalendar, 'firstQuarter'>): boolean {
  return !cal.firstQuarter || quarter >= cal.firstQuarter;
}

export function isWorkingDay(date: string, cal: ReportingCalendar): boolean {
  return cal.workingDays.includes(weekday(date)) && !cal.holidays.includes(date);
}

export function rollToWorkingDay(date: string, direction: 'previous' | 'next', cal: ReportingCalendar): string {
  let d = date;
  // A year without a single working day would be a configuration error; stop rather than loop.
  for (let i = 0; i < 366 && !isWorkingDay(d, cal); i++) d = addDays(d, direction === 'next' ? 1 : -1);
  return d;
}

function windowOpens(q: Quarter, cal: ReportingCalendar): string {
  const lastMonth = (q.q - 1) * 3 + 3;
  return rollToWorkingDay(isoDate(q.year, lastMonth, cal.windowOpens.dayOfLastMonth), cal.windowOpens.roll, cal);
}

export function quarterSchedule(quarter: Quarter | string, cal: ReportingCalendar): QuarterSchedule {
  const q = typeof quarter === 'string' ? parseQuarter(quarter) : quarter;
  if (!q) throw new Error(`not a quarter: ${String(quarter)}`);
  const opens = windowOpens(q, cal);
  const quarterEnd = quarterBounds(q).last;
  const deadline = addDays(quarterEnd, cal.deadlineDaysAfterQuarterEnd);
  const anchors = { 'window-opens': opens, 'quarter-end': quarterEnd, deadline };
  let reminders = 0;
  const steps = cal.steps.map((rule): CalendarStep => ({
    id: rule.id,
    kind: rule.kind,
    ...(rule.kind === 'reminder' ? { reminderNo: ++reminders } : {}),
    date: rollToWorkingDay(addDays(anchors[rule.anchor], rule.offsetDays), rule.roll, cal),
    lead: rule.lead.replaceAll('{quarter}', formatQuarter(q)),
    ...(rule.relevantDays !== undefined ? { relevantDays: rule.relevantDays } : {}),
  }));
  return { quarter: formatQuarter(q), opens, quarterEnd, deadline, steps, nextOpens: windowOpens(addQuarters(q, 1), cal) };
}

/** The instant a step dated `date` is due for someone in `timeZone`. */
export function dueAt(date: string, timeZone: string, cal: ReportingCalendar): Date {
  return zonedTime(date, cal.sendAt.hour, cal.sendAt.minute, timeZone);
}

/** The deadline is the whole deadline day: it passes at the following midnight in `timeZone`. */
export function deadlineEndsAt(schedule: QuarterSchedule, timeZone: string): Date {
  return zonedTime(addDays(schedule.deadline, 1), 0, 0, timeZone);
}

export interface DueStep {
  schedule: QuarterSchedule;
  step: CalendarStep;
  dueAt: Date;
  /** When the next step (or the next quarter's opening, or `relevantDays`) ends this one. */
  relevantUntil: Date;
}

/**
 * The latest step already due at `asOf` for someone in `timeZone`, if it is still relevant. After
 * downtime this is what is sent: the current step once, never every step that fell due meanwhile.
 */
export function latestDueStep(schedule: QuarterSchedule, timeZone: string, asOf: Date, cal: ReportingCalendar): DueStep | null {
  const times = schedule.steps.map((s) => dueAt(s.date, timeZone, cal));
  const ends = [...times.slice(1), dueAt(schedule.nextOpens, timeZone, cal)].map((end, i) => {
    const days = schedule.steps[i]!.relevantDays;
    return days === undefined ? end : new Date(Math.min(end.getTime(), dueAt(addDays(schedule.steps[i]!.date, days), timeZone, cal).getTime()));
  });
  for (let i = schedule.steps.length - 1; i >= 0; i--) {
    if (times[i]! <= asOf) return asOf < ends[i]! ? { schedule, step: schedule.steps[i]!, dueAt: times[i]!, relevantUntil: ends[i]! } : null;
  }
  return null;
}

/**
 * The quarters whose cycle may be running at `asOf`. With the defaults a cycle ends in the
 * following quarter; two back leaves room for a longer configured deadline, one ahead for a window
 * opening before its quarter's last month.
 */
export function candidateSchedules(asOf: Date, timeZone: string, cal: ReportingCalendar): QuarterSchedule[] {
  const current = quarterOf(asOf, timeZone);
  return [-2, -1, 0, 1].map((n) => quarterSchedule(addQuarters(current, n), cal));
}

/**
 * The quarter a report made at `asOf` should count for: the one whose window is open (so an update
 * sent on 5 January settles 2026-Q4, whose deadline is 15 January), else the current quarter.
 */
export function reportingQuarterAt(asOf: Date, timeZone: string, cal: ReportingCalendar): string {
  for (const s of candidateSchedules(asOf, timeZone, cal)) {
    if (zonedTime(s.opens, 0, 0, timeZone) <= asOf && asOf < deadlineEndsAt(s, timeZone)) return s.quarter;
  }
  return formatQuarter(quarterOf(asOf, timeZone));
}

/** "Remind me in N days": sending time on the Nth day (or the next working day), the person's clock. */
export function snoozeUntil(snoozedAt: Date, timeZone: string, cal: ReportingCalendar): Date {
  const day = rollToWorkingDay(addDays(localDate(snoozedAt, timeZone), cal.snoozeDays), 'next', cal);
  return dueAt(day, timeZone, cal);
}
