import type { Reply } from '../../../src/conversation/reply';
import type { Actor } from '../../../src/domain/actor';
import type { BotFile } from '../../../src/messages/bot-message';
import { ManualClock } from '../../../src/support/clock';
import { BotConnectorStandin } from '../../support/bot-connector-standin';
import { addPerson } from '../../support/people';
import { TeamsKit, actionsOf, personalConversation, textOf, type TeamsPerson } from '../../support/teams-kit';
import { startTestApp, type TestApp } from '../../support/test-app';

const CSV = 'organisation,state\nMoI Serbia,reported\nMoI Kosovo*,overdue\n';
const reportFile = (): BotFile => ({ name: 'Quarterly status 2026-Q4 – Šabac.csv', title: 'Quarterly status 2026-Q4', mimeType: 'text/csv; charset=utf-8', content: Buffer.from(CSV) });

describe('Teams: report files as signed download links', () => {
  let t: TestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;
  let anaActor: Actor;
  const clock = new ManualClock(new Date('2026-12-02T09:00:00Z'));
  const ana: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };

  /** The link on the download card: its path on the app (PUBLIC_URL is not the test port). */
  const downloadPath = (calls: ReturnType<typeof standin.accepted>) => {
    const url = calls.flatMap(actionsOf).find((a) => a.title === 'Download')?.url;
    if (!url) throw new Error('no Download button');
    return new URL(url).pathname;
  };

  beforeAll(async () => {
    standin = await new BotConnectorStandin().start();
    t = await startTestApp({ env: { TEAMS_LOCAL_MODE: 'true', PUBLIC_URL: 'https://bot.example.org' }, clock });
    kit = new TeamsKit(t.url, standin);
    anaActor = await addPerson(t.app.core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
    // Report commands belong to another feature; a small one through the public registry shows the path.
    t.app.core.conversation.commands.register({
      name: 'testreport',
      summary: 'a report with a file (test)',
      usage: 'testreport',
      run: async (): Promise<Reply> => ({ messages: [{ text: '*Quarterly status 2026-Q4*: 1 of 19 reported.' }], files: [reportFile()] }),
    });
    t.app.core.conversation.commands.register({
      name: 'slowreport',
      summary: 'a slow report (test)',
      usage: 'slowreport',
      run: async (): Promise<Reply> => ({
        messages: [{ text: 'Preparing the report…' }],
        later: async () => ({ messages: [{ text: 'Here is the slow report.' }], files: [reportFile()] }),
      }),
    });
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
  });

  it('delivers a reply file as a readable card plus a download link that serves the file', async () => {
    const calls = await kit.say(ana, 'testreport');
    expect(calls).toHaveLength(2);
    expect(textOf(calls[0]!)).toMatch(/\*\*Quarterly status 2026-Q4\*\*: 1 of 19 reported/);
    expect(textOf(calls[1]!)).toMatch(/Quarterly status 2026-Q4[\s\S]*\.csv · \d+ B[\s\S]*works until 3 December 2026/);
    const link = actionsOf(calls[1]!).find((a) => a.title === 'Download')!.url!;
    expect(link).toMatch(/^https:\/\/bot\.example\.org\/files\/[\w-]+\.[0-9a-z]+\.[\w-]+$/);

    const res = await fetch(`${t.url}${downloadPath(calls)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Quarterly status 2026-Q4  Sabac.csv"; filename*=UTF-8''Quarterly%20status%202026-Q4%20%E2%80%93%20%C5%A0abac.csv`,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.text()).toBe(CSV);
  });

  it('answers 404 to a tampered, unknown or expired link', async () => {
    const path = downloadPath(await kit.say(ana, 'testreport'));
    const [id, exp, sig] = path.replace('/files/', '').split('.') as [string, string, string];
    const later = (parseInt(exp, 36) + 3600).toString(36);
    const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith('x') ? 'y' : 'x'}`;
    for (const bad of [`${id}.${later}.${sig}`, `${id}.${exp}.${flip(sig)}`, `${flip(id)}.${exp}.${sig}`, 'nonsense', `${id}.${exp}`]) {
      expect((await fetch(`${t.url}/files/${bad}`)).status).toBe(404);
    }
    expect((await fetch(`${t.url}${path}`)).status).toBe(200);

    clock.advance(24 * 3600_000 + 1000);
    const expired = await fetch(`${t.url}${path}`);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toEqual({ ok: false, error: 'not_found' });
    expect(await t.app.core.files.purgeExpired()).toBeGreaterThanOrEqual(2);
    expect(await t.app.core.store.ctx.models.files.countDocuments({})).toBe(0);
    clock.set('2026-12-02T09:00:00Z');
  });

  it('sends a file proactively through the notifier (card + link)', async () => {
    await kit.say(ana, 'hello'); // the personal chat is known from here on
    const before = standin.calls.length;
    await t.app.core.notifier.sendFile({ kind: 'person', personId: anaActor.personId, teamsId: ana.aad }, reportFile(), { text: 'Your report, as requested.' });
    const calls = standin.calls.slice(before);
    expect(calls.map((c) => c.conversationId)).toEqual([personalConversation(ana.aad), personalConversation(ana.aad)]);
    expect(textOf(calls[0]!)).toMatch(/Your report, as requested/);
    expect(await (await fetch(`${t.url}${downloadPath(calls)}`)).text()).toBe(CSV);
  });

  it('acknowledges a slow report at once and delivers it after the turn', async () => {
    const before = standin.calls.length;
    const first = await kit.say(ana, 'slowreport');
    expect(textOf(first)).toMatch(/Preparing the report/);
    const done = await standin.waitFor((c) => standin.calls.indexOf(c) >= before && /slow report|Download/.test(textOf(c)), 2);
    expect(done.map((c) => c.conversationId)).toEqual([personalConversation(ana.aad), personalConversation(ana.aad)]);
    expect(await (await fetch(`${t.url}${downloadPath(done)}`)).text()).toBe(CSV);
  });
});
