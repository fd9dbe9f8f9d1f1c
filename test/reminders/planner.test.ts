import type { OrganisationDoc } from '../../src/db/models/organisation.model';
import type { PersonDoc } from '../../src/db/models/person.model';
import { createCalendar } from '../../src/calendar/reporting-calendar';
import { planNudges, type PlanningInput } from '../../src/reminders/planner';

/** The planner is pure: plain documents in, decisions (with reasons) out. */
const t0 = new Date('2026-11-01T00:00:00Z');
const cal = createCalendar({ holidays: [], timezone: 'Europe/Sarajevo' });
const org = (code: string, over: Partial<OrganisationDoc> = {}): OrganisationDoc => ({
  _id: code, name: code, shortName: code, type: 'wb-partner', pillar: 'WBBSi', reporting: true, active: true, createdAt: t0, updatedAt: t0, ...over,
});
const person = (id: string, orgCode: string, over: Partial<PersonDoc> = {}): PersonDoc => ({
  _id: id, name: `${id} Surname`, email: `${id}@example.org`, orgCode, role: 'member', active: true, createdAt: t0, updatedAt: t0, ...over,
});
const input = (over: Partial<PlanningInput>): PlanningInput => ({
  calendar: cal, timezone: 'Europe/Sarajevo', organisations: [org('A')], people: [], checkins: [], snoozes: [], channels: [], ...over,
});
const plan = (iso: string, inp: PlanningInput) => planNudges(new Date(iso), inp);
const keys = (iso: string, inp: PlanningInput) => plan(iso, inp).items.map((i) => i.key);

const OPENING = '2026-12-01T09:00:00Z';
const TWO_WEEKS = '2026-12-17T09:00:00Z';
const ESCALATION = '2027-01-18T09:00:00Z';

