import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { importRosterText, RosterInvalidError } from '../../src/roster/roster.service';
import { BotConnectorStandin } from '../support/bot-connector-standin';
import { TeamsKit, personalConversation, textOf, type TeamsPerson } from '../support/teams-kit';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Finding 8: Azure AD object ids are case-insensitive. A roster typed in capitals recognises the
 * lower-case ids Teams sends, and the other way round; the person's stored Teams address is found
 * whatever the case of the id it was stored or asked with.
 */
const DRAGAN = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';
const MARIJA = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const roster = `people:
  - name: Dragan Upper
    email: dragan@mup.gov.me
    organisation: MOI-ME
    role: member
    teams: ${DRAGAN}
  - name: Marija Lower
    email: marija@mvr.gov.mk
    organisation: MOI-MK
    role: member
    teams: ${MARIJA}
`;

describe('Teams ids match in any case', () => {
  let t: TestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;

  beforeAll(async () => {
    standin = await new BotConnectorStandin().start();
    t = await startTestApp({ env: { TEAMS_LOCAL_MODE: 'true', CONSOLE_ENABLED: 'false' } });
    kit = new TeamsKit(t.url, standin);
    await importRosterText(t.app.core.store, SYSTEM_ACTOR, roster, 'roster.yaml');
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
  });

  it('recognises an id imported in upper case from the lower-case id Teams sends', async () => {
    const dragan: TeamsPerson = { aad: DRAGAN.toLowerCase(), name: 'Dragan' };
    const text = textOf(await kit.say(dragan, 'help'));
    expect(text).toMatch(/Hello Dragan/);
    expect(text).not.toMatch(/I do not know you yet/);
  });

  it('recognises an id imported in lower case from an upper-case id, and reaches the person later', async () => {
    const marija: TeamsPerson = { aad: MARIJA.toUpperCase(), name: 'Marija' };
    expect(textOf(await kit.say(marija, 'help'))).toMatch(/Hello Marija/);
    // Her 1:1 chat was remembered under the id in whatever case it came: a reminder finds it.
    const person = (await t.app.core.store.people.byEmail('marija@mvr.gov.mk'))!;
    expect(person.teamsId).toBe(MARIJA);
    const before = standin.calls.length;
    await t.app.core.notifier.send({ kind: 'person', personId: person._id }, { text: 'Reminder: your 2026-Q4 report is due.' });
    const calls = standin.calls.slice(before);
    expect(calls.map((c) => c.conversationId)).toEqual([personalConversation(MARIJA.toUpperCase())]); // her chat: no new one opened
  });

  it('still recognises a person stored in capitals before ids were kept in lower case', async () => {
    const models = t.app.core.store.ctx.models;
    const legacy = '9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D';
    await t.app.core.store.people.upsert(SYSTEM_ACTOR, { name: 'Lejla Legacy', email: 'lejla@msb.gov.ba', orgCode: 'MOS-BA', role: 'member' });
    await models.people.updateOne({ email: 'lejla@msb.gov.ba' }, { $set: { teamsId: legacy } }); // as an earlier version stored it
    expect(textOf(await kit.say({ aad: legacy.toLowerCase(), name: 'Lejla' }, 'help'))).toMatch(/Hello Lejla/);
  });

  it('refuses the same id, in another case, for a second person', async () => {
    const clash = `people:\n  - name: Someone Else\n    email: else@example.org\n    organisation: MOI-AL\n    role: member\n    teams: ${DRAGAN.toLowerCase()}\n`;
    await expect(importRosterText(t.app.core.store, SYSTEM_ACTOR, clash, 'clash.yaml')).rejects.toBeInstanceOf(RosterInvalidError);
  });
});
