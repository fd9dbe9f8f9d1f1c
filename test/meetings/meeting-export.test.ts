import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KOSOVO_FOOTNOTE } from '../../src/domain/kosovo';
import { addPerson } from '../support/people';
import { textOf } from '../support/test-core';
import { runWbbsi } from '../support/wbbsi-cli';
import { openMeetingCore, recordMeeting, type MeetingTestCore } from './meeting-harness';

describe('wbbsi meeting export / list', () => {
  let t: MeetingTestCore;
  let dir: string;
  /** `wbbsi meeting …` as a child process on the test database (stdout and stderr without the final newline). */
  const cli = async (...args: string[]) => {
    const r = await runWbbsi(['meeting', ...args], { dbName: t.app.dbName });
    return { code: r.code, out: r.stdout.replace(/\n$/, ''), err: r.stderr.replace(/\n$/, '') };
  };

  beforeAll(async () => {
    t = await openMeetingCore({ now: '2027-01-21T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'wbbsi-meeting-'));
    await recordMeeting(t, t.sec, {
      type: 'support-group',
      title: '12th WBBSi Support Group meeting',
      startsAt: '2027-01-20T09:00:00Z',
      venue: 'Pristina',
      chairs: ['IISG-SEC'],
      participants: ['MOI-RS', 'MOI-XK', 'GIZ'],
      agenda: ['Welcome', 'Needs mapping | priorities'],
      decisions: ['The template is agreed', 'Board: adopt the regional needs list'],
      actionItems: [{ text: 'Translate the SOP for Kosovo police', ownerOrg: 'MOI-XK', due: '2027-02-15' }],
    });
    await recordMeeting(t, t.sec, { type: 'bilateral', title: 'RS–ME bilateral', startsAt: '2027-01-25T13:30:00Z', venue: 'Podgorica' });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('writes the summary as Markdown with Kosovo* and the footnote once', async () => {
    const file = join(dir, 'minutes.md');
    const res = await cli('export', 'mt-2027-001', '--out', file);
    expect(res).toEqual({ code: 0, out: `Wrote ${file}.`, err: '' });
    const md = readFileSync(file, 'utf8');
    expect(md).toContain('# 12th WBBSi Support Group meeting\n\nMeeting MT-2027-001\n');
    expect(md).toContain('- **Date:** 20 January 2027 at 10:00 CET (scheduled)');
    expect(md).toContain('- **Participants (3):** Serbia MoI, Kosovo* MoI, GIZ');
    expect(md).toContain('## Agenda\n\n1. Welcome\n2. Needs mapping | priorities\n');
    expect(md).toContain('- **Proposal to the IISG Board:** adopt the regional needs list');
    expect(md).toContain('| MT-2027-001/1 | Translate the SOP for Kosovo* police | Kosovo* MoI | 15 February 2027 | open |');
    expect(md.split('This designation is without prejudice')).toHaveLength(2);
    expect(md.endsWith(`| open |\n\n---\n\n\\${KOSOVO_FOOTNOTE}\n`)).toBe(true);
  }, 120_000);

  it('prints to stdout without --out; has no footnote when Kosovo* is not named', async () => {
    const res = await cli('export', 'MT-2027-002');
    expect(res.code).toBe(0);
    expect(res.out).toContain('# RS–ME bilateral');
    expect(res.out).not.toContain('Kosovo');
  }, 120_000);

  it('lists the meetings with their action items; unknown ids and bad usage are refused', async () => {
    const list = await cli('list');
    expect(list.code).toBe(0);
    expect(list.out).toContain('*MT-2027-001* 12th WBBSi Support Group meeting — 20 January 2027 at 10:00 CET, Pristina (scheduled)');
    expect(list.out).toContain('*MT-2027-002* RS–ME bilateral — 25 January 2027 at 14:30 CET, Podgorica (scheduled)');
    expect(list.out).toContain('MT-2027-001/1 Translate the SOP for Kosovo* police — *Kosovo* MoI*, due 15 February 2027 · _open_');
    expect(list.out).toContain(KOSOVO_FOOTNOTE);
    expect(await cli('export', 'MT-2027-999')).toEqual({ code: 1, out: '', err: 'I could not find meeting MT-2027-999. Type meeting list to see the meetings.' });
    expect((await cli('export')).code).toBe(2);
  }, 120_000);

  it('the same export in the chat comes as a file, for any member', async () => {
    const ana = await addPerson(t.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
    const r = await t.say(ana, 'meeting export MT-2027-001');
    expect(textOf(r)).toBe('Here is the summary of *MT-2027-001* as Markdown, ready to paste into the minutes.');
    expect(r.files![0]!.content.toString('utf8')).toContain('Kosovo* MoI');
  });
});
