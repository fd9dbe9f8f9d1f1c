import ExcelJS from 'exceljs';
import type { RecordDoc } from '../../src/db/models/record.model';
import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { describeProblem } from '../../src/spreadsheets/import-problems';
import type { ImportKind } from '../../src/spreadsheets/import-kinds';
import { IMPORT_REFUSED, type ImportResult } from '../../src/spreadsheets/spreadsheet.service';
import { addPerson } from '../support/people';
import { openTestCore, type TestCore } from '../support/test-core';
import { needRows } from './needs-rows';
import { fillTemplate, openWorkbook } from './sheets';

/** Rows with ids, repeated rows, the round trip of every kind through its report, and who may import. */
describe('spreadsheet import: records, ids and the round trip', () => {
  let t: TestCore;
  let ids: string[];
  beforeAll(async () => {
    t = await openTestCore();
  });
  afterAll(() => t.close());

  const file = (name: string, content: Buffer) => ({ name, content });
  const csv = (lines: string[]) => file('x.csv', Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
  const problems = (r: ImportResult) => r.problems.map(describeProblem);
  const apply = (kind: ImportKind, f: { name: string; content: Buffer }) => t.core.spreadsheets.apply(SYSTEM_ACTOR, kind, f);
  const needs = () => t.store.ctx.models.records.find({ type: 'need' }).lean<RecordDoc[]>();
  const template = async (kind: ImportKind) => (await t.core.spreadsheets.template(kind, 'xlsx')).content;

  it('completes an import that stopped half-way when the same file is imported again', async () => {
    // What a database failure after 6 of 10 rows leaves behind: those 6 rows written.
    await apply('needs', file('first-six.xlsx', await fillTemplate(await template('needs'), 'Import needs', needRows(6))));
    const all = await apply('needs', file('all-ten.xlsx', await fillTemplate(await template('needs'), 'Import needs', needRows(10))));
    expect(all.written).toEqual({ created: 4, updated: 0 });
    expect(all.counts.unchanged).toBe(6);
    ids = (await needs()).map((n) => n._id).sort();
    expect(ids).toHaveLength(10);
  });

  it('checks every id: known, of this kind, active, once per file, same organisation and quarter', async () => {
    const [a, b, c] = ids;
    await t.store.records.retire(SYSTEM_ACTOR, c!);
    const response = await apply('responses', csv(['Organisation;Title of the action;Provider(s);Beneficiary countries;Themes;Type of assistance;Start date;Status', 'GIZ;Radios;;RS;training;equipment;1.3.2027;pipeline']));
    expect(problems(response)).toEqual([]);
    const rm = (await t.store.ctx.models.records.findOne({ type: 'response' }).lean<RecordDoc>())!._id;
    const r = await apply('needs', csv(['Id;Organisation;Quarter;Priority', `NM-2026-RS-999;;;high`, `${rm};;;high`, `${a};;;low`, `${a};;;high`, `${b};MOI-RS;2024-Q1;low`, `${c};;;low`]));
    const org = (await needs()).find((n) => n._id === b)!;
    expect(problems(r)).toEqual([
      'Row 2, column A (Id): I cannot find NM-2026-RS-999. Clear the id to create a new record, or correct it.',
      `Row 3, column A (Id): ${rm} is a response, not one of the needs. Import it with the response template, or clear the id.`,
      `Row 5, column A (Id): ${a} is also on row 4. Please keep one row per record.`,
      ...(org.orgCode === 'MOI-RS' ? [] : [`Row 6, column B (Organisation): ${b} belongs to ${org.orgCode}; a record cannot move to another organisation. Write ${org.orgCode} or leave the cell empty.`]),
      `Row 6, column C (Quarter): ${b} was reported for ${org.quarter}; its quarter cannot be changed. Write ${org.quarter} or leave the cell empty.`,
      `Row 7, column A (Id): ${c} has been retired. Clear the id to record it again as a new record.`,
    ]);
  });

  it('changes only the columns a file with ids carries; refuses a repeated new row', async () => {
    const before = await needs();
    const [a, b] = ids;
    // An empty cell clears a field: a required one cannot be cleared, and the file is refused.
    expect(problems(await apply('needs', csv(['Id;Priority;Timeframe', `${a};Low;`, `${b};high;long`])))).toEqual(['Row 2, column C (Timeframe): Please pick one of the options.']);
    const ok = await apply('needs', csv(['Id;Priority', `${a};Low`, `${b};high`]));
    expect(problems(ok)).toEqual([]);
    const after = await needs();
    const was = (id: string) => before.find((n) => n._id === id)!;
    const wanted: Record<string, string> = { [a!]: 'low', [b!]: 'high' };
    expect(after.filter((n) => n.version > was(n._id).version).map((n) => n._id).sort()).toEqual([a!, b!].filter((id) => was(id).data.priority !== wanted[id]).sort());
    for (const id of [a!, b!]) expect(after.find((n) => n._id === id)!.data).toEqual({ ...was(id).data, priority: wanted[id] });
    const twice = needRows(1, 500);
    expect(problems(await apply('needs', file('twice.xlsx', await fillTemplate(await template('needs'), 'Import needs', [...twice, ...twice]))))).toEqual(['Row 4: This row repeats row 3. Please delete one of them.']);
  });

  it('round trip of every kind through its report: exported records come back unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Import updates');
    ws.addRow(['Organisation', 'Kind', 'Title', 'Country', 'Stage', 'Date', 'Link', 'Short summary', 'Themes', 'Related needs']);
    ws.addRow(['MOI-XK', 'law', 'Law on Border Control of Kosovo', 'XK', 'in-force', '2.2.2027', 'https://example.org/law', 'The law on border control of Kosovo enters into force.', 'Legal and strategic framework; Border checks', `${ids[0]}; ${ids[1]}`]);
    ws.addRow(['MOI-AL', 'action', 'Joint patrols', 'Regional', undefined, undefined, undefined, 'Joint patrols along the green border, every week.', 'cooperation', undefined]);
    expect(problems(await apply('updates', file('updates.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))))).toEqual([]);
    const response = await t.store.ctx.models.records.findOne({ type: 'response' }).lean<RecordDoc>();
    await t.store.records.update(SYSTEM_ACTOR, response!._id, { ...response!.data, budgetEur: 1_250_000.5, endDate: '2027-12-31', needLinks: [{ needId: ids[0], coverage: 'partial' }] });

    t.clock.advance(3600_000); // a running cycle's report shows what was recorded before now
    for (const [kind, options] of [['updates', []], ['needs', []], ['responses', ['all']]] as [ImportKind, string[]][]) {
      const prepared = await t.core.reports.prepare(SYSTEM_ACTOR, kind, options);
      if (!prepared.ok) throw new Error(prepared.message);
      const [xlsx] = await t.core.reports.render(await prepared.build(), ['xlsx']);
      const sheet = (await openWorkbook(xlsx!.content)).getWorksheet(`Import ${kind}`)!;
      if (kind === 'responses') expect(sheet.getRow(2).values).toEqual(expect.arrayContaining([new Date('2027-03-01T00:00:00Z'), 1_250_000.5]));
      // Exports write Kosovo*, also inside a title stored without the asterisk; that is no change.
      if (kind === 'updates') expect(sheet.getSheetValues().flat()).toContain('Law on Border Control of Kosovo*');
      const again = await apply(kind, file(`${kind}-export.xlsx`, xlsx!.content));
      expect([kind, problems(again), again.counts.create, again.counts.update]).toEqual([kind, [], 0, 0]);
      expect(again.counts.unchanged).toBe(again.rows);
      expect(again.rows).toBeGreaterThan(0);
    }
  });

  it('is for the Secretariat only; a staged upload is imported once, however often Import is pressed', async () => {
    const member = await addPerson(t.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
    const f = file('more.xlsx', await fillTemplate(await template('needs'), 'Import needs', needRows(3, 700)));
    await expect(t.core.spreadsheets.dryRun(member, 'needs', f)).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: IMPORT_REFUSED });
    await expect(t.core.spreadsheets.applyStaged(member, 'import-needs-x')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const { result, id } = await t.core.spreadsheets.stage(SYSTEM_ACTOR, 'needs', f);
    expect(result.counts.create).toBe(3);
    expect(await needs()).toHaveLength(10);
    const [first, second] = await Promise.all([t.core.spreadsheets.applyStaged(SYSTEM_ACTOR, id!), t.core.spreadsheets.applyStaged(SYSTEM_ACTOR, id!)]);
    expect([first, second].filter((x) => x === 'done')).toHaveLength(1);
    expect(await needs()).toHaveLength(13);
    expect(await t.core.spreadsheets.applyStaged(SYSTEM_ACTOR, 'import-needs-unknown')).toBe('expired');
  });
});
