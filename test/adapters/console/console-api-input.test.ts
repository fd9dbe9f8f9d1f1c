import { SYSTEM_ACTOR, type Actor } from '../../../src/domain/actor';
import { KOSOVO_FOOTNOTE } from '../../../src/domain/kosovo';
import { addPerson } from '../../support/people';
import { startTestApp, type TestApp } from '../../support/test-app';
import { consoleClient, question, type ConsoleClient } from './console-client';

interface Counts {
  people: number;
  drafts: number;
  records: number;
}

describe('the console API at its edges: bad input, trial people, the inbox, the page', () => {
  let t: TestApp;
  let c: ConsoleClient;
  let ana: Actor;
  const counts = async (): Promise<Counts> => {
    const m = t.app.core.store.ctx.models;
    return { people: await m.people.countDocuments({}), drafts: await m.drafts.countDocuments({}), records: await m.records.countDocuments({}) };
  };
  beforeAll(async () => {
    t = await startTestApp();
    c = consoleClient(t.url);
    ana = await addPerson(t.app.core.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
  });
  afterAll(() => t.stop());

  it('refuses bad bodies with 4xx and stores nothing', async () => {
    const before = await counts();
    const cases: [string, string, unknown, Record<string, string>?][] = [
      ['POST', '/message', '{"personId": "broken'],
      ['POST', '/message', JSON.stringify({ personId: ana.personId, text: 'need' }), { 'content-type': 'text/plain' }],
      ['POST', '/message', { personId: { $gt: '' }, text: 'need' }],
      ['POST', '/message', { personId: ana.personId }], // neither text nor action
      ['POST', '/message', { personId: ana.personId, text: 'need', action: { id: 'form.start', value: 'need' } }],
      ['POST', '/message', { personId: ana.personId, action: { id: { $ne: null } } }],
      ['POST', '/message', { personId: ana.personId, text: 'need', mode: 'modal' }],
      ['POST', '/message', [{ personId: ana.personId, text: 'need' }]],
      ['POST', '/form', { personId: ana.personId, draftId: { $gt: '' }, values: {} }],
      ['POST', '/form', { personId: ana.personId, draftId: 'x', values: { $where: 'sleep(1000)' } }],
      ['POST', '/form', { personId: ana.personId, draftId: 'x', values: { title: { $gt: '' } } }],
      ['POST', '/form/close', { personId: ana.personId, draftId: 'x', values: 'all' }],
      ['POST', '/people', { name: 'Eve', orgCode: { $ne: null } }],
      ['POST', '/people', { name: 'Eve', orgCode: 'NOPE' }],
      ['POST', '/people', { name: 'Eve', orgCode: 'MOI-RS', role: 'admin' }],
      ['POST', '/people', { name: '', orgCode: 'MOI-RS' }],
      ['GET', `/records?personId[$gt]=`, undefined],
      ['GET', `/inbox?personId=${ana.personId}&after=-1`, undefined],
    ];
    for (const [method, path, body, headers] of cases) {
      const r = await c.send<{ ok: boolean }>(method, path, body, headers);
      expect({ path, body, status: r.status }).toEqual({ path, body, status: 400 });
      expect(r.body.ok).toBe(false);
    }
    const big = await c.send('POST', '/message', { personId: ana.personId, text: 'x'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for people who are not in the roster (and stores nothing for them)', async () => {
    const before = await counts();
    for (const r of [
      await c.send('POST', '/message', { personId: 'nobody', text: 'need' }),
      await c.send('POST', '/form', { personId: 'nobody', draftId: 'x', values: {} }),
      await c.send('GET', '/records?personId=nobody'),
      await c.send('GET', '/inbox?personId=nobody'),
    ]) expect(r.status).toBe(404);
    const unknownDraft = await c.send('POST', '/form', { personId: ana.personId, draftId: 'no-such-draft', values: {} });
    expect(unknownDraft.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('adds a trial person for an organisation and role, as the system, and lists them', async () => {
    const r = await c.send<{ person: { id: string; name: string; orgName: string; roleLabel: string } }>('POST', '/people', { name: 'Trial Tester', orgCode: 'MOI-XK', role: 'member' });
    expect(r.status).toBe(201);
    expect(r.body.person).toMatchObject({ name: 'Trial Tester', orgName: 'Kosovo* MoI', roleLabel: 'Support Group member' });
    const audit = await t.app.core.store.audit.history(SYSTEM_ACTOR, 'person', r.body.person.id);
    expect(audit[0]).toMatchObject({ action: 'create', actorId: SYSTEM_ACTOR.personId });
    const list = await c.get<{ people: { id: string }[]; organisations: { code: string }[]; roles: { code: string }[]; footnote?: string }>('/people');
    expect(list.body.people.map((p) => p.id)).toEqual(expect.arrayContaining([ana.personId, r.body.person.id]));
    expect(list.body.organisations).toHaveLength(20);
    expect(list.body.roles.map((x) => x.code)).toEqual(['secretariat', 'member', 'board', 'observer']);
    expect(list.body.footnote).toBe(KOSOVO_FOOTNOTE);
    const hello = await c.say(r.body.person.id, 'need'); // a Kosovo* partner may send needs
    expect(question(hello).field).toBe('title');
    await c.say(r.body.person.id, 'cancel');
  });

  it('keeps proactive messages in the person\'s inbox, finalised, newest after "after"', async () => {
    const to = { kind: 'person' as const, personId: ana.personId, slackId: 'UANA' }; // no Slack configured: the console reaches her
    const sent = await t.app.core.notifier.send(to, { text: 'Reminder: the report on Kosovo is due on *15 January*.' });
    expect(sent.platform).toBe('console');
    let inbox = await c.get<{ messages: { id: string; seq: number; message: { text: string; footnote?: string } }[]; last: number }>(`/inbox?personId=${ana.personId}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.messages).toHaveLength(1);
    expect(inbox.body.messages[0]!.message).toEqual({ text: 'Reminder: the report on Kosovo* is due on *15 January*.', footnote: KOSOVO_FOOTNOTE });
    await t.app.core.notifier.update(sent, { text: 'Reminder (updated): due on *20 January*.' });
    inbox = await c.get(`/inbox?personId=${ana.personId}&after=${inbox.body.last}`);
    expect(inbox.body.messages.map((m) => [m.id, m.message.text])).toEqual([[sent.ref, 'Reminder (updated): due on *20 January*.']]);
    inbox = await c.get(`/inbox?personId=${ana.personId}&after=${inbox.body.last}`);
    expect(inbox.body.messages).toEqual([]);
    await expect(t.app.core.notifier.send({ kind: 'channel', platform: 'slack', channel: 'C1' }, { text: 'x' })).rejects.toThrow(/no slack notifier/);
  });

  it('serves the page with its banner, a strict content security policy, and its scripts', async () => {
    const page = await fetch(`${t.url}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).toMatch(/Trial console — not for production data/);
    expect(html).toMatch(/WBBSi/);
    const js = await fetch(`${t.url}/console/js/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${t.url}/console/api/nothing-here`)).status).toBe(404);
  });

  it('is not mounted when disabled', async () => {
    const off = await startTestApp({ env: { CONSOLE_ENABLED: 'false' } });
    try {
      expect((await fetch(`${off.url}/console`)).status).toBe(404);
      expect((await fetch(`${off.url}/console/api/people`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});
