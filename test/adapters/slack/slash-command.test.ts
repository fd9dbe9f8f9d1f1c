import { blocksText, buttonLabels, slashCommand } from '../../support/slack-payloads';
import { sendCommand, SIGNING_SECRET } from '../../support/slack-signing';
import { startSlackTestApp, type SlackTestApp } from '../../support/slack-test-app';

const ANA = 'UANA0001';
const SEAD = 'USEAD001';
const NOBODY = 'UNOBODY1';

describe('Slack: /wbbsi', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp();
    await t.addPerson({ name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: ANA });
    await t.addPerson({ name: 'Sead Hadžić', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: SEAD });
  });
  afterAll(() => t.stop());

  it('answers /wbbsi help within the ack deadline, then posts the help ephemerally', async () => {
    const { res, answer } = await t.command(ANA, 'help');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const posted = await answer();
    expect(posted.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = blocksText(posted.body.blocks);
    expect(text).toMatch(/Hello Ana/);
    // Short and role-aware: a partner's likely actions as buttons, then "More"; no Secretariat command.
    expect(buttonLabels(posted.body.blocks)).toEqual(['Add a need', 'Add an update', 'Nothing new this quarter', 'More']);
    expect(text.split('\n').length).toBeLessThanOrEqual(6);
    expect(text).not.toMatch(/status \[quarter\]/);
  });

  it('refuses a request with a bad signature or a stale timestamp (401), and calls nobody', async () => {
    const since = t.slack.calls.length;
    const fields = slashCommand({ user: ANA, text: 'help', responseUrl: t.slack.responseUrl('forged') });
    const forged = await sendCommand(t.url, fields, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await sendCommand(t.url, fields, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const unsigned = await sendCommand(t.url, fields, { signature: '' });
    expect(unsigned.status).toBe(401);
    // A correctly signed one, to be sure the refusals were about the signature only.
    const good = await sendCommand(t.url, fields, { secret: SIGNING_SECRET });
    expect(good.status).toBe(200);
    await t.slack.waitFor('response_url', { since, where: (c) => c.path.endsWith('forged') });
    expect(t.slack.callsTo('response_url').filter((c) => c.path.endsWith('forged'))).toHaveLength(1);
  });

  it('refuses /wbbsi status to a member and answers the Secretariat with the status grid', async () => {
    const member = await t.command(ANA, 'status');
    expect(member.res.status).toBe(200);
    expect(blocksText((await member.answer()).body.blocks)).toMatch(/\*status\* is for the IISG Secretariat/);

    const sec = await t.command(SEAD, 'status');
    const grid = blocksText((await sec.answer()).body.blocks);
    expect(grid).toMatch(/Quarterly status 2026-Q4/);
    expect(grid).toMatch(/Not yet reported \(\d+\):/);
  });

  it('acknowledges a slow report at once, then posts it when ready, with its files in the DM', async () => {
    const { res, answer, since } = await t.command(SEAD, 'report status');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(String((await answer()).body.text)).toMatch(/Working on the status report/);
    const done = await t.slack.waitFor('response_url', { since, where: (c) => /direct messages/.test(String(c.body.text)) });
    expect(blocksText(done.body.blocks)).toMatch(/Files: /);
    const upload = await t.slack.waitFor('files.completeUploadExternal', { since });
    expect(upload.body).toMatchObject({ channel_id: 'DSEAD001' });
  });

  it('answers an unknown subcommand with the help text', async () => {
    const { answer } = await t.command(ANA, 'frobnicate now');
    const posted = (await answer()).body;
    // One line and the help's buttons, not the whole help again.
    expect(blocksText(posted.blocks).split('\n')[0]).toMatch(/I did not understand "frobnicate now"/);
    expect(buttonLabels(posted.blocks)).toEqual(['Add a need', 'Add an update', 'Nothing new this quarter', 'More']);
  });

  it('asks a nothing-new confirmation with buttons', async () => {
    const { answer } = await t.command(ANA, 'nothing-new');
    const posted = await answer();
    expect(blocksText(posted.body.blocks)).toMatch(/Confirm that \*Serbia MoI\* has nothing new to report for \*2026-Q4\*/);
    expect(JSON.stringify(posted.body.blocks)).toMatch(/"action_id":"nil.confirm"/);
  });

  it('tells an unknown Slack user whom to ask, and stores nothing for them', async () => {
    const models = t.app.core.store.ctx.models;
    const before = { drafts: await models.drafts.countDocuments({}), records: await models.records.countDocuments({}) };
    const { res, answer } = await t.command(NOBODY, 'need');
    expect(res.status).toBe(200);
    expect(blocksText((await answer()).body.blocks)).toMatch(/ask the IISG Secretariat to add you/);
    expect(t.slack.callsTo('views.open')).toHaveLength(0);
    expect(await models.drafts.countDocuments({})).toBe(before.drafts);
    expect(await models.records.countDocuments({})).toBe(before.records);
    expect(await models.addresses.countDocuments({ key: NOBODY })).toBe(0);
    expect(await models.people.countDocuments({ slackId: NOBODY })).toBe(0);
  });
});
