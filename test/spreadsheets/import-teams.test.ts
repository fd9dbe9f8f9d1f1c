import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordDoc } from '../../src/db/models/record.model';
import { BotConnectorStandin, type ConnectorCall } from '../support/bot-connector-standin';
import { addPerson } from '../support/people';
import { TeamsKit, textOf, type TeamsPerson } from '../support/teams-kit';
import { startTestApp, type TestApp } from '../support/test-app';
import { needRows } from './needs-rows';
import { fillTemplate } from './sheets';

/** Teams: a file sent in the personal chat arrives as a file.download.info attachment; here a loopback server plays OneDrive. */
describe('Teams: spreadsheet import by a file sent in the personal chat', () => {
  let t: TestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;
  let files: Server;
  let filesUrl: string;
  const served = new Map<string, Buffer>();
  const downloads: string[] = [];
  const sead: TeamsPerson = { aad: '1a2b3c4d-0000-4000-8000-00000000sead', name: 'Sead' };
  const ana: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };
  const needs = () => t.app.core.store.ctx.models.records.find({ type: 'need' }).lean<RecordDoc[]>();

  beforeAll(async () => {
    files = createServer((req, res) => {
      downloads.push(req.url ?? '');
      const body = served.get(req.url ?? '');
      res.writeHead(body ? 200 : 404).end(body ?? '');
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    standin = await new BotConnectorStandin().start();
    t = await startTestApp({ env: { TEAMS_LOCAL_MODE: 'true' } });
    kit = new TeamsKit(t.url, standin);
    await addPerson(t.app.core.store, { name: sead.name, email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', teamsId: sead.aad });
    await addPerson(t.app.core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
    await new Promise<void>((resolve) => files.close(() => resolve()));
  });

  /** The activity Teams sends when a person attaches a file in the personal chat. */
  async function sendFile(who: TeamsPerson, name: string, downloadUrl: string): Promise<ConnectorCall[]> {
    const activity = kit.activity('personal-message', who, {
      text: '',
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name, contentUrl: downloadUrl, content: { downloadUrl, uniqueId: 'A1B2C3', fileType: 'xlsx' } }],
    });
    const r = await kit.post(activity);
    expect(r.status).toBe(200);
    return r.calls;
  }

  const later = (before: number, match: RegExp) => standin.waitFor((c) => standin.calls.indexOf(c) >= before && match.test(textOf(c)), 1, 60_000).then((calls) => calls[0]!);

  it('checks the file, shows the summary with an Import button, and imports it', async () => {
    const template = (await t.app.core.spreadsheets.template('needs', 'xlsx')).content;
    served.set('/drive/needs.xlsx', await fillTemplate(template, 'Import needs', needRows(25)));
    const before = standin.calls.length;
    const first = await sendFile(sead, 'needs.xlsx', `${filesUrl}/drive/needs.xlsx`);
    expect(textOf(first)).toMatch(/Checking \*\*needs\.xlsx\*\*\. Large files take up to a minute/);
    const summary = await later(before, /25 rows of needs checked, no problems/);
    expect(textOf(summary)).toMatch(/\[Import\][\s\S]*\[Cancel\]/);
    expect(await needs()).toEqual([]);

    const clicked = await kit.click(sead, summary, 'Import');
    expect(textOf(clicked)).toMatch(/Importing… I will tell you here when it is done/);
    expect(textOf(await later(before, /Imported \*\*needs\.xlsx\*\*/))).toMatch(/25 created, 0 updated \(new versions\), 0 unchanged/);
    expect(await needs()).toHaveLength(25);
  });

  it('fetches only from this machine in local mode, and refuses a member without downloading', async () => {
    const count = downloads.length;
    expect(textOf(await sendFile(sead, 'x.xlsx', 'https://evil.example.org/x.xlsx'))).toMatch(/I can only read files sent in this chat/);
    expect(textOf(await sendFile(ana, 'needs.xlsx', `${filesUrl}/drive/needs.xlsx`))).toMatch(/Sorry, only the IISG Secretariat can import spreadsheets/);
    expect(downloads).toHaveLength(count);
    expect(await needs()).toHaveLength(25);
  });
});
