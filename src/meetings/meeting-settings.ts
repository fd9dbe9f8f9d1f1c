/**
 * When the bot prepares and follows up meetings: the one place to change it. Sending times (10:00
 * on the recipient's clock), working days and holidays come from the reporting calendar
 * (src/reminders/calendar-config.ts and the HOLIDAYS variable), so meetings and quarterly nudges
 * never disagree about what a working day is.
 *
 * The digest key (`meeting-digest|MT-2027-001|…`) and the reminder keys
 * (`action-reminder|MT-2027-001/2|before|2027-02-15|…`) do not contain these numbers: changing
 * them while a meeting is being prepared does not send anything twice.
 */
export interface MeetingSettings {
  /** The digest goes out this many working days before a scheduled meeting, at the sending hour. */
  digestWorkingDaysBefore: number;
  /** Meeting types that get a digest (the Support Group channel does not need one before a bilateral). */
  digestMeetingTypes: string[];
  /** With no earlier meeting on record, the digest covers this many days. */
  firstDigestLookbackDays: number;
  /** Digests are planned for meetings starting within this many days. */
  digestHorizonDays: number;
  /** The owner of an action item is reminded this many working days before the due date, and on it. */
  actionReminderWorkingDaysBefore: number;
  /** `meeting list`: meetings of the last N days count as recent; at most `listLimit` per section. */
  recentDays: number;
  listLimit: number;
  /** "Need more time" offers these extensions (calendar days, then the next working day). */
  moreTimeDays: number[];
  /** Longest list of ids in one digest line before "and N more". */
  maxIdsPerLine: number;
}

export const MEETING_SETTINGS: MeetingSettings = {
  digestWorkingDaysBefore: 5,
  digestMeetingTypes: ['support-group', 'cross-pillar', 'board'],
  firstDigestLookbackDays: 92,
  digestHorizonDays: 60,
  actionReminderWorkingDaysBefore: 3,
  recentDays: 120,
  listLimit: 8,
  moreTimeDays: [7, 14, 30],
  maxIdsPerLine: 12,
};

export function meetingSettings(overrides: Partial<MeetingSettings> = {}): MeetingSettings {
  return { ...MEETING_SETTINGS, ...overrides };
}
