import ExcelJS from 'exceljs';
import type { RecordDoc } from '../../src/db/models/record.model';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { describeProblem } from '../../src/spreadsheets/import-problems';
import type { ImportResult } from '../../src/spreadsheets/spreadsheet.service';
import { openTestCore, type TestCore } from '../support/test-core';

/** What files look like in practice: CSV from European Excel, headers by code or label, amounts and dates as people write them. */
describe('spreadsheet import: formats and values', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await openTestCore();
  });
  afterAll(() => t.close());

  const csv = (lines: string[], sep = ';', bom = true) => Buffer.from(`${bom ? '\uFEFF' : ''}${lines.map((l) => l.replace(/\|/g, sep)).join('\r\n')}\r\n`, 'utf8');
  // Two rows are written at a time, so ids need not follow row order: sorted by title instead.
  const records = async (type: RecordDoc['type']) => (await t.store.ctx.models.records.find({ type }).lean<RecordDoc[]>()).sort((a, b) => String(a.data.title).localeCompare(String(b.data.title)));
  const problems = (r: ImportResult) => r.problems.map(describeProblem);
  const importAs = (kind: 'needs' | 'updates' | 'responses', name: string, content: Buffer) => t.core.spreadsheets.apply(SYSTEM_ACTOR, kind, { name, content });

  it('reads CSV with a BOM and ";", headers by code, Kosovo written either way, organisations by name', async () => {
    const r = await importAs(
      'needs',
      'needs-semicolon.csv',
      csv([
        'organisation|country|title|needType|perspective|theme|description|justification|beneficiaryInstitution|priority|timeframe',
        'Kosovo MoI|Kosovo|Boats for the lake border|operational|prevention|border-surveillance|"Two patrol boats; with training"|Crossings over the lake are rising.|Border Police|high|short',
        'MOI-XK|kosovo*|Radios for patrols|Operational|Prevention|Border surveillance|Digital radios for forty patrols.|The analogue network fails in the mountains.|Border Police|Medium|Medium term (1 to 3 years)',
      ]),
    );
    expect(problems(r)).toEqual([]);
    expect(r.written).toEqual({ created: 2, updated: 0 });
    const stored = await records('need');
    expect(stored.map((n) => [n.data.title, n.orgCode, n.data.country, n.data.priority, n.data.timeframe])).toEqual([
      ['Boats for the lake border', 'MOI-XK', 'XK', 'high', 'short'],
      ['Radios for patrols', 'MOI-XK', 'XK', 'medium', 'medium'],
    ]);
    expect(stored[0]!.data.description).toBe('Two patrol boats; with training');
  });

  it('reads CSV with "," and no BOM, headers by the forms\' full labels', async () => {
    const r = await importAs(
      'needs',
      'needs-comma.csv',
      csv(
        [
          'Organisation|Which partner has this need?|Short title|Type of need|Perspective|Main theme|Description|Justification|Beneficiary institution|Priority|Timeframe|Status in the decision chain',
          'MOI-AL|Albania|Document examiners|institutional|response|Document security|"Training for 30 document examiners, with equipment."|Forged documents found at the airport doubled.|Border Police|low|long|validated',
        ],
        ',',
        false,
      ),
    );
    expect(problems(r)).toEqual([]);
    expect((await records('need')).find((n) => n.data.title === 'Document examiners')!.data).toMatchObject({ country: 'AL', status: 'validated', theme: 'document-security' });
  });

  it('reads amounts like 1.25m and dates in the formats the forms accept; several values separated by ";"', async () => {
    const [need] = await records('need');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Import responses');
    ws.addRow(['Organisation', 'Title of the action', 'Provider(s)', 'Beneficiary countries', 'Themes', 'Type of assistance', 'Budget in EUR', 'Start date', 'End date', 'Status', 'Needs it answers']);
    ws.addRow(['GIZ', 'Boats and training', 'GIZ; Austria MoI', 'Kosovo; Serbia', 'Border surveillance; Training', 'Equipment or infrastructure', '1.25m', '15.1.2027', '15 January 2028', 'pipeline', `${need!._id} full`]);
    ws.addRow(['BMI-AT', 'Radios', undefined, 'Regional', 'Asylum, reception and registration', 'equipment', 'EUR 40.000', new Date(Date.UTC(2027, 2, 1)), '2027-12-31', 'Implementation', undefined]);
    ws.addRow(['DG-NEAR', 'Twinning', 'DG-NEAR', 'AL', 'cooperation', 'twinning', 250000, 'March 3 2027', undefined, 'pipeline', undefined]);
    const r = await importAs('responses', 'responses.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(problems(r)).toEqual([]);
    const stored = await records('response');
    expect(stored.map((x) => [x.data.title, x.orgCode, x.data.providers, x.data.beneficiaries, x.data.themes, x.data.budgetEur, x.data.startDate, x.data.endDate])).toEqual([
      ['Boats and training', 'GIZ', ['GIZ', 'BMI-AT'], ['XK', 'RS'], ['border-surveillance', 'training'], 1_250_000, '2027-01-15', '2028-01-15'],
      ['Radios', 'BMI-AT', ['BMI-AT'], ['REGIONAL'], ['asylum-reception'], 40_000, '2027-03-01', '2027-12-31'],
      ['Twinning', 'DG-NEAR', ['DG-NEAR'], ['AL'], ['cooperation'], 250_000, '2027-03-03', undefined],
    ]);
    expect(stored[0]!.data.needLinks).toEqual([{ needId: need!._id, coverage: 'full' }]);
  });

  it('refuses a classification marking anywhere in the row, even in a column it does not know', async () => {
    const r = await importAs(
      'updates',
      'updates.csv',
      csv([
        'Organisation|Kind|Title|Country|Stage|Date|Short summary|Themes|Notes',
        'MOI-RS|Law|Law on Border Control|Serbia|Adopted|15.1.2027|A new law on border control aligning with the Schengen Borders Code.|legal-strategic|',
        'MOI-RS|Law|CONFIDENTIAL annex to the border law|RS|draft||Annex with the deployment plan of the border police units.|legal-strategic|SECRET',
      ]),
    );
    expect(r.ok).toBe(false);
    expect(problems(r)).toEqual([
      'Row 1, column I (Notes): I do not know the column "Notes". Use the template\'s headers (a label or a code, see the Instructions sheet), or delete the column.',
      'Row 3, column C (Title): This cell carries the marking "CONFIDENTIAL". Classified information is not accepted here: remove it, or write an unclassified description.',
      'Row 3, column I (Notes): This cell carries the marking "SECRET". Classified information is not accepted here: remove it, or write an unclassified description.',
    ]);
    const marked = await importAs(
      'updates',
      'updates.csv',
      csv(['Organisation|Kind|Title|Country|Stage|Date|Short summary|Themes', 'MOI-RS|Law|CONFIDENTIAL annex to the border law|RS|draft||Annex with the deployment plan of the border police units.|legal-strategic']),
    );
    expect(problems(marked)).toEqual(['Row 2, column C (Title): This cell carries the marking "CONFIDENTIAL". Classified information is not accepted here: remove it, or write an unclassified description.']);
    expect(await records('update')).toEqual([]);
  });

  it('says what is wrong with the header, and with files that are no spreadsheets', async () => {
    const missing = await importAs('needs', 'short.csv', csv(['Organisation|Country|Short title|Short title', 'MOI-RS|RS|A|B']));
    expect(problems(missing)).toEqual([
      'Row 1, column D (Short title): "Short title" repeats column C. Please keep one of them.',
      'Row 1: Columns missing: "Type of need", "Perspective", "Main theme", "Description", "Justification", "Beneficiary institution", "Priority", "Timeframe". Please start from the template (wbbsi template needs).',
    ]);
    const latin1 = Buffer.from('Organisation;Country\nMOI-RS;Srbija \xe8\n', 'latin1');
    expect(problems(await importAs('needs', 'old.csv', latin1))).toEqual([expect.stringMatching(/^Row 1: This CSV file is not in UTF-8.*CSV UTF-8/)]);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(problems(await importAs('needs', 'old.xls', xls))).toEqual([expect.stringMatching(/old Excel 97–2003 file/)]);
    expect(problems(await importAs('needs', 'damaged.xlsx', Buffer.from('PK\x03\x04 not really a zip')))).toEqual([expect.stringMatching(/seems damaged/)]);
    expect(problems(await importAs('needs', 'empty.csv', csv(['Organisation|Country|Short title|Type of need|Perspective|Main theme|Description|Justification|Beneficiary institution|Priority|Timeframe'])))).toEqual([
      'Row 2: The sheet has no rows to import below its header.',
    ]);
  });

  it('imports the CSV template filled in (its second header row is skipped)', async () => {
    const template = (await t.core.spreadsheets.template('updates', 'csv')).content.toString('utf8').trimEnd().split('\r\n');
    const row = ',MOI-ME,2026-Q3,Action or project,Joint patrols with Albania,Montenegro,,,1 Feb 2027,,"Joint patrols on the green border, four times a month.",Cooperation; Border surveillance,';
    const r = await importAs('updates', 'updates-template.csv', Buffer.from(`${[...template, row].join('\r\n')}\r\n`, 'utf8'));
    expect(problems(r)).toEqual([]);
    const [rec] = (await records('update')).filter((u) => u.data.title === 'Joint patrols with Albania');
    expect(rec).toMatchObject({ orgCode: 'MOI-ME', quarter: '2026-Q3', data: { kind: 'action', country: 'ME', date: '2027-02-01', themes: ['cooperation', 'border-surveillance'] } });
    expect(rec!.data).not.toHaveProperty('stage');
  });
});
