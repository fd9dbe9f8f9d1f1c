import { addPerson } from '../../support/people';
import { type TeamsKit, textOf, type Json, type TeamsPerson } from '../../support/teams-kit';
import { startTeamsTestApp, type TeamsTestApp } from '../../support/teams-test-app';

describe('Teams: malformed activities get a 4xx and the server keeps serving', () => {
  let t: TeamsTestApp;
  let kit: TeamsKit;
  const ana: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };
  const valid = () => kit.activity('personal-message', ana, { text: 'help' });
  const without = (key: string): Json => {
    const a = valid();
    delete a[key];
    return a;
  };

  beforeAll(async () => {
    t = await startTeamsTestApp({ env: { MAX_BODY_BYTES: '65536' } });
    ({ kit } = t);
    await addPerson(t.app.core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
  });
  afterAll(async () => {
    await t.stop();
  });

  // Four entries each: jest would take a missing fourth argument for a `done` callback.
  const cases: [string, () => Json | string, number, RegExp | undefined][] = [
    ['truncated JSON', () => JSON.stringify(valid()).slice(0, 120), 400, undefined],
    ['a JSON array', () => '[1,2,3]', 400, /body/],
    ['no type', () => without('type'), 400, /type/],
    ['no conversation', () => without('conversation'), 400, /conversation/],
    ['no from', () => without('from'), 400, /from/],
    ['no serviceUrl', () => without('serviceUrl'), 400, /serviceUrl/],
    ['a serviceUrl that is not http(s)', () => ({ ...valid(), serviceUrl: 'file:///etc/passwd' }), 400, /serviceUrl/],
    ['a javascript: serviceUrl', () => ({ ...valid(), serviceUrl: 'javascript:alert(1)' }), 400, /serviceUrl/],
    ['from.id a number', () => ({ ...valid(), from: { id: 42, aadObjectId: ana.aad } }), 400, /from\.id/],
    ['text an object', () => ({ ...valid(), text: { evil: true } }), 400, /text/],
    ['value null on a message', () => ({ ...valid(), text: undefined, value: null }), 400, /value/],
    ['value an array on a message', () => ({ ...valid(), text: undefined, value: [1] }), 400, /value/],
    ['entities not an array', () => ({ ...valid(), entities: 'mention' }), 400, /entities/],
    ['an entity without type', () => ({ ...valid(), entities: [{ text: 'x' }] }), 400, /entities/],
    ['a mention without mentioned', () => ({ ...valid(), entities: [{ type: 'mention', text: '<at>Bot</at>' }] }), 400, /entities/],
    ['the bot mentioned but no text', () => ({ ...valid(), text: undefined, entities: [{ type: 'mention', text: '<at>Bot</at>', mentioned: { id: (valid().recipient as Json).id } }] }), 400, /text/],
    ['membersAdded of strings', () => ({ ...valid(), type: 'conversationUpdate', membersAdded: ['x'] }), 400, /membersAdded/],
    ['a conversation id of 5000 characters', () => ({ ...valid(), conversation: { id: 'a'.repeat(5000) } }), 400, /conversation/],
  ];

  it.each(cases)('%s → 4xx', async (_name, body, status, problem) => {
    const res = await kit.post(body());
    expect(res.status).toBe(status);
    expect(res.calls).toHaveLength(0);
    if (problem) expect((JSON.parse(res.text) as { problems: string[] }).problems.join('; ')).toMatch(problem);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await kit.post({ ...valid(), text: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await kit.post('type=message', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(400);
  });

  it('ignores activity types it does not handle, with 200', async () => {
    const res = await kit.post({ ...valid(), type: 'typing', text: undefined });
    expect(res.status).toBe(200);
    expect(res.calls).toHaveLength(0);
  });

  it('still answers properly after all of that', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const calls = await kit.say(ana, 'help');
    expect(textOf(calls)).toMatch(/What would you like to do\?/);
  });
});
