import type { Actor } from '../../../src/domain/actor';
import type { BotFile } from '../../../src/messages/bot-message';
import { ManualClock } from '../../../src/support/clock';
import type { BotConnectorStandin, ConnectorCall } from '../../support/bot-connector-standin';
import { addPerson } from '../../support/people';
import { type TeamsKit, actionsOf, personalConversation, textOf, type TeamsPerson } from '../../support/teams-kit';
import { startTeamsTestApp, type TeamsTestApp } from '../../support/teams-test-app';

const CSV = 'organisation,state\nMoI Serbia,reported\nMoI Kosovo*,overdue\n';
const reportFile = (): BotFile => ({ name: 'Quarterly status 2026-Q4 – Šabac.csv', title: 'Quarterly status 2026-Q4', mimeType: 'text/csv; charset=utf-8', content: Buffer.from(CSV) });

describe('Teams: report files as signed download links', () => {
  let t: TeamsTestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;
  let anaActor: Actor;
  const clock = new ManualClock(new Date('2026-12-02T09:00:00Z'));
  const ana: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };
  const sead: TeamsPerson = { aad: '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d', name: 'Sead Hodžić' };

  /** The Download button of the card for file `name`: its path on the app (PUBLIC_URL is not the test port). */
  const downloadPath = (calls: ConnectorCall[], name: RegExp = /./) => {
    const url = calls.filter((c) => name.test(textOf(c))).flatMap(actionsOf).find((a) => a.title === 'Download')?.url;
    if (!url) throw new Error(`no Download button for ${name}`);
    return new URL(url).pathname;
  };

  /** `report status 2026-Q4` typed by Sead: the answer at once, then the report and its files after the turn. */
  async function statusReport(): Promise<{ first: ConnectorCall[]; later: ConnectorCall[] }> {
    const before = standin.calls.length;
    const first = await kit.say(sead, 'report status 2026-Q4');
    const later = await standin.waitFor((c) => standin.calls.indexOf(c) >= before && !first.includes(c) && c.conversationId === personalConversation(sead.aad), 3);
    return { first, later };
  }

  beforeAll(async () => {
    t = await startTeamsTestApp({ env: { PUBLIC_URL: 'https://bot.example.org' }, clock });
    ({ connector: standin, kit } = t);
    anaActor = await addPerson(t.app.core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
    await addPerson(t.app.core.store, { name: sead.name, email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', teamsId: sead.aad });
    await t.app.core.store.checkins.nilReturn(anaActor, '2026-Q4');
  });
  afterAll(() => t.stop());

  it('answers `report` at once, then posts the summary and each file as a card with a download link that serves it', async () => {
    const { first, later } = await statusReport();
    expect(first.map(textOf)).toEqual(['Working on the status report… I will post it here with the files in a moment.']);
    const [summary, xlsx, csv] = later;
    expect(textOf(summary!)).toMatch(/^\*\*Quarterly reporting status\*\* — 2026-Q4, 19 organisations/);
    expect(textOf(summary!)).toMatch(/Files: wbbsi-status-2026-12-02\.xlsx, wbbsi-status-2026-12-02-status\.csv/);
    expect(textOf(xlsx!)).toMatch(/wbbsi-status-2026-12-02\.xlsx · [\d.]+ (k?B|KB)[\s\S]*works until 3 December 2026/);
    const link = actionsOf(csv!).find((a) => a.title === 'Download')!.url!;
    expect(link).toMatch(/^https:\/\/bot\.example\.org\/files\/[\w-]+\.[0-9a-z]+\.[\w-]+$/);

    const res = await fetch(`${t.url}${downloadPath(later, /\.csv/)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="wbbsi-status-2026-12-02-status.csv"; filename*=UTF-8\'\'wbbsi-status-2026-12-02-status.csv');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const rows = (await res.text()).replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(rows.find((r) => r.startsWith('Serbia MoI'))).toMatch(/nothing new/i);
    expect(rows.some((r) => r.startsWith('"Kosovo* MoI"') || r.startsWith('Kosovo* MoI'))).toBe(true);
    const sheet = await fetch(`${t.url}${downloadPath(later, /\.xlsx/)}`);
    expect(sheet.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(Buffer.from(await sheet.arrayBuffer()).subarray(0, 2).toString()).toBe('PK'); // a zip: the XLSX itself
  });

  it('answers 404 to a tampered, unknown or expired link', async () => {
    const path = downloadPath((await statusReport()).later, /\.csv/);
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

  it('refuses a report a member may not run, politely and without files', async () => {
    const calls = await kit.say(ana, 'report needs');
    expect(calls).toHaveLength(1);
    expect(textOf(calls[0]!)).toMatch(/Secretariat|Board/);
    expect(actionsOf(calls[0]!).filter((a) => a.title === 'Download')).toEqual([]);
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
});
