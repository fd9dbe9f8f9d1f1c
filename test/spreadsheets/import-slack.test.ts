import type { RecordDoc } from '../../src/db/models/record.model';
import { blocksText, buttonLabels, clickOnMessage, messageIm } from '../support/slack-payloads';
import { sendEvent, sendInteraction } from '../support/slack-signing';
import type { StandinCall } from '../support/slack-standin';
import { dmOf, startSlackTestApp, type SlackTestApp } from '../support/slack-test-app';
import { needRows } from './needs-rows';
import { fillTemplate, type RowInput } from './sheets';

const SEAD = 'USEAD0001';
const ANA = 'UANA00001';

/** The Secretariat imports a spreadsheet by sharing it in the bot's DM: dry-run summary, Import button, done. */
describe('Slack: spreadsheet import by a file shared in the DM', () => {
  let t: SlackTestApp;
  let template: Buffer;
  let fileSeq = 0;
  const needs = () => t.app.core.store.ctx.models.records.find({ type: 'need' }).lean<RecordDoc[]>();

  beforeAll(async () => {
    t = await startSlackTestApp();
    await t.addPerson({ name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: SEAD });
    await t.addPerson({ name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: ANA });
    template = (await t.app.core.spreadsheets.template('needs', 'xlsx')).content;
  });
  afterAll(() => t.stop());

  /** `user` shares a file in their DM with the bot (Slack's message event with subtype file_share). */
  async function share(user: string, name: string, content: Buffer, text = ''): Promise<{ since: number; id: string }> {
    const id = `F0IMPORT${(fileSeq += 1)}`;
    t.slack.serveFile(id, { name, content });
    const since = t.slack.calls.length;
    const envelope = messageIm({ user, text, channel: dmOf(user) }) as { event: Record<string, unknown> };
    envelope.event = { ...envelope.event, subtype: 'file_share', files: [{ id, name, mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filetype: 'xlsx', size: content.length }] };
    const res = await sendEvent(t.url, envelope);
    expect(res.status).toBe(200);
    return { since, id };
  }

  async function click(user: string, posted: StandinCall, button: string, expect: RegExp): Promise<StandinCall> {
    const since = t.slack.calls.length;
    const res = await sendInteraction(t.url, clickOnMessage({ user, posted: { ...posted.body, ts: `${since}.000` }, click: { button }, responseUrl: t.slack.responseUrl(`import${since}`) }));
    if (res.status !== 200) throw new Error(`click refused: ${res.status}`);
    return t.nextDm(user, expect, since);
  }

  /** The bot's next DM matching `expect`: checking and importing run after the acknowledgement, so give them time on a busy machine. */
  const answer = (user: string, expect: RegExp, since: number) =>
    t.slack.waitFor('chat.postMessage', { since, where: (c) => c.body.channel === dmOf(user) && expect.test(String(c.body.text)), timeoutMs: 60_000 });

  const broken = (rows: RowInput[]) => rows.map((r, i) => (i === 41 ? { ...r, Timeframe: 'next decade' } : i === 150 ? { ...r, Justification: 'SECRET assessment of the gaps' } : r));

  it('sends the template as a file when the Secretariat asks for it', async () => {
    const since = t.slack.calls.length;
    await t.dm(SEAD, 'template needs', /Here is the template for needs/);
    const upload = await t.slack.waitFor('files.getUploadURLExternal', { since });
    expect(upload.body.filename).toBe('wbbsi-needs-template.xlsx');
    expect(Number(upload.body.length)).toBeGreaterThan(5_000); // an XLSX with three sheets, not an empty file
  });

  it('lists every problem of a broken file with its row and column, and stores nothing', async () => {
    const { since } = await share(SEAD, 'needs-broken.xlsx', await fillTemplate(template, 'Import needs', broken(needRows(200))));
    await t.nextDm(SEAD, /^Checking \*needs-broken\.xlsx\*\. Large files take up to a minute; nothing is written yet\./, since);
    const refused = await answer(SEAD, /2 problems, so nothing was imported/, since);
    const text = blocksText(refused.body.blocks);
    expect(text).toMatch(/• Row 44, column M \(Timeframe\): Please pick one of: 1\. Short term \(up to 1 year\)/);
    expect(text).toMatch(/• Row 153, column J \(Justification\): This cell carries the marking "SECRET"/);
    expect(buttonLabels(refused.body.blocks)).toEqual([]);
    expect(await needs()).toEqual([]);
  });

  it('checks the fixed file, imports it with the Import button, and a second upload changes nothing', async () => {
    // 40 rows: the chat path is the point here; the command-line test imports 200.
    const content = await fillTemplate(template, 'Import needs', needRows(40));
    const { since, id } = await share(SEAD, 'needs-fixed.xlsx', content);
    const summary = await answer(SEAD, /40 rows of needs checked, no problems/, since);
    expect(blocksText(summary.body.blocks)).toContain('Importing it will create 40, update 0 (new versions), leave 0 unchanged.');
    expect(buttonLabels(summary.body.blocks)).toEqual(['Import', 'Cancel']);
    expect(await needs()).toEqual([]);
    // Downloaded from the stand-in (the configured Web API host) with the bot token.
    expect(t.slack.callsTo('file_download').filter((c) => c.body.fileId === id).map((c) => c.authorization)).toEqual(['Bearer xoxb-test']);

    await click(SEAD, summary, 'Import', /^Importing… I will tell you here when it is done\./);
    const done = await answer(SEAD, /^Imported \*needs-fixed\.xlsx\*/, since);
    expect(String(done.body.text)).toContain('40 rows of needs; 40 created, 0 updated (new versions), 0 unchanged.');
    expect(await needs()).toHaveLength(40);

    // The same button again, and the same file again: nothing changes.
    await click(SEAD, summary, 'Import', /This file has already been imported/);
    const again = await share(SEAD, 'needs-fixed.xlsx', content);
    const same = await answer(SEAD, /are stored exactly like this already\. Nothing to import\./, again.since);
    expect(buttonLabels(same.body.blocks)).toEqual([]);
    expect(await needs()).toHaveLength(40);
    expect(await t.app.core.store.ctx.models.audit.countDocuments({ action: 'import' })).toBe(1);
  });

  it("refuses a member's upload politely, without downloading it", async () => {
    const downloads = t.slack.callsTo('file_download').length;
    const { since } = await share(ANA, 'our-needs.xlsx', await fillTemplate(template, 'Import needs', needRows(3, 900)));
    await t.nextDm(ANA, /Sorry, only the IISG Secretariat can import spreadsheets\. To report a record, type \*update\*, \*need\* or \*response\*\./, since);
    expect(t.slack.callsTo('file_download')).toHaveLength(downloads);
    expect(t.slack.callsTo('files.info').filter((c) => c.body.file === `F0IMPORT${fileSeq}`)).toEqual([]);
    expect(await needs()).toHaveLength(40);
    // "template" is a Secretariat command too.
    await t.dm(ANA, 'template needs', /Sorry, \*template\* is for the IISG Secretariat/);
  });
});
