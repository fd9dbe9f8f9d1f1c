import {
  deadlineEndsAt,
  dueAt,
  latestDueStep,
  quarterSchedule,
  reportingQuarterAt,
  snoozeUntil,
} from '../../src/calendar/calendar';
import { REPORTING_CALENDAR,  } from '../../src/calendar/calendar-config';
import { createCalendar } from '../../src/calendar/reporting-calendar';

/** Pure calendar arithmetic; the weekdays named here were checked against a printed calendar. */
const cal = createCalendar({ holidays: [], timezone: 'Europe/Sarajevo' });
const dates = (quarter: string, c = cal) => Object.fromEntries(quarterSchedule(quarter, c).steps.map((s) => [s.id, s.date]));

describe('reporting calendar', () => {
  it('Q4 2026 with the defaults: opens Tue 1 Dec, deadline Fri 15 Jan, escalation Mon 18 Jan', () => {
    const s = quarterSchedule('2026-Q4', cal);
    expect(s).toMatchObject({ quarter: '2026-Q4', opens: '2026-12-01', quarterEnd: '2026-12-31', deadline: '2027-01-15', nextOpens: '2027-03-01' });
    expect(dates('2026-Q4')).toEqual({
      opening: '2026-12-01',
      'two-weeks': '2026-12-17',
      'quarter-end': '2026-12-31',
      'final-call': '2027-01-08', // 10 January is a Sunday: never later than promised
      escalation: '2027-01-18', // 16 January is a Saturday: the first working day after the deadline
    });
    expect(s.steps.map((x) => x.reminderNo)).toEqual([1, 2, 3, 4, undefined]);
  });

  it('rolls off weekends: Q1 2026 opens Monday 2 March (1 March is a Sunday)', () => {
    expect(dates('2026-Q1')).toEqual({ opening: '2026-03-02', 'two-weeks': '2026-03-17', 'quarter-end': '2026-03-31', 'final-call': '2026-04-10', escalation: '2026-04-16' });
  });

  it('skips configured holidays (HOLIDAYS)', () => {
    const withHolidays = createCalendar({ holidays: ['2026-12-01', '2026-12-31', '2027-01-08', '2027-01-18'], timezone: 'Europe/Sarajevo' });
    expect(dates('2026-Q4', withHolidays)).toEqual({
      opening: '2026-12-02',
      'two-weeks': '2026-12-17',
      'quarter-end': '2026-12-30',
      'final-call': '2027-01-07',
      escalation: '2027-01-19',
    });
  });

  it('takes other settings from the one configuration object', () => {
    const c = createCalendar({ holidays: [], timezone: 'Europe/Sarajevo' }, { deadlineDaysAfterQuarterEnd: 30, sendAt: { hour: 9, minute: 30 } });
    expect(quarterSchedule('2026-Q4', c).deadline).toBe('2027-01-30');
    expect(dueAt('2026-12-01', 'Europe/Sarajevo', c).toISOString()).toBe('2026-12-01T08:30:00.000Z');
    expect(REPORTING_CALENDAR.sendAt).toEqual({ hour: 10, minute: 0 }); // defaults untouched
  });

  it('sends at 10:00 local across daylight-saving changes (EU 25 Oct / 28 Mar, US 1 Nov / 14 Mar)', () => {
    const at = (d: string, tz: string) => dueAt(d, tz, cal).toISOString();
    expect(at('2026-10-16', 'Europe/Sarajevo')).toBe('2026-10-16T08:00:00.000Z'); // summer time
    expect(at('2026-12-01', 'Europe/Sarajevo')).toBe('2026-12-01T09:00:00.000Z'); // winter time
    expect(at('2026-10-16', 'America/New_York')).toBe('2026-10-16T14:00:00.000Z');
    expect(at('2026-12-01', 'America/New_York')).toBe('2026-12-01T15:00:00.000Z');
    expect(at('2027-03-01', 'America/New_York')).toBe('2027-03-01T15:00:00.000Z');
    expect(at('2027-03-17', 'America/New_York')).toBe('2027-03-17T14:00:00.000Z');
    expect(at('2027-03-17', 'Europe/Sarajevo')).toBe('2027-03-17T09:00:00.000Z');
    expect(at('2027-03-31', 'Europe/Sarajevo')).toBe('2027-03-31T08:00:00.000Z');
    expect(at('2027-01-18', 'Europe/London')).toBe('2027-01-18T10:00:00.000Z');
  });

  it('a snooze on Friday 23 October lands on Monday 26 October at 10:00, after the clocks went back', () => {
    expect(snoozeUntil(new Date('2026-10-23T09:00:00Z'), 'Europe/Sarajevo', cal).toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(snoozeUntil(new Date('2026-12-01T15:30:00Z'), 'America/New_York', cal).toISOString()).toBe('2026-12-04T15:00:00.000Z');
  });

  it('after downtime only the latest relevant step is due, and escalation expires after a week', () => {
    const s = quarterSchedule('2026-Q4', cal);
    const step = (iso: string, tz = 'Europe/Sarajevo') => latestDueStep(s, tz, new Date(iso), cal)?.step.id ?? null;
    expect(step('2026-12-01T08:59:00Z')).toBeNull();
    expect(step('2026-12-01T09:00:00Z')).toBe('opening');
    expect(step('2026-12-01T09:00:00Z', 'America/New_York')).toBeNull(); // 04:00 in New York
    expect(step('2027-01-12T12:00:00Z')).toBe('final-call'); // down since November: one step, not four
    expect(step('2027-01-25T08:59:00Z')).toBe('escalation');
    expect(step('2027-01-25T09:00:00Z')).toBeNull();
    expect(latestDueStep(s, 'Europe/Sarajevo', new Date('2027-01-12T12:00:00Z'), cal)?.relevantUntil.toISOString()).toBe('2027-01-18T09:00:00.000Z');
  });

  it('the deadline passes at midnight on the Secretariat’s clock', () => {
    expect(deadlineEndsAt(quarterSchedule('2026-Q4', cal), 'Europe/Sarajevo').toISOString()).toBe('2027-01-15T23:00:00.000Z');
  });

  it('a report made before the deadline counts for the quarter being chased', () => {
    const q = (iso: string) => reportingQuarterAt(new Date(iso), 'Europe/Sarajevo', cal);
    expect(q('2026-11-10T10:00:00Z')).toBe('2026-Q4');
    expect(q('2027-01-05T10:00:00Z')).toBe('2026-Q4');
    expect(q('2027-01-15T22:59:00Z')).toBe('2026-Q4');
    expect(q('2027-01-15T23:00:00Z')).toBe('2027-Q1');
  });
});
