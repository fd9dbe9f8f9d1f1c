import type { ActionItem, MeetingDoc } from '../../src/db/models/meeting.model';
import type { PersonDoc } from '../../src/db/models/person.model';
import { mergeActionItems } from '../../src/db/repositories/meetings.repository';
import { planActionReminders, reminderDates } from '../../src/meetings/action-items';
import { MEETING_SETTINGS } from '../../src/meetings/meeting-settings';
import { createCalendar } from '../../src/calendar/reporting-calendar';

const NOW = new Date('2027-02-01T09:00:00Z');
const item = (n: number, text: string, extra: Partial<ActionItem> = {}): ActionItem => ({ _id: `MT-2027-001/${n}`, text, ownerOrg: 'MOI-RS', due: '2027-02-15', status: 'open', comments: [], ...extra });

describe('action items after an edit of the meeting form', () => {
  const before = [item(1, 'Share the draft SOP', { status: 'done', closedAt: NOW }), item(2, 'Circulate the template'), item(3, 'Old idea', { status: 'dropped', closedAt: NOW })];

  it('keeps id, status and comments of an unchanged text; new texts get the next number; removed ones are dropped', () => {
    const after = mergeActionItems('MT-2027-001', before, [
      { text: '  share the draft  SOP ', ownerOrg: 'MOI-AL', due: '2027-03-01' },
      { text: 'Translate the SOP', ownerOrg: 'MOI-XK', due: '2027-03-15' },
    ], NOW);
    expect(after.map((i) => [i._id, i.text, i.ownerOrg, i.due, i.status])).toEqual([
      ['MT-2027-001/1', '  share the draft  SOP ', 'MOI-AL', '2027-03-01', 'done'],
      ['MT-2027-001/4', 'Translate the SOP', 'MOI-XK', '2027-03-15', 'open'],
      ['MT-2027-001/2', 'Circulate the template', 'MOI-RS', '2027-02-15', 'dropped'],
      ['MT-2027-001/3', 'Old idea', 'MOI-RS', '2027-02-15', 'dropped'],
    ]);
  });

  it('an item put back in the form is open again, with its old id', () => {
    const after = mergeActionItems('MT-2027-001', before, [{ text: 'Old idea', ownerOrg: 'MOI-RS', due: '2027-04-01' }], NOW);
    expect(after[0]).toEqual({ _id: 'MT-2027-001/3', text: 'Old idea', ownerOrg: 'MOI-RS', due: '2027-04-01', status: 'open', comments: [] });
  });
});

describe('who is reminded of an action item, and when', () => {
  const cal = createCalendar({ holidays: ['2027-02-12'], timezone: 'Europe/Sarajevo' });
  const person = (id: string, extra: Partial<PersonDoc> = {}): PersonDoc =>
    ({ _id: id, name: id, email: `${id}@example.org`, orgCode: 'MOI-RS', role: 'member', active: true, createdAt: NOW, updatedAt: NOW, ...extra }) as PersonDoc;
  const meeting = (items: ActionItem[], startsAt = '2027-01-20T09:00:00Z') => ({ _id: 'MT-2027-001', startsAt: new Date(startsAt), actionItems: items, data: {} }) as unknown as MeetingDoc;
  const plan = (asOf: string, people: PersonDoc[], meetings: MeetingDoc[]) =>
    planActionReminders(new Date(asOf), { meetings, people, calendar: cal, timezone: 'Europe/Sarajevo', settings: MEETING_SETTINGS }).map((p) => p.key);

  it('counts working days (holidays skipped); a due date on a weekend is announced the Friday before', () => {
    expect(reminderDates('2027-02-15', cal, MEETING_SETTINGS)).toEqual({ before: '2027-02-09', on: '2027-02-15' }); // 12 Feb is a holiday
    expect(reminderDates('2027-02-20', cal, MEETING_SETTINGS)).toEqual({ before: '2027-02-17', on: '2027-02-19' });
  });

  it('the deputy stands in while the focal point is away; observers are never chased', () => {
    const people = [person('ana', { awayUntil: '2027-02-20' }), person('bojan', { deputyOf: 'ana' }), person('olga', { role: 'observer' })];
    expect(plan('2027-02-09T09:00:00Z', people, [meeting([item(1, 'Share the draft SOP')])])).toEqual(['action-reminder|MT-2027-001/1|before|2027-02-15|bojan']);
  });

  it('nothing before the meeting has started, nothing for a closed item, nothing after the due day', () => {
    const people = [person('ana')];
    expect(plan('2027-02-09T09:00:00Z', people, [meeting([item(1, 'Share')], '2027-02-20T09:00:00Z')])).toEqual([]);
    expect(plan('2027-02-09T09:00:00Z', people, [meeting([item(1, 'Share', { status: 'done' })])])).toEqual([]);
    expect(plan('2027-02-15T22:59:00Z', people, [meeting([item(1, 'Share')])])).toEqual(['action-reminder|MT-2027-001/1|on|2027-02-15|ana']);
    expect(plan('2027-02-15T23:00:00Z', people, [meeting([item(1, 'Share')])])).toEqual([]); // midnight in Sarajevo
  });
});
