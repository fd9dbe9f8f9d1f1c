import type { RecordType } from '../domain/permissions';

/**
 * The reporting calendar: the one place to change when the quarterly reminders go out and what
 * they say. Holidays are not listed here: they come from the HOLIDAYS environment variable
 * (`config.holidays`, comma-separated YYYY-MM-DD), so operations can add a bridge day without a
 * release.
 *
 * A step's date is its anchor plus `offsetDays`; when that is not a working day it rolls to the
 * previous working day (reminders never come later than promised) or the next one (escalation,
 * which must come after the deadline). Every message goes out at `sendAt` in the recipient's own
 * timezone.
 *
 * Step ids are part of the exactly-once keys (`nudge|MOI-RS|2026-Q4|opening|…`): renaming a step
 * while a quarter is running would send that step again.
 */
export type StepAnchor = 'window-opens' | 'quarter-end' | 'deadline';

export interface StepRule {
  id: string;
  kind: 'reminder' | 'escalation';
  anchor: StepAnchor;
  offsetDays: number;
  roll: 'previous' | 'next';
  /** First sentence after "Dear <name>,"; `{quarter}` is filled in. */
  lead: string;
  /**
   * After downtime, a step is still sent until the next step falls due, or for this many days when
   * set. Escalation sets it: a digest or last note weeks late (or on the first start of a new
   * installation) would report a quarter nobody is chasing any more.
   */
  relevantDays?: number;
}

export interface ReportingCalendarSettings {
  /** Local wall-clock time of every reminder, in the recipient's timezone. */
  sendAt: { hour: number; minute: number };
  /** 0 = Sunday … 6 = Saturday. */
  workingDays: number[];
  /** The window opens on this weekday-adjusted day of the quarter's last month (1 = first). */
  windowOpens: { dayOfLastMonth: number; roll: 'previous' | 'next' };
  /** Deadline = quarter end + this many days (15 → 15 January for Q4). */
  deadlineDaysAfterQuarterEnd: number;
  /** In order. Exactly one step should have kind 'escalation', and it should be last. */
  steps: StepRule[];
  /** Deputies receive reminders from this reminder on (1-based), besides standing in for an absent focal point. */
  deputyFromReminder: number;
  /** "Remind me in N days". */
  snoozeDays: number;
  freshness: {
    /** Records not confirmed for this many days are offered back to their organisation. */
    afterDays: number;
    /** An organisation is offered its stale records at most once in this many days. */
    repeatDays: number;
    types: RecordType[];
    /** Development updates of these kinds only (laws, strategies, action plans). */
    updateKinds: string[];
    /** Needs and responses in these statuses are finished and never offered. */
    finishedStatuses: string[];
    /** Records listed in one message (3 buttons each, plus "all still accurate"). */
    maxPerMessage: number;
  };
}

export const REPORTING_CALENDAR: ReportingCalendarSettings = {
  sendAt: { hour: 10, minute: 0 },
  workingDays: [1, 2, 3, 4, 5],
  windowOpens: { dayOfLastMonth: 1, roll: 'next' },
  deadlineDaysAfterQuarterEnd: 15,
  steps: [
    {
      id: 'opening',
      kind: 'reminder',
      anchor: 'window-opens',
      offsetDays: 0,
      roll: 'next',
      lead: 'the IISG Secretariat asks every Support Group member for a short quarterly update.',
    },
    {
      id: 'two-weeks',
      kind: 'reminder',
      anchor: 'quarter-end',
      offsetDays: -14,
      roll: 'previous',
      lead: 'a gentle reminder: {quarter} ends in two weeks and the IISG Secretariat is collecting the quarterly updates.',
    },
    {
      id: 'quarter-end',
      kind: 'reminder',
      anchor: 'quarter-end',
      offsetDays: 0,
      roll: 'previous',
      lead: 'today is the last working day of {quarter}, a good moment for the quarterly update.',
    },
    {
      id: 'final-call',
      kind: 'reminder',
      anchor: 'deadline',
      offsetDays: -5,
      roll: 'previous',
      lead: 'a last friendly reminder before the deadline for the quarterly update.',
    },
    {
      id: 'escalation',
      kind: 'escalation',
      anchor: 'deadline',
      offsetDays: 1,
      roll: 'next',
      lead: 'the deadline for the {quarter} update has passed.',
      relevantDays: 7,
    },
  ],
  deputyFromReminder: 2,
  snoozeDays: 3,
  freshness: {
    afterDays: 90,
    repeatDays: 30,
    types: ['update', 'need', 'response'],
    updateKinds: ['law', 'strategy', 'action-plan'],
    finishedStatuses: ['closed', 'cancelled', 'rejected'],
    maxPerMessage: 8,
  },
};

/** The settings plus the configured holidays: what every calendar function takes. */
export interface ReportingCalendar extends ReportingCalendarSettings {
  holidays: string[];
  /**
   * Reporting starts with this quarter (FIRST_REPORTING_QUARTER, else the quarter the database was
   * created in, stored at first start): earlier quarters are "not due" everywhere, never overdue.
   * Unset: every quarter is due.
   */
  firstQuarter?: string;
}
