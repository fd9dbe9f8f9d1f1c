import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../app/app';
import { loadConfig } from '../../src/config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-ferretdb';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { ManualClock } from '../../src/support/clock';
import { createLogger, silentLogger } from '../../src/support/logger';
import { addPerson } from '../support/people';
import { blocksText, messageIm, slashCommand, viewSubmission } from '../support/slack-payloads';
import { sendCommand, sendEvent, sendInteraction, SIGNING_SECRET } from '../support/slack-signing';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { BotConnectorStandin } from '../support/bot-connector-standin';
import { personalConversation, TeamsKit, textOf as cardText } from '../support/teams-kit';

const ANA = 'UANAOUT01';
const MILA = 'UMILAOUT1';
const ARBEN = { aad: '5b0c8f3e-1a2b-4c3d-9e8f-7a6b5c4d3e2f', name: 'Arben Hoxha' };

/**
 * "Nothing typed is lost" where people are: the database stops, and a Slack DM, a Slack modal, a
 * Teams message and a console message are each answered at once (kept, will be saved) and saved,
 * in order, when the database is back — identification included, which needs the database too.
 */
describe('database outage seen from every surface', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wbbsi-outage-surfaces-'));
  let db: EmbeddedDatabase;
  let app: App;
  let slack: SlackStandin;
  let connector: BotConnectorStandin;
  let kit: TeamsKit;
  let greta: string;

  beforeAll(async () => {
    db = await startEmbeddedDatabase({ dataDir: join(dir, 'db'), dbName: 'outage' });
    slack = await startSlackStandin();
    slack.addUser(ANA, MILA);
    slack.addChannel('C0SUPPORT01');
    connector = await new BotConnectorStandin().start();
    const config = loadConfig({
      PORT: '0',
      MONGODB_URI: db.uri,
      DATA_DIR: join(dir, 'app'),
      SCHEDULER_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '10000',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
      TEAMS_LOCAL_MODE: 'true',
      LOG_LEVEL: 'silent',
    });
    app = await createApp({ config, logger: process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL) : silentLogger, clock: new ManualClock(new Date('2026-12-02T09:00:00Z')) });
    await app.start();
    kit = new TeamsKit(app.url, connector);
    const store = app.core.store;
    await addPerson(store, { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', slackId: ANA });
    await addPerson(store, { name: 'Mila Jovanović', email: 'mila@mup.gov.rs', orgCode: 'MOI-RS', slackId: MILA });
    await addPerson(store, { name: ARBEN.name, email: 'arben@asp.gov.al', orgCode: 'MOI-AL', teamsId: ARBEN.aad });
    greta = (await addPerson(store, { name: 'Greta Berger', email: 'greta@giz.de', orgCode: 'GIZ' })).personId;
    // Each has talked to the bot before: Ana's DM and Arben's chat are known, Mila has the update form open.
    await sendEvent(app.url, messageIm({ user: ANA, text: 'hello', channel: `D${ANA.slice(1)}` }));
    await kit.say(ARBEN, 'hello');
    await sendCommand(app.url, slashCommand({ user: MILA, text: 'update', responseUrl: slack.responseUrl('mila') }));
    await app.idle();
  });
  /**
   * The database back on its port; the driver reconnects by itself and the replay picks the kept
   * inputs up. Bounded: this waits for a reconnect, not for a schedule.
   */
  async function restartAndReplay(port: number): Promise<void> {
    db = await startEmbeddedDatabase({ dataDir: join(dir, 'db'), dbName: 'outage', port });
    for (let i = 0; i < 100 && app.core.conversation.pending.size() > 0; i++) {
      await app.core.conversation.replayPending(app.core.notifier);
      if (app.core.conversation.pending.size() > 0) await new Promise((r) => setTimeout(r, 200));
    }
    await app.idle();
    expect(app.core.conversation.pending.size()).toBe(0);
  }

  afterAll(async () => {
    await app?.stop();
    await db?.stop();
    await slack?.close();
    await connector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a DM, a modal, a Teams message and a console message, and saves each when the database is back', async () => {
    const opened = slack.callsTo('views.open').at(-1)!.body.view as Record<string, unknown>;
    const port = Number(new URL(db.uri).port);
    await db.stop();

    const dmSince = slack.calls.length;
    expect((await sendEvent(app.url, messageIm({ user: ANA, text: 'need', channel: `D${ANA.slice(1)}` }))).status).toBe(200);
    const modal = await sendInteraction(
      app.url,
      viewSubmission({
        user: MILA,
        opened,
        viewId: 'VOUTAGE01',
        answers: { kind: 'Law', title: 'Law on Foreigners (amendments)', country: 'Serbia', stage: 'Adopted', summary: 'Aligns the visa regime with the EU list.', themes: ['Visa policy alignment'] },
      }),
    );
    const teams = await kit.say(ARBEN, 'update');
    const console = await fetch(`${app.url}/console/api/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: greta, text: 'response', mode: 'chat' }) });
    await app.idle();

    // Each is told at once, where they typed, that what they sent is kept.
    const dm = slack.calls.slice(dmSince).find((c) => c.method === 'chat.postMessage' && c.body.channel === `D${ANA.slice(1)}`);
    expect(blocksText(dm?.body.blocks)).toMatch(/cannot reach the database.*kept what you typed/);
    // The modal is checked, shows "Saving…", and then says what happened: kept, to be saved.
    expect(modal.json).toMatchObject({ response_action: 'update' });
    const notice = slack.calls.filter((c) => c.method === 'views.update' && c.body.view_id === 'VOUTAGE01').at(-1);
    expect(blocksText((notice?.body.view as { blocks?: unknown } | undefined)?.blocks)).toMatch(/kept what you typed/);
    expect(cardText(teams)).toMatch(/kept what you typed/);
    expect(console.status).toBe(200);
    expect(JSON.stringify(await console.json())).toMatch(/kept what you typed/);
    expect(app.core.conversation.pending.size()).toBe(4);

    await restartAndReplay(port);
    const dead = join(dir, 'app', 'pending-inputs.dead.jsonl');
    expect(existsSync(dead) ? readFileSync(dead, 'utf8') : '').toBe('');

    // Saved: Mila's update is a record; Ana, Arben and Greta have their forms open as drafts.
    const records = await app.core.store.records.list(SYSTEM_ACTOR, { orgCode: 'MOI-RS' });
    expect(records.map((r) => r.data.title)).toEqual(['Law on Foreigners (amendments)']);
    const draftsOf = async (email: string) => {
      const p = (await app.core.store.people.byEmail(email))!;
      return (await app.core.store.drafts.openFor((await app.core.store.people.actorById(p._id))!)).map((d) => d.formId);
    };
    expect(await draftsOf('ana@mup.gov.rs')).toEqual(['need']);
    expect(await draftsOf('arben@asp.gov.al')).toEqual(['update']);
    expect(await draftsOf('greta@giz.de')).toEqual(['response']);
    // And each was told, on their own platform.
    const backToAna = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === `D${ANA.slice(1)}`).map((c) => blocksText(c.body.blocks)).join('\n');
    expect(backToAna).toMatch(/The database is back/);
    const backToMila = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === `D${MILA.slice(1)}`).map((c) => blocksText(c.body.blocks)).join('\n');
    expect(backToMila).toMatch(/saved development update/);
    expect(cardText(connector.to(personalConversation(ARBEN.aad)).slice(-3))).toMatch(/The database is back/);
  });

  it('an input that fails on replay for an ordinary reason is answered, moved aside, and blocks nobody', async () => {
    const mila = (await app.core.store.people.byEmail('mila@mup.gov.rs'))!._id;
    const say = (body: object) => fetch(`${app.url}/console/api/${'draftId' in body ? 'form' : 'message'}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const port = Number(new URL(db.uri).port);
    await db.stop();
    // Greta submits a form that no longer exists (closed in another tab); Mila, behind her in the queue, starts a need.
    expect((await say({ personId: greta, draftId: 'no-such-draft', values: { title: 'x' } })).status).toBe(200);
    expect((await say({ personId: mila, text: 'need', mode: 'chat' })).status).toBe(200);
    expect(app.core.conversation.pending.size()).toBe(2);

    await restartAndReplay(port);
    const dead = readFileSync(join(dir, 'app', 'pending-inputs.dead.jsonl'), 'utf8');
    expect(dead.trim().split('\n').map((l) => JSON.parse(l).input.form?.draftId)).toEqual(['no-such-draft']);
    const inbox = async (personId: string) => ((await (await fetch(`${app.url}/console/api/inbox?personId=${personId}`)).json()) as { messages: { message: { text: string } }[] }).messages.map((m) => m.message.text).join('\n');
    expect(await inbox(greta)).toMatch(/could not save what you sent while the database was unavailable: I could not find that form/);
    // Mila is on Slack too: the answer to what she typed in the console reaches her there.
    const toMila = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === `D${MILA.slice(1)}`).map((c) => blocksText(c.body.blocks));
    expect(toMila.join('\n')).toMatch(/The database is back[^]*Need/);
    const milaActor = (await app.core.store.people.actorById(mila))!;
    expect((await app.core.store.drafts.openFor(milaActor)).map((d) => d.formId)).toEqual(['need']);
  });
});