describe('planNudges', () => {
  it('chases members of reporting organisations only (not observers, the Board, the inactive, the Secretariat)', () => {
    const inp = input({
      organisations: [org('A'), org('IISG-SEC', { type: 'secretariat', reporting: false }), org('NR', { reporting: false }), org('OLD', { active: false })],
      people: [
        person('f', 'A'),
        person('obs', 'A', { role: 'observer' }),
        person('brd', 'A', { role: 'board' }),
        person('gone', 'A', { active: false }),
        person('sec', 'IISG-SEC', { role: 'secretariat' }),
        person('nr', 'NR'),
        person('old', 'OLD'),
      ],
    });
    expect(keys(OPENING, inp)).toEqual(['nudge|A|2026-Q4|opening|f']);
    expect(plan(OPENING, inp).items[0]!.reason).toBe('A has not reported for 2026-Q4; reminder 1 of 4 (opening) due 2026-12-01 10:00 Europe/Sarajevo; focal point');
  });

  it('deputies get reminders from the second on, and stand in for an absent focal point', () => {
    const team = [person('f', 'A'), person('d', 'A', { deputyOf: 'f' })];
    expect(keys(OPENING, input({ people: team }))).toEqual(['nudge|A|2026-Q4|opening|f']);
    expect(keys(TWO_WEEKS, input({ people: team }))).toEqual(['nudge|A|2026-Q4|two-weeks|d', 'nudge|A|2026-Q4|two-weeks|f']);

    const away = [person('f', 'A', { awayUntil: '2026-12-01' }), person('d', 'A', { deputyOf: 'f' })];
    const p = plan(OPENING, input({ people: away }));
    expect(p.items.map((i) => [i.key, i.deputyFor?._id])).toEqual([['nudge|A|2026-Q4|opening|d', 'f']]);
    expect(p.notes.map((n) => n.text)).toContain('f Surname: away until 2026-12-01, the deputy stands in');
    // Back on the 2nd of December: not away on the date of the second reminder.
    expect(keys(TWO_WEEKS, input({ people: away }))).toEqual(['nudge|A|2026-Q4|two-weeks|d', 'nudge|A|2026-Q4|two-weeks|f']);

    const alone = plan(OPENING, input({ people: [person('f', 'A', { awayUntil: '2026-12-31' })] }));
    expect(alone.items.map((i) => i.key)).toEqual(['nudge|A|2026-Q4|opening|f']);
    expect(alone.items[0]!.reason).toContain('no deputy on the roster');
  });

  it('after the deadline: a last note to deputies (the focal point when there is none) and one digest per Secretariat person and channel', () => {
    const inp = input({
      organisations: [org('A'), org('B'), org('C'), org('IISG-SEC', { type: 'secretariat', reporting: false })],
      people: [person('f', 'A'), person('d', 'A', { deputyOf: 'f' }), person('solo', 'B'), person('c', 'C'), person('sec', 'IISG-SEC', { role: 'secretariat' })],
      checkins: [{ _id: 'C|2026-Q4', orgCode: 'C', quarter: '2026-Q4', state: 'nil-return', firstAt: t0, lastAt: t0, by: 'c' }],
      channels: [{ platform: 'slack', channel: '#status' }],
    });
    const p = plan(ESCALATION, inp);
    expect(p.items.map((i) => `${i.kind} ${i.key}`)).toEqual([
      'digest digest|2026-Q4|escalation|person|sec',
      'digest digest|2026-Q4|escalation|slack|#status',
      'last-note nudge|A|2026-Q4|escalation|d',
      'last-note nudge|B|2026-Q4|escalation|solo',
    ]);
    expect(p.notes.map((n) => n.text)).toContain('C: nil-return for 2026-Q4, no reminders');
  });

  it('a snooze holds that person’s next reminder until it ends, and only theirs', () => {
    const team = [person('f', 'A'), person('d', 'A', { deputyOf: 'f' })];
    const snoozes = [{ _id: 'f|2026-Q4', personId: 'f', orgCode: 'A', quarter: '2026-Q4', snoozedAt: new Date('2026-12-15T15:00:00Z'), until: new Date('2026-12-18T09:00:00Z'), updatedAt: t0 }];
    const held = plan(TWO_WEEKS, input({ people: team, snoozes }));
    expect(held.items.map((i) => i.key)).toEqual(['nudge|A|2026-Q4|two-weeks|d']);
    expect(held.notes.map((n) => n.text)).toContain('f Surname: snoozed until 2026-12-18 10:00 Europe/Sarajevo');
    const released = plan('2026-12-18T09:00:00Z', input({ people: team, snoozes }));
    expect(released.items.map((i) => [i.key, i.dueAt.toISOString()])).toEqual([
      ['nudge|A|2026-Q4|two-weeks|d', '2026-12-17T09:00:00.000Z'],
      ['nudge|A|2026-Q4|two-weeks|f', '2026-12-18T09:00:00.000Z'],
    ]);
  });

  it('a reminder snoozed after it arrived comes back once, under its own key', () => {
    const snoozes = [{ _id: 'f|2026-Q4', personId: 'f', orgCode: 'A', quarter: '2026-Q4', snoozedAt: new Date('2026-12-01T10:00:00Z'), until: new Date('2026-12-04T09:00:00Z'), updatedAt: t0 }];
    const inp = input({ people: [person('f', 'A')], snoozes });
    expect(keys('2026-12-03T09:00:00Z', inp)).toEqual([]);
    expect(keys('2026-12-04T09:00:00Z', inp)).toEqual(['nudge|A|2026-Q4|opening~snooze-2026-12-04|f']);
  });

  it('uses each person’s own timezone, and after downtime only the current step', () => {
    const inp = input({ people: [person('ny', 'A', { timezone: 'America/New_York' }), person('bad', 'A', { timezone: 'Mars/Olympus' })] });
    expect(keys(OPENING, inp)).toEqual(['nudge|A|2026-Q4|opening|bad']); // unknown zone: the default
    expect(keys('2026-12-01T15:00:00Z', inp)).toEqual(['nudge|A|2026-Q4|opening|bad', 'nudge|A|2026-Q4|opening|ny']);
    expect(keys('2027-01-12T16:00:00Z', inp)).toEqual(['nudge|A|2026-Q4|final-call|bad', 'nudge|A|2026-Q4|final-call|ny']);
  });
});
