import type { Actor } from '../../src/domain/actor';
import { KOSOVO_FOOTNOTE } from '../../src/domain/kosovo';
import type { RecordType } from '../../src/domain/permissions';
import { addPerson } from '../support/people';
import { CHANNEL, openMeetingCore, recordMeeting, type MeetingTestCore } from './meeting-harness';

const IDS = /\b(?:DU|NM)-\d{4}-[A-Z]{2}-\d{3}\b|\bRM-\d{4}-\d{3}\b/g;

describe('the digest before a scheduled meeting', () => {
  let t: MeetingTestCore;
  const people: Record<string, Actor> = {};
  const expected: string[] = [];

  async function submit(at: string, who: string, type: RecordType, data: Record<string, unknown>): Promise<string> {
    t.clock.set(at);
    return (await t.store.records.create(people[who]!, type, data))._id;
  }
  const update = (kind: string, country: string, title: string) => ({ kind, country, title, stage: 'adopted', summary: 'A short summary of the change.', themes: ['border-checks'] });
  const need = (country: string) => ({ country, title: 'Thermal cameras', needType: 'operational', perspective: 'prevention', theme: 'border-surveillance', description: 'Mobile thermal cameras.', justification: 'Old cameras fail at night.', beneficiaryInstitution: 'Border Police', priority: 'high', timeframe: 'short', status: 'proposed' });

  beforeAll(async () => {
    t = await openMeetingCore({ now: '2027-01-05T09:00:00Z' });
    for (const [key, orgCode] of [['rs', 'MOI-RS'], ['al', 'MOI-AL'], ['xk', 'MOI-XK'], ['giz', 'GIZ'], ['near', 'DG-NEAR']] as const)
      people[key] = await addPerson(t.store, { name: `Focal ${orgCode}`, email: `${key}@example.org`, orgCode });

    await submit('2027-01-10T10:00:00Z', 'rs', 'update', update('law', 'RS', 'Law on Border Control')); // before the previous meeting
    await recordMeeting(t, t.sec, {
      type: 'support-group',
      title: '12th WBBSi Support Group meeting',
      startsAt: '2027-02-17T09:00:00Z',
      venue: 'Sarajevo',
      actionItems: [{ text: 'Share the draft SOP', ownerOrg: 'MOI-RS', due: '2027-06-15' }],
    });
    expected.push(await submit('2027-03-03T10:00:00Z', 'al', 'update', update('law', 'AL', 'Law on Foreigners')));
    await recordMeeting(t, t.sec, { type: 'bilateral', title: 'AL–ME bilateral', startsAt: '2027-04-01T08:00:00Z', venue: 'Tirana' }); // not a digest meeting: does not restart the window
    expected.push(await submit('2027-04-20T10:00:00Z', 'rs', 'need', need('RS')));
    expected.push(await submit('2027-05-05T10:00:00Z', 'giz', 'response', { title: 'Border police training', providers: ['GIZ'], beneficiaries: ['RS', 'XK'], themes: ['training'], assistanceType: 'training', startDate: '2027-05-01', status: 'implementation' }));
    expected.push(await submit('2027-05-10T10:00:00Z', 'xk', 'update', update('strategy', 'XK', 'IBM Strategy 2027-2031')));
    expected.push(await submit('2027-05-10T11:00:00Z', 'rs', 'update', update('strategy', 'RS', 'IBM Strategy')));
    await t.store.checkins.nilReturn(people.near!, '2027-Q2');
    t.clock.set('2027-05-11T08:00:00Z');
    await recordMeeting(t, t.sec, { type: 'support-group', title: '13th WBBSi Support Group meeting', startsAt: '2027-05-19T08:00:00Z', venue: 'Podgorica' });
  });
  afterAll(() => t.close());

  const run = async (at: string) => {
    t.clock.set(at);
    return t.core.meetings.runJobs(new Date(at));
  };
  const digests = () => t.notifier.sent.filter((s) => s.message.text.startsWith('*Before the meeting'));

  it('is not sent before 10:00 five working days ahead', async () => {
    await run('2027-05-11T09:00:00Z');
    await run('2027-05-12T07:45:00Z'); // 09:45 in Sarajevo
    expect(digests()).toHaveLength(0);
  });

  it('is sent once at 10:00 local, even if the job runs twice', async () => {
    const first = await run('2027-05-12T08:00:00Z');
    expect(first.counts).toEqual({ sent: 1 });
    const again = await run('2027-05-12T08:00:00Z');
    await run('2027-05-13T08:00:00Z');
    expect(again.outcomes).toEqual([]);
    expect(digests()).toHaveLength(1);
    expect(digests()[0]!.to).toBe(`slack:${CHANNEL}`);
    expect((await t.store.deliveries.get(`meeting-digest|MT-2027-003|slack:${CHANNEL}`))?.status).toBe('sent');
  });

  it('lists exactly the submissions since the previous meeting, by country and kind', () => {
    const text = digests()[0]!.message.text;
    expect(text).toContain('*Before the meeting: 13th WBBSi Support Group meeting* (MT-2027-003) — 19 May 2027 at 10:00 CEST, Podgorica');
    expect(text).toContain('since the previous meeting (MT-2027-001, 17 February 2027)');
    expect([...text.matchAll(IDS)].map((m) => m[0]).sort()).toEqual([...expected].sort());
    expect(text).toContain('*Development updates (3)*\n• Albania: 1 × law (DU-2027-AL-001)\n• Kosovo*: 1 × strategy (DU-2027-XK-001)\n• Serbia: 1 × strategy (DU-2027-RS-002)');
    expect(text).toContain('*New needs (1)*\n• Serbia: 1 (1 high priority): NM-2027-RS-001');
    expect(text).toContain('*New responses (1)*\n• GIZ: 1 (RM-2027-001)');
    expect(text).not.toContain('Thermal cameras'); // the channel sees ids, not the content of others' records
  });

  it('names the organisations that have not reported this quarter, and the open action items', () => {
    const m = digests()[0]!.message;
    const line = /\*Not yet reported for 2027-Q2 \((\d+)\):\* (.*)/.exec(m.text)!;
    const names = line[2]!.split(', ');
    // Serbia, Kosovo* and GIZ reported in Q2 and DG NEAR sent "nothing new"; Albania reported in Q1 only.
    expect(Number(line[1])).toBe(15);
    expect(names).toHaveLength(15);
    expect(names).toContain('Albania MoI');
    for (const reported of ['Serbia MoI', 'Kosovo* MoI', 'GIZ', 'DG NEAR', 'IISG Secretariat']) expect(names).not.toContain(reported);
    expect(m.text).toContain('*Open action items (1)*\n• MT-2027-001/1 Share the draft SOP — *Serbia MoI*, due 15 June 2027 · _open_');
    expect(m.footnote).toBe(KOSOVO_FOOTNOTE);
  });
});
