import type { RecordDoc } from '../../src/db/models/record.model';
import type { BotMessage } from '../../src/messages/bot-message';
import { consoleClient, type ConsoleClient } from '../adapters/console/console-client';
import { addPerson } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { needRows } from './needs-rows';
import { fillTemplate } from './sheets';

interface InboxEntry {
  id: string;
  message: BotMessage;
}

/** The console's file input: POST /console/api/import, the summary through the inbox, the Import button through /message. */
describe('console: spreadsheet import', () => {
  let t: TestApp;
  let api: ConsoleClient;
  let sead: string;
  let ana: string;
  let seen = 0;
  const needs = () => t.app.core.store.ctx.models.records.find({ type: 'need' }).lean<RecordDoc[]>();

  beforeAll(async () => {
    t = await startTestApp();
    api = consoleClient(t.url);
    sead = (await addPerson(t.app.core.store, { name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' })).personId;
    ana = (await addPerson(t.app.core.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' })).personId;
  });
  afterAll(() => t.stop());

  const upload = (personId: string, name: string, body: Buffer | string) =>
    fetch(`${t.url}/console/api/import?${new URLSearchParams({ personId, name })}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean; messages: BotMessage[]; later?: boolean } }));

  /** Polls the person's inbox (as the page does) until a message matches; checks and imports run after the answer, so a busy machine gets time. */
  async function inbox(personId: string, match: RegExp): Promise<BotMessage> {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const r = await api.get<{ messages: InboxEntry[]; last: number }>(`/inbox?personId=${personId}&after=${seen}`);
      const hit = r.body.messages.find((e) => match.test(e.message.text));
      if (hit) {
        seen = r.body.last;
        return hit.message;
      }
      await new Promise((resolve) => setTimeout(resolve, 50)); // the page polls too; nothing here waits on a schedule
    }
    throw new Error(`no inbox message matching ${match}`);
  }

  it('checks the uploaded file, then imports it when the Secretariat presses Import', async () => {
    const template = (await t.app.core.spreadsheets.template('needs', 'xlsx')).content;
    const res = await upload(sead, 'needs.xlsx', await fillTemplate(template, 'Import needs', needRows(40)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, later: true, messages: [{ text: 'Checking *needs.xlsx*. Large files take up to a minute; nothing is written yet.' }] });
    const summary = await inbox(sead, /40 rows of needs checked, no problems/);
    expect(summary.text).toContain('Importing it will create 40, update 0 (new versions), leave 0 unchanged.');
    const importButton = summary.buttons!.find((b) => b.label === 'Import')!;
    expect(await needs()).toEqual([]);

    const clicked = await api.click(sead, importButton.action, importButton.value);
    expect(clicked.messages.map((m) => m.text)).toEqual(['Importing… I will tell you here when it is done.']);
    expect((await inbox(sead, /^Imported \*needs\.xlsx\*/)).text).toContain('40 created, 0 updated (new versions), 0 unchanged.');
    expect(await needs()).toHaveLength(40);
  });

  it('shows the problems of a CSV file, every one with its row and column', async () => {
    const csv = '\uFEFFId;Priority\nNM-2026-RS-999;high\n';
    expect((await upload(sead, 'priorities.csv', csv)).status).toBe(200);
    const answer = await inbox(sead, /priorities\.csv\*: 1 problem, so nothing was imported/);
    expect(answer.text).toContain('• Row 2, column A (Id): I cannot find NM-2026-RS-999. Clear the id to create a new record, or correct it.');
    expect(answer.buttons ?? []).toEqual([]);
  });

  it("refuses a member's upload politely, and bad requests", async () => {
    const res = await upload(ana, 'needs.xlsx', 'anything');
    expect(res.body).toEqual({ ok: true, messages: [{ text: 'Sorry, only the IISG Secretariat can import spreadsheets. To report a record, type *update*, *need* or *response*.' }] });
    const pressed = await api.click(ana, 'import.apply', 'import-needs-whatever');
    expect(pressed.messages.map((m) => m.text)).toEqual(['Sorry, only the IISG Secretariat can import spreadsheets. To report a record, type *update*, *need* or *response*.']);
    expect((await upload(sead, 'empty.csv', '')).status).toBe(400);
    expect((await upload('nobody', 'x.csv', 'a')).status).toBe(404);
    expect((await upload(sead, '../etc/passwd', 'a')).status).toBe(400);
    expect(await needs()).toHaveLength(40);
  });
});
