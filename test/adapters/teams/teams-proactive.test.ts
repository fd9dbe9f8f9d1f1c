import type { Actor } from '../../../src/domain/actor';
import { DeliveryError, type Recipient } from '../../../src/notify/notifier';
import { SHORTENED_NOTE } from '../../../adapters/teams/render/card-size';
import type { BotConnectorStandin } from '../../support/bot-connector-standin';
import { addPerson } from '../../support/people';
import { type TeamsKit, cardOf, personalConversation, textOf, type TeamsPerson } from '../../support/teams-kit';
import { startTeamsTestApp, type TeamsTestApp } from '../../support/teams-test-app';

const TEAM = '19:0a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';

describe('Teams: proactive messages through the notifier', () => {
  let t: TeamsTestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;
  let anaActor: Actor;
  const ana: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };
  const anaTo = (): Recipient => ({ kind: 'person', personId: anaActor.personId, teamsId: ana.aad });

  beforeAll(async () => {
    t = await startTeamsTestApp();
    ({ connector: standin, kit } = t);
    anaActor = await addPerson(t.app.core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
  });
  afterAll(() => t.stop());

  it('reaches a person after their first message, and can update what it sent', async () => {
    const notifier = t.app.core.notifier;
    const address = () => t.app.core.store.addresses.get('teams', 'person', ana.aad);
    expect(await address()).toBeNull();
    await kit.say(ana, 'hello');
    expect(await address()).toMatchObject({ ref: { serviceUrl: standin.url, conversation: { id: personalConversation(ana.aad) } } });

    const before = standin.calls.length;
    const sent = await notifier.send(anaTo(), { text: 'Reminder: *2026-Q4* report for Kosovo and Serbia partners is due.' });
    expect(sent).toMatchObject({ platform: 'teams', channel: `person:${ana.aad}`, ref: expect.stringMatching(/^1:standin-/) });
    const [call] = standin.calls.slice(before);
    expect(call!.conversationId).toBe(personalConversation(ana.aad));
    expect(textOf(call!)).toMatch(/Reminder: \*\*2026-Q4\*\*/);
    expect(textOf(call!)).toMatch(/Kosovo\*/); // finalised by the CompositeNotifier: designation and footnote
    expect(textOf(call!)).toMatch(/UNSCR 1244/);

    await notifier.update(sent, { text: 'Reminder (updated): thank you, your report arrived.' });
    const [update] = standin.accepted((c) => c.kind === 'update' && c.activityId === sent.ref);
    expect(update!.conversationId).toBe(personalConversation(ana.aad));
    expect(textOf(update!)).toMatch(/updated/);
  });

  it('posts to a team channel it was added to', async () => {
    const seadAad = '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d';
    await kit.post(kit.activity('conversation-update-team-added', { aad: seadAad, name: 'Sead' }));
    const to: Recipient = { kind: 'channel', platform: 'teams', channel: TEAM };
    const sent = await t.app.core.notifier.send(to, { text: 'Meeting summary: Support Group, 1 December 2026.' });
    expect(sent.channel).toBe(`channel:${TEAM}`);
    expect(textOf(standin.to(TEAM).at(-1)!)).toMatch(/Meeting summary/);
  });

  it('opens a 1:1 chat for a person it has not met, in the tenant of a team it is in', async () => {
    const goran: TeamsPerson = { aad: '3d5f7a9b-2c4e-4f6a-8b0c-2d4e6f8a0b1c', name: 'Goran' };
    const goranActor = await addPerson(t.app.core.store, { name: 'Goran', email: 'goran@mvr.gov.mk', orgCode: 'MOI-MK', teamsId: goran.aad });
    const to: Recipient = { kind: 'person', personId: goranActor.personId }; // no teamsId: looked up
    expect(await t.app.core.notifier.canReach(to)).toBe(true);
    await t.app.core.notifier.send(to, { text: 'Hello Goran, the quarterly report is open.' });
    const [create] = standin.accepted((c) => c.kind === 'create');
    expect(create!.body).toMatchObject({ isGroup: false, members: [{ id: goran.aad }], tenantId: '4b9a1f2e-7c3d-4e5f-8a9b-0c1d2e3f4a5b' });
    expect(textOf(standin.to(create!.id!))).toMatch(/Hello Goran/);
    // The new chat is remembered: the next message goes straight to it.
    expect(await t.app.core.store.addresses.get('teams', 'person', goran.aad)).toMatchObject({ ref: { conversation: { id: create!.id } } });
    await t.app.core.notifier.send(to, { text: 'Second message' });
    expect(standin.accepted((c) => c.kind === 'create')).toHaveLength(1);
    expect(standin.to(create!.id!)).toHaveLength(2);
  });

  it('gives up on a chat the Bot Connector is slow to open, and keeps a chat opened late silent', async () => {
    const vesna: TeamsPerson = { aad: '5e7a9c1b-3d5f-4a6b-8c0d-4e6f8a0b2c3d', name: 'Vesna' };
    const vesnaActor = await addPerson(t.app.core.store, { name: 'Vesna', email: 'vesna@mup.gov.me', orgCode: 'MOI-ME', teamsId: vesna.aad });
    const to: Recipient = { kind: 'person', personId: vesnaActor.personId };
    standin.holdCreates(1);
    const err = await t.app.core.notifier.send(to, { text: 'Reminder for Vesna' }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: true, message: 'Bot Connector did not open the chat in time' });
    // The connector answers at last: the message is not sent into that chat (the ledger will retry it).
    const late = standin.calls.length;
    standin.release();
    const [created] = await standin.waitFor((c) => c.kind === 'create' && c.body.members !== undefined && JSON.stringify(c.body.members).includes(vesna.aad));
    expect(await t.app.core.store.addresses.get('teams', 'person', vesna.aad)).toBeNull();
    // The retry opens a chat and delivers once.
    await t.app.core.notifier.send(to, { text: 'Reminder for Vesna' });
    const chats = standin.accepted((c) => c.kind === 'create' && JSON.stringify(c.body.members).includes(vesna.aad));
    expect(chats).toHaveLength(2);
    expect(standin.to(created!.id!)).toEqual([]);
    const retried = chats.find((c) => c !== created)!;
    expect(standin.to(retried.id!).map(textOf)).toEqual([expect.stringMatching(/Reminder for Vesna/)]);
    expect(standin.calls.slice(late).filter((c) => c.kind !== 'create' && /Reminder for Vesna/.test(textOf(c)))).toHaveLength(1);
  }, 30_000);

  it('retries a 429 from the connector after its Retry-After', async () => {
    const conv = personalConversation(ana.aad);
    standin.throttle(1, '1', (c) => c.conversationId === conv);
    const before = standin.calls.length;
    await t.app.core.notifier.send(anaTo(), { text: 'After the throttle' });
    const attempts = standin.calls.slice(before);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(textOf(attempts[1]!)).toMatch(/After the throttle/);
  });

  it('gives up at once with a retryable DeliveryError when Retry-After is too long (one attempt, no hidden SDK retries)', async () => {
    const conv = personalConversation(ana.aad);
    standin.throttle(1, '120', (c) => c.conversationId === conv);
    const before = standin.calls.length;
    const err = await t.app.core.notifier.send(anaTo(), { text: 'Held back' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 120_000 });
    expect(standin.calls.slice(before).map((c) => c.status)).toEqual([429]);
  });

  it('a reply in a conversation is retried on 429 too', async () => {
    const conv = personalConversation(ana.aad);
    standin.throttle(1, '1', (c) => c.conversationId === conv);
    const calls = await kit.say(ana, 'help');
    expect(calls.map((c) => [c.status, c.body.type])).toEqual([
      [429, 'message'],
      [200, 'message'],
    ]);
    expect(textOf(calls[1]!)).toMatch(/What would you like to do\?/);
  });

  it('shortens a message too long for Teams so the Bot Connector takes it, and says so', async () => {
    const decisions = Array.from({ length: 400 }, (_, i) => `${i + 1}. Decision on the regional border-crossing point ${i + 1}, with its follow-up for each partner.`).join('\n');
    const before = standin.calls.length;
    await t.app.core.notifier.send(anaTo(), { text: `*Meeting summary*\n${decisions}`, fields: [{ label: 'Participants', value: 'Serbia MoI, Kosovo* MoI, GIZ' }] });
    const [call] = standin.calls.slice(before);
    expect(call!.status).toBe(200); // a 413 MessageSizeTooBig otherwise (the stand-in enforces Teams' 100 KB)
    expect(Buffer.byteLength(JSON.stringify(call!.body), 'utf16le')).toBeLessThanOrEqual(80 * 1024); // Microsoft's recommended ceiling
    const text = textOf(call!);
    expect(text).toMatch(/^\*\*Meeting summary\*\*\n1\. Decision on the regional border-crossing point 1,/);
    expect(text).toContain('Serbia MoI, Kosovo* MoI, GIZ');
    expect(text).toContain(SHORTENED_NOTE);
    expect(JSON.stringify(cardOf(call!))).toContain('UNSCR 1244'); // the Kosovo* footnote survives
  });

  it('fails for good (not retryable) in a conversation the bot was removed from', async () => {
    const tomislav: TeamsPerson = { aad: '6f8a0c2d-4e6a-4b7c-9d1e-5f7a9b1c3d5e', name: 'Tomislav' };
    const actor = await addPerson(t.app.core.store, { name: 'Tomislav', email: 'tomislav@mup.gov.me', orgCode: 'MOI-ME', teamsId: tomislav.aad });
    await kit.say(tomislav, 'hello');
    standin.removeBotFrom(personalConversation(tomislav.aad)); // he uninstalled the app
    const err = await t.app.core.notifier.send({ kind: 'person', personId: actor.personId, teamsId: tomislav.aad }, { text: 'Reminder' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: false, message: 'Bot Connector refused the message (HTTP 403)' });
    expect(standin.to(personalConversation(tomislav.aad)).filter((c) => /Reminder/.test(JSON.stringify(c.body)))).toEqual([]);
  });
});
