import { addPerson } from '../../support/people';
import { startTestApp, type TestApp } from '../../support/test-app';
import { consoleClient, type ConsoleClient } from './console-client';

interface PeopleAnswer {
  people: { id: string; name: string; orgName: string }[];
  organisations: { code: string; name: string; type: string; typeLabel: string }[];
  demoPeople: { key: string; name: string; orgName: string; kind: string }[];
}

/** The console's roster API: demo people on an empty roster, organisations by type then name. */
describe('the console roster API', () => {
  let t: TestApp;
  let c: ConsoleClient;
  beforeAll(async () => {
    t = await startTestApp();
    c = consoleClient(t.url);
  });
  afterAll(() => t.stop());

  it('on an empty roster offers a partner, a donor and the Secretariat; the same click gives the same person', async () => {
    const empty = await c.get<PeopleAnswer>('/people');
    expect(empty.body.demoPeople.map((d) => [d.kind, d.name, d.orgName])).toEqual([
      ['Western Balkan partner', 'Ana Petrović', 'Serbia MoI'],
      ['Donor', 'Markus Huber', 'Austria MoI'],
      ['IISG Secretariat', 'Lejla Hadžić', 'IISG Secretariat'],
    ]);
    const first = await c.send<{ person: { id: string; roleLabel: string } }>('POST', '/people/demo', { key: 'secretariat' });
    const again = await c.send<{ person: { id: string } }>('POST', '/people/demo', { key: 'secretariat' });
    expect(first.status).toBe(201);
    expect(again.body.person.id).toBe(first.body.person.id);
    expect(first.body.person.roleLabel).toBe('IISG Secretariat');
    expect((await t.app.core.store.people.actorById(first.body.person.id))).toMatchObject({ role: 'secretariat', orgCode: 'IISG-SEC' });
    expect((await c.get<PeopleAnswer>('/people')).body.demoPeople).toHaveLength(3); // still only demo people: still offered

    expect((await c.send('POST', '/people/demo', { key: 'admin' })).status).toBe(400);
    expect((await c.send('POST', '/people/demo', { key: { $gt: '' } })).status).toBe(400);
  });

  it('stops offering them once the roster has people of its own', async () => {
    await addPerson(t.app.core.store, { name: 'Vesna Jovanović', email: 'vesna@mup.gov.rs', orgCode: 'MOI-RS' });
    expect((await c.get<PeopleAnswer>('/people')).body.demoPeople).toEqual([]);
  });

  it('lists organisations by type (partners first, the Secretariat last), then by name, never by code', async () => {
    const { organisations, people } = (await c.get<PeopleAnswer>('/people')).body;
    expect(organisations.map((o) => o.name)).toEqual([
      'Albania MoI', 'Bosnia and Herzegovina MoS', 'Kosovo* MoI', 'Montenegro MoI', 'North Macedonia MoI', 'Serbia MoI',
      'DG NEAR', 'EU JHA agencies',
      'Austria MoI', 'France RSC', 'Italy MoI', 'Slovenia MoI', 'United Kingdom RSC',
      'DCAF', 'OSCE Mission to BiH', 'UNODC',
      'PCC SEE', 'RCC',
      'GIZ',
      'IISG Secretariat',
    ]);
    expect(organisations[0]).toMatchObject({ code: 'MOI-AL', typeLabel: 'Western Balkan partner' });
    expect(people.map((p) => p.name)).toEqual(['Vesna Jovanović', 'Lejla Hadžić']); // a partner before the Secretariat
  });
});
