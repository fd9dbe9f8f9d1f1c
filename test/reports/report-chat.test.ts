import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import type { Reply } from '../../src/conversation/reply';
import { textOf, type TestCore } from '../support/test-core';
import { runWbbsi } from '../support/wbbsi-cli';
import { useReportDataset, type Dataset } from './report-dataset';
import { build, parseCsv, rowsOf, sheetRows } from './report-formats';

async function workbook(reply: Reply): Promise<ExcelJS.Workbook> {
  const file = reply.files?.find((f) => f.name.endsWith('.xlsx'));
  if (!file) throw new Error(`no XLSX among ${reply.files?.map((f) => f.name).join(', ')}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.content as unknown as ExcelJS.Buffer);
  return wb;
}

describe('report command in chat and on the command line', () => {
  let t: TestCore;
  let d: Dataset;

  useReportDataset((opened) => ({ t, d } = opened));

  it('lists the reports each person may run', async () => {
    const all = textOf(await t.say(d.secretariat, 'report'));
    for (const usage of ['report status', 'report updates', 'report needs', 'report responses', 'report gaps']) expect(all).toContain(`*${usage} [`);
    const member = textOf(await t.say(d.member['MOI-RS']!, 'report'));
    expect(member).toContain('*report status [quarter] [organisation]*');
    expect(member).toContain('(your organisation)');
    expect(member).not.toContain('report needs');
  });

  it('answers at once that it is working, then (later) with the summary and the files', async () => {
    const reply = await t.say(d.secretariat, 'report needs 2025-2026');
    expect(textOf(reply)).toBe('Working on the needs report… I will post it here with the files in a moment.');
    expect(reply.files).toBeUndefined();
    const done = await reply.later!();
    const text = textOf(done);
    expect(text).toContain('*Needs mapping 2025-2026*');
    expect(text).toContain('• 11 needs in the 2025-2026 mapping: 6 high, 4 medium, 1 low priority.');
    expect(text).toContain('• Since 2023-2024: 7 new, 1 moved on in the decision chain, 1 closed, 1 changed priority.');
    expect(done.files!.map((f) => f.name)).toEqual(['wbbsi-needs-2026-12-02.xlsx', 'wbbsi-needs-2026-12-02-needs.csv']);
    expect(text).toContain('Files: wbbsi-needs-2026-12-02.xlsx, wbbsi-needs-2026-12-02-needs.csv.');
    const wb = await workbook(done);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Needs', 'By country', 'By theme', 'Changes', 'Import needs']);
    expect(sheetRows(wb, 'Needs')).toHaveLength(1 + 11 + 2); // header, needs, blank line, Kosovo* footnote
    const csv = parseCsv(done.files![1]!.content.toString('utf8').replace(/^\uFEFF/, ''));
    expect(csv.slice(1, 12).map((row) => row[0])).toContain(d.ids.N9);
  });

  it('sends the gap matrix with its heat map', async () => {
    const done = await (await t.say(d.board, 'report gaps'))!.later!();
    expect(textOf(done)).toContain(`• Uncovered high priority: ${d.ids.N9} (Kosovo*, Migrant smuggling).`);
    expect(done.files!.map((f) => f.mimeType)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv; charset=utf-8', 'image/png']);
    const png = PNG.sync.read(done.files![2]!.content);
    expect(png.width).toBeGreaterThan(600);
    expect((await workbook(done)).worksheets).toHaveLength(5);
  }, 180_000);

  it('refuses a member every report but the status of their own organisation', async () => {
    const serbia = d.member['MOI-RS']!;
    const refused = await t.say(serbia, 'report needs');
    expect(textOf(refused)).toBe('Sorry, the *needs* report is for the IISG Secretariat and the Board. You can run *report status* for your own organisation.');
    expect(refused.later).toBeUndefined();
    expect(textOf(await t.say(serbia, 'report status MOI-AL'))).toMatch(/your own organisation only/);
    const own = await (await t.say(serbia, 'report status')).later!();
    expect(textOf(own)).toContain('• Serbia MoI, 2026-Q3: Reported: 1 update.');
    expect(textOf(own)).not.toContain('Albania');
    const grid = sheetRows(await workbook(own), 'Status');
    expect(grid.map((r) => r[0])).toEqual(['Organisation', 'Serbia MoI', 'Settled']);
  });

  it('explains unknown reports and bad options', async () => {
    expect(textOf(await t.say(d.secretariat, 'report budgets'))).toBe('I do not know a report called "budgets". The reports are: status, updates, needs, responses, gaps.');
    expect(textOf(await t.say(d.secretariat, 'report updates 2026-Q4 2026-Q3'))).toBe(
      'Please give one quarter, e.g. 2026-Q4. Usage: *report updates [quarter] [country]*, e.g. *report updates 2026-Q4 Serbia*.',
    );
    expect(textOf(await t.say(d.secretariat, 'report gaps Atlantis'))).toMatch(/^I did not understand "Atlantis"\. Usage: \*report gaps \[country\] \[theme\]\*/);
  });

  it('never counts drafts: an open need draft leaves the needs mapping as it was', async () => {
    const serbia = d.member['MOI-RS']!;
    await t.say(serbia, 'need');
    await t.say(serbia, 'Night vision goggles');
    expect(await t.store.drafts.openFor(serbia)).toHaveLength(1);
    expect((await build(t.core, d.secretariat, 'needs')).summary[0]).toBe('11 needs in the 2025-2026 mapping: 6 high, 4 medium, 1 low priority.');
    await t.say(serbia, 'cancel');
  });

  it('keeps the quick status command consistent with the status report', async () => {
    const now = textOf(await t.say(d.secretariat, 'status'));
    expect(now).toContain('*Quarterly status 2026-Q4* — 5 of 19 organisations settled. Deadline 15 January 2027.');
    expect(now).toContain('*Not yet reported (14):*');
    const q3 = textOf(await t.say(d.secretariat, 'status 2026-Q3'));
    const fromReport = (await rowsOf(await build(t.core, d.secretariat, 'status 2026-Q3'), 'By quarter'))[0]!;
    expect(q3).toContain(`— ${Number(fromReport.reported) + Number(fromReport.nil) + Number(fromReport.exempt)} of 19 organisations settled`);
    expect(q3).toContain(`*Overdue (${fromReport.overdue}):* Albania MoI, Austria MoI, Bosnia and Herzegovina MoS, DCAF, DG NEAR, Italy MoI, OSCE Mission to BiH, PCC SEE, UNODC`);
  });

  /**
   * `wbbsi report` as an operator runs it: a child process on the dataset's database. Its clock is the
   * machine's, so these reports are ones whose content does not depend on today (a year, a country);
   * file names carry today's date.
   */
  describe('wbbsi report (command line)', () => {
    // Every quarter of the dataset is due, as in the tests above (the dataset's core never stored a first quarter).
    const wbbsi = (...args: string[]) => runWbbsi(['report', ...args], { dbName: t.dbName, env: { FIRST_REPORTING_QUARTER: '2025-Q1' } });

    it('writes the XLSX into a folder and says where', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wbbsi-report-'));
      const xlsx = await wbbsi('responses', '2026', '--format', 'xlsx', '--out', `${dir}/`);
      expect(xlsx.code).toBe(0);
      expect(xlsx.stderr).toBe('');
      const [name] = readdirSync(dir);
      expect(name).toMatch(/^wbbsi-responses-\d{4}-\d{2}-\d{2}\.xlsx$/);
      expect(xlsx.stdout).toBe(`Wrote ${dir}/${name}\n`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(join(dir, name!)) as unknown as ExcelJS.Buffer);
      expect(sheetRows(wb, 'By provider')[1]).toEqual(['GIZ', 3, 3_700_000]);
      const csv = await wbbsi('status', '2026-Q3', '--format', 'csv', '--out', join(dir, 'status.csv'));
      expect(csv.stdout.trim().split('\n')).toEqual([`Wrote ${dir}/status.csv`, `Wrote ${dir}/status-detail.csv`, `Wrote ${dir}/status-by-quarter.csv`]);
      const byQuarter = parseCsv(readFileSync(join(dir, 'status-by-quarter.csv'), 'utf8').replace(/^\uFEFF/, ''));
      expect(byQuarter[1]).toEqual(['2026-Q3', '2026-10-15', '19', '6', '3', '1', '9', '0', '0', '1', '1', '2']);
      expect(readdirSync(dir)).toHaveLength(4);
    }, 120_000);

    it('prints Markdown to stdout', async () => {
      const md = await wbbsi('updates', 'Kosovo', '--format', 'md');
      expect(md.code).toBe(0);
      expect(md.stdout).toContain('| DU-2026-XK-001 | Kosovo* | 2026-Q4 | Action plan |');
      expect(md.stdout.split('This designation is without prejudice')).toHaveLength(2); // the footnote, once
    }, 120_000);

    it('says why for bad options, with exit code 2', async () => {
      expect(await wbbsi('gaps', '--format', 'pdf')).toEqual({ code: 2, stdout: '', stderr: '--format must be one of md, csv, xlsx, json, png.\n' });
    }, 120_000);
  });
});
