import { addDays, localDate, zonedTime } from '../domain/quarter';
import { dueAt, isWorkingDay, rollToWorkingDay } from '../calendar/calendar';
import type { ReportingCalendar } from '../calendar/calendar-config';

/**
 * Consultation dates on the reporting calendar of the quarterly nudges (same working days, same
 * holidays, same sending hour), so the Secretariat configures one calendar. Dates are calendar
 * dates on the Secretariat's clock; reminders go out at the sending hour on each person's clock.
 */
export const CONSULTATION_RULES = {
  /** Default time to answer. */
  defaultWorkingDays: 10,
  /** Silent organisations are reminded this many working days before the deadline. */
  remindWorkingDaysBefore: 3,
} as const;

/** `n` working days after (n > 0) or before (n < 0) `date`. */
export function addWorkingDays(date: string, n: number, cal: ReportingCalendar): string {
  let d = date;
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

export interface RoundDates {
  deadline: string;
  closesAt: Date;
  remindOn?: string;
}

/**
 * The dates of a round opened at `openedAt`. The deadline is the whole deadline day; the reminder
 * day is dropped when it would not come after the opening day (a round of two or three days).
 */
export function roundDates(openedAt: Date, deadline: string | undefined, timeZone: string, cal: ReportingCalendar): RoundDates {
  const today = localDate(openedAt, timeZone);
  const last = deadline ?? addWorkingDays(today, CONSULTATION_RULES.defaultWorkingDays, cal);
  const remind = rollToWorkingDay(addWorkingDays(last, -CONSULTATION_RULES.remindWorkingDaysBefore, cal), 'previous', cal);
  return { deadline: last, closesAt: zonedTime(addDays(last, 1), 0, 0, timeZone), ...(remind > today ? { remindOn: remind } : {}) };
}

/** When the reminder is due for someone in `timeZone` (sending hour on their clock). */
export function reminderDueAt(remindOn: string, timeZone: string, cal: ReportingCalendar): Date {
  return dueAt(remindOn, timeZone, cal);
}
