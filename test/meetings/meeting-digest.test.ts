import type { Actor } from '../../src/domain/actor';
import type { RecordType } from '../../src/domain/permissions';
import { getForm } from '../../src/forms/registry';
import { SLACK_GROUP_CHANNEL, TEAMS_GROUP_CHANNEL, startNotifyApp, type NotifyApp } from '../support/notify-app';

const IDS = /\b(?:DU|NM)-\d{4}-[A-Z]{2}-\d{3}\b|\bRM-\d{4}-\d{3}\b/g;

/**
 * Through the real app, its Slack and Teams notifiers and the stand-ins: the digest reaches the
 * Support Group channel on Slack and on Teams, rendered as blocks and as a card.
 */
describe('the digest before a scheduled meeting', () => {
  let app: NotifyApp;
  let sec: Actor;
  const people: Record<string, Actor> = {};
  const expected: string[] = [];

  async function submit(at: string, who: string, type: RecordType, data: Record<string, unknown>): Promise<string> {
    app.clock.set(new Date(at));
    return (await app.app.core.store.records.create(people[who]!, type, data))._id;
  }
  async function recordMeeting(answers: Record<string, unknown>): Promise<void> {
    const res = await app.app.core.submissions.submit(sec, getForm('meeting')!, answers);
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
  }
  const update = (kind: string, country: string, title: string) => ({ kind, country, title, stage: 'adopted', summary: 'A short summary of the change.', themes: ['border-checks'] });
  const need = (country: string) => ({ country, title: 'Thermal cameras', needType: 'operational', perspective: 'prevention', theme: 'border-surveillance', description: 'Mobile thermal cameras.', justification: 'Old cameras fail at night.', beneficiaryInstitution: 'Border Police', priority: 'high', timeframe: 'short', status: 'proposed' });

  beforeAll(async () => {
    app = await startNotifyApp({ now: '2027-01-05T09:00:00Z' });
    sec = await app.person({ name: 'Sead Secretariat', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: 'U0SEAD' });
    for (const [key, orgCode] of [['rs', 'MOI-RS'], ['al', 'MOI-AL'], ['xk', 'MOI-XK'], ['giz', 'GIZ'], ['near', 'DG-NEAR']] as const)
      people[key] = await app.person({ name: `Focal ${orgCode}`, email: `${key}@example.org`, orgCode });

    await submit('2027-01-10T10:00:00Z', 'rs', 'update', update('law', 'RS', 'Law on Border Control')); // before the previous meeting
    await recordMeeting({
      type: 'support-group',
      title: '12th WBBSi Support Group meeting',
      startsAt: '2027-02-17T09:00:00Z',
      venue: 'Sarajevo',
      actionItems: [{ text: 'Share the draft SOP', ownerOrg: 'MOI-RS', due: '2027-06-15' }],
    });
    expected.push(await submit('2027-03-03T10:00:00Z', 'al', 'update', update('law', 'AL', 'Law on Foreigners')));
    await recordMeeting({ type: 'bilateral', title: 'AL–ME bilateral', startsAt: '2027-04-01T08:00:00Z', venue: 'Tirana' }); // not a digest meeting: does not restart the window
    expected.push(await submit('2027-04-20T10:00:00Z', 'rs', 'need', need('RS')));
    expected.push(await submit('2027-05-05T10:00:00Z', 'giz', 'response', { title: 'Border police training', providers: ['GIZ'], beneficiaries: ['RS', 'XK'], themes: ['training'], assistanceType: 'training', startDate: '2027-05-01', status: 'implementation' }));
    expected.push(await submit('2027-05-10T10:00:00Z', 'xk', 'update', update('strategy', 'XK', 'IBM Strategy 2027-2031')));
    expected.push(await submit('2027-05-10T11:00:00Z', 'rs', 'update', update('strategy', 'RS', 'IBM Strategy')));
    await app.app.core.store.checkins.nilReturn(people.near!, '2027-Q2');
    app.clock.set(new Date('2027-05-11T08:00:00Z'));
    await recordMeeting({ type: 'support-group', title: '13th WBBSi Support Group meeting', startsAt: '2027-05-19T08:00:00Z', venue: 'Podgorica' });
  });
  afterAll(() => app.stop());

  const run = (at: string) => app.tick(new Date(at), (x) => app.app.core.meetings.runJobs(x));
  const digests = () => app.log.all.filter((d) => /^\*{1,2}Before the meeting/.test(d.text));

  it('is not sent before 10:00 five working days ahead', async () => {
    await run('2027-05-11T09:00:00Z');
    await run('2027-05-12T07:45:00Z'); // 09:45 in Sarajevo
    expect(digests()).toHaveLength(0);
  });

  it('is sent once at 10:00 local, even if the job runs twice', async () => {
    const first = await run('2027-05-12T08:00:00Z');
    expect(first.counts).toEqual({ sent: 2 });
    const again = await run('2027-05-12T08:00:00Z');
    await run('2027-05-13T08:00:00Z');
    expect(again.outcomes).toEqual([]);
    expect(digests().map((d) => `${d.platform} ${d.conversation}`)).toEqual([`slack ${SLACK_GROUP_CHANNEL}`, `teams ${TEAMS_GROUP_CHANNEL}`]);
    for (const channel of [`slack:${SLACK_GROUP_CHANNEL}`, `teams:${TEAMS_GROUP_CHANNEL}`]) {
      expect((await app.app.core.store.deliveries.get(`meeting-digest|MT-2027-003|${channel}`))?.status).toBe('sent');
    }
  });

  it('lists exactly the submissions since the previous meeting, by country and kind, in Slack blocks and in the Teams card', () => {
    const [slack, teams] = digests();
    // The same content: Teams' card markdown bolds with **, and a blank line is spacing, not a line.
    expect(teams!.text.replace(/\*\*/g, '*')).toEqual(slack!.text.replace(/\n{2,}/g, '\n'));
    const text = slack!.text;
    expect(text).toContain('*Before the meeting: 13th WBBSi Support Group meeting* (MT-2027-003) — 19 May 2027 at 10:00 CEST, Podgorica');
    expect(text).toContain('since the previous meeting (MT-2027-001, 17 February 2027)');
    expect([...text.matchAll(IDS)].map((m) => m[0]).sort()).toEqual([...expected].sort());
    expect(text).toContain('*Development updates (3)*\n• Albania: 1 × law (DU-2027-AL-001)\n• Kosovo*: 1 × strategy (DU-2027-XK-001)\n• Serbia: 1 × strategy (DU-2027-RS-002)');
    expect(text).toContain('*New needs (1)*\n• Serbia: 1 (1 high priority): NM-2027-RS-001');
    expect(text).toContain('*New responses (1)*\n• GIZ: 1 (RM-2027-001)');
    expect(text).not.toContain('Thermal cameras'); // the channel sees ids, not the content of others' records
  });

  it('names the organisations that have not reported this quarter, and the open action items', () => {
    const m = digests()[0]!;
    const line = /\*Not yet reported for 2027-Q2 \((\d+)\):\* (.*)/.exec(m.text)!;
    const names = line[2]!.split(', ');
    // Serbia, Kosovo* and GIZ reported in Q2 and DG NEAR sent "nothing new"; Albania reported in Q1 only.
    expect(Number(line[1])).toBe(15);
    expect(names).toHaveLength(15);
    expect(names).toContain('Albania MoI');
    for (const reported of ['Serbia MoI', 'Kosovo* MoI', 'GIZ', 'DG NEAR', 'IISG Secretariat']) expect(names).not.toContain(reported);
    expect(m.text).toContain('*Open action items (1)*\n• MT-2027-001/1 Share the draft SOP — *Serbia MoI*, due 15 June 2027 · _open_');
    expect(m.text.endsWith('* This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.')).toBe(true);
  });
});
