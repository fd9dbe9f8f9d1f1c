import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordDoc } from '../../src/db/models/record.model';
import { KOSOVO_FOOTNOTE } from '../../src/domain/kosovo';
import { openTestDb, type TestDb } from '../support/test-db';
import { needRows } from './needs-rows';
import { editCells, fillTemplate, openWorkbook, sheetValues, type RowInput } from './sheets';
import { exitOf, wbbsi } from './wbbsi-cli';

/**
 * The journey of issue 19 on the command line, each step a `wbbsi` child process against the test
 * database: the project's own template, filled with 200 needs (5 of them broken, then fixed),
 * imported, imported again, exported with the needs report, edited in 3 cells and imported back.
 */
describe('wbbsi template / import (command line)', () => {
  let db: TestDb;
  let dir: string;
  const run = (...args: string[]) => wbbsi(db.dbName, dir, ...args);
  const needs = () => db.store.ctx.models.records.find({ type: 'need' }).lean<RecordDoc[]>();

  beforeAll(async () => {
    db = await openTestDb();
    dir = mkdtempSync(join(tmpdir(), 'wbbsi-import-cli-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Five rows broken the ways a real mapping spreadsheet is: a mistyped theme, an unknown priority, a marking, an unknown organisation, no title. */
  const broken = (rows: RowInput[]): RowInput[] =>
    rows.map((r, i) => {
      if (i === 17) return { ...r, 'Main theme': 'Bordr czechs' };
      if (i === 58) return { ...r, Priority: 'urgent' };
      if (i === 99) return { ...r, Description: 'RESTREINT UE — details of the surveillance gaps at the crossing points.' };
      if (i === 140) return { ...r, Organisation: 'NOPE' };
      if (i === 181) return { ...r, 'Short title': undefined };
      return r;
    });

  let templatePath: string;
  let fixedPath: string;

  it('writes the template: instructions, the data sheet with its two header rows and drop-downs, and the lists', async () => {
    templatePath = join(dir, 'needs-template.xlsx');
    const r = await run('template', 'needs', '--out', templatePath);
    expect(exitOf(r)).toBe('exit 0');
    expect(r.stdout.trim()).toBe(`Wrote ${templatePath}`);
    const wb = await openWorkbook(readFileSync(templatePath));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Instructions', 'Import needs', 'Lists']);
    const data = sheetValues(wb, 'Import needs');
    expect(data[0]).toEqual(['Id', 'Organisation', 'Quarter', 'Country', 'Short title', 'Type of need', 'Perspective', 'Main theme', 'Description', 'Justification', 'Beneficiary institution', 'Priority', 'Timeframe', 'Status']);
    expect(data[1]).toEqual(expect.arrayContaining(['id (optional)', 'organisation (required for new rows)', 'country (required)', 'status (optional)']));
    const ws = wb.getWorksheet('Import needs')!;
    expect(ws.getCell('D3').dataValidation).toMatchObject({ type: 'list', formulae: ["'Lists'!$B$2:$B$7"] });
    expect(ws.getCell('L4999').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('D1').note).toBeDefined();
    const lists = sheetValues(wb, 'Lists').flat();
    expect(lists).toEqual(expect.arrayContaining(['Kosovo*', 'XK', 'Border checks', 'MOI-RS', 'Serbia MoI', 'Adopted by the Board', KOSOVO_FOOTNOTE]));
    expect(sheetValues(wb, 'Instructions').flat().join('\n')).toMatch(/All or nothing/);

    const csvPath = join(dir, 'needs-template.csv');
    expect(exitOf(await run('template', 'needs', '--format', 'csv', '--out', csvPath))).toBe('exit 0');
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFFId,Organisation,Quarter,Country,Short title,')).toBe(true);
    expect(csv.split('\r\n')[1]).toMatch(/^id \(optional\),organisation \(required for new rows\),quarter \(optional\),country \(required\)/);
  }, 120_000);

  it('refuses the file with 5 broken rows as a whole: each problem with its row and column, nothing stored', async () => {
    const path = join(dir, 'needs-broken.xlsx');
    writeFileSync(path, await fillTemplate(readFileSync(templatePath), 'Import needs', broken(needRows(200))));
    const r = await run('import', 'needs', path);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('needs-broken.xlsx (sheet "Import needs"): 5 problems, so nothing was imported. Please correct them and try again:');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toEqual([
      expect.stringMatching(/^• Row 20, column H \(Main theme\): Please pick one of: 1\. Legal and strategic framework/),
      expect.stringMatching(/^• Row 61, column L \(Priority\): Please pick one of: 1\. High, 2\. Medium, 3\. Low\.$/),
      expect.stringMatching(/^• Row 102, column I \(Description\): This cell carries the marking "RESTREINT UE"\./),
      '• Row 143, column B (Organisation): "NOPE" is not an organisation in the roster. Use a code such as MOI-RS (see the Lists sheet).',
      '• Row 184, column E (Short title): Please answer "Short title".',
    ]);
    expect(await needs()).toEqual([]);
    expect(await db.store.ctx.models.audit.countDocuments({ action: 'import' })).toBe(0);
    // --dry-run reports the same and writes nothing either.
    expect((await run('import', 'needs', path, '--dry-run')).code).toBe(1);
  }, 120_000);

  it('imports the fixed file: 200 needs, correct in every report; a progress indication on stderr', async () => {
    fixedPath = join(dir, 'needs-fixed.xlsx');
    writeFileSync(fixedPath, await fillTemplate(readFileSync(templatePath), 'Import needs', needRows(200)));
    const dry = await run('import', 'needs', fixedPath, '--dry-run');
    expect(exitOf(dry)).toBe('exit 0');
    expect(dry.stdout).toContain('200 rows of needs checked, no problems. Importing it will create 200, update 0 (new versions), leave 0 unchanged.\nNothing was written (dry run).');
    expect(await needs()).toEqual([]);

    const r = await run('import', 'needs', fixedPath);
    expect(exitOf(r)).toBe('exit 0');
    expect(r.stdout.trim()).toBe('Imported needs-fixed.xlsx (sheet "Import needs"): 200 rows of needs; 200 created, 0 updated (new versions), 0 unchanged.');
    expect(r.stderr).toContain('Checking: 200 rows, done');
    expect(r.stderr).toContain('Writing: 200 rows, done');

    const stored = await needs();
    expect(stored).toHaveLength(200);
    const first = stored.find((n) => n.data.title === 'Need 1: equipment for border crossing point 1')!;
    expect(first).toMatchObject({ orgCode: 'MOI-AL', quarter: '2026-Q3', version: 1, data: { country: 'AL', needType: 'operational', perspective: 'response', theme: 'border-checks', priority: 'high', timeframe: 'short', status: 'validated' } });
    // Kosovo written either way, organisations by code or by name (with or without the asterisk).
    expect(stored.filter((n) => n.data.country === 'XK').map((n) => n.orgCode)).toEqual(expect.arrayContaining(['MOI-XK']));
    expect(new Set(stored.filter((n) => n.data.country === 'XK').map((n) => n.orgCode))).toEqual(new Set(['MOI-XK']));
    expect(stored.filter((n) => n.orgCode === 'MOS-BA').every((n) => n.data.country === 'BA')).toBe(true);
    const audit = await db.store.ctx.models.audit.find({ action: 'import' }).lean<{ note: string; actorName: string }[]>();
    expect(audit.map((a) => [a.actorName, a.note])).toEqual([['wbbsi command line', 'needs-fixed.xlsx: 200 rows of needs; 200 created, 0 updated, 0 unchanged']]);

    const report = JSON.parse((await run('report', 'needs', '--format', 'json')).stdout) as { summary: string[]; tables: { name: string; rows: Record<string, unknown>[] }[] };
    expect(report.summary[0]).toMatch(/^200 needs in the 2025-2026 mapping: 67 high, 67 medium, 66 low priority\./);
    const listing = report.tables.find((t) => t.name === 'Needs')!.rows;
    expect(listing).toHaveLength(200);
    expect(listing.filter((row) => row.country === 'Kosovo*')).toHaveLength(58);
    const gaps = JSON.parse((await run('report', 'gaps', '--format', 'json')).stdout) as { summary: string[] };
    expect(gaps.summary.join('\n')).toMatch(/200 open needs/);
    const status = JSON.parse((await run('report', 'status', '2026-Q4', '--format', 'json')).stdout) as { tables: { name: string; rows: Record<string, unknown>[] }[] };
    const grid = status.tables.find((t) => t.name === 'Status')!.rows;
    // Rows without a quarter count for the current one: each partner reported needs for 2026-Q4.
    expect(grid.filter((row) => /^Reported: \d+ needs?$/.test(String(row.q_2026_Q4))).map((row) => row.organisation).sort()).toEqual(
      ['Albania MoI', 'Bosnia and Herzegovina MoS', 'Kosovo* MoI', 'Montenegro MoI', 'North Macedonia MoI', 'Serbia MoI'].sort(),
    );
  }, 240_000);

  it('imports the same file again: nothing changes', async () => {
    const before = await needs();
    const r = await run('import', 'needs', fixedPath);
    expect(exitOf(r)).toBe('exit 0');
    expect(r.stdout.trim()).toBe('needs-fixed.xlsx (sheet "Import needs"): all 200 rows of needs are stored exactly like this already. Nothing to import.');
    expect(await needs()).toEqual(before);
    expect(await db.store.ctx.models.recordVersions.countDocuments({})).toBe(200);
  }, 120_000);

  it('round trip: the needs report as XLSX, 3 cells edited offline, imported back: 3 new versions, nothing else touched', async () => {
    const exported = join(dir, 'export.xlsx');
    expect(exitOf(await run('report', 'needs', '--format', 'xlsx', '--out', exported))).toBe('exit 0');
    const wb = await openWorkbook(readFileSync(exported));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Needs', 'By country', 'By theme', 'Changes', 'Import needs']);
    const rows = sheetValues(wb, 'Import needs');
    expect(rows[0]).toEqual(['Id', 'Organisation', 'Quarter', 'Country', 'Short title', 'Type of need', 'Perspective', 'Main theme', 'Description', 'Justification', 'Beneficiary institution', 'Priority', 'Timeframe', 'Status']);
    expect(rows.filter((r) => typeof r?.[0] === 'string' && /^NM-/.test(r[0] as string))).toHaveLength(200);
    expect(rows.flat()).toContain(KOSOVO_FOOTNOTE);

    const stored = await needs();
    const byTitle = (t: string) => stored.find((n) => n.data.title === t)!;
    const [a, b, c] = [byTitle('Need 2: equipment for border crossing point 2'), byTitle('Need 4: equipment for border crossing point 4'), byTitle('Need 9: equipment for border crossing point 9')];
    const edited = join(dir, 'export-edited.xlsx');
    writeFileSync(
      edited,
      await editCells(readFileSync(exported), 'Import needs', [
        [a._id, 'Priority', 'High'],
        [b._id, 'Short title', 'Thermal cameras for the green border near Kosovo*'],
        [c._id, 'Status', 'Discussed by the Support Group'],
      ]),
    );
    const r = await run('import', 'needs', edited);
    expect(exitOf(r)).toBe('exit 0');
    expect(r.stdout.trim()).toBe('Imported export-edited.xlsx (sheet "Import needs"): 200 rows of needs; 0 created, 3 updated (new versions), 197 unchanged.');

    const after = await needs();
    const changed = after.filter((n) => n.version > 1);
    expect(changed.map((n) => n._id).sort()).toEqual([a._id, b._id, c._id].sort());
    expect(after.find((n) => n._id === a._id)!.data).toEqual({ ...a.data, priority: 'high' });
    expect(after.find((n) => n._id === b._id)!.data).toEqual({ ...b.data, title: 'Thermal cameras for the green border near Kosovo*' });
    expect(after.find((n) => n._id === c._id)!.data).toEqual({ ...c.data, status: 'agreed' });
    const untouched = (list: RecordDoc[]) => list.filter((n) => ![a._id, b._id, c._id].includes(n._id));
    expect(untouched(after)).toEqual(untouched(stored));
    expect(await db.store.ctx.models.recordVersions.countDocuments({})).toBe(203);
    const updates = await db.store.ctx.models.audit.find({ action: 'update', entity: 'record' }).lean<{ entityId: string; changes: { field: string }[] }[]>();
    expect(updates.map((u) => [u.entityId, u.changes.map((x) => x.field)]).sort()).toEqual([[a._id, ['priority']], [b._id, ['title']], [c._id, ['status']]].sort());
  }, 240_000);

  it('answers usage mistakes with exit code 2', async () => {
    expect((await run('import', 'meetings', fixedPath)).code).toBe(2);
    expect((await run('import', 'needs')).code).toBe(2);
    expect((await run('import', 'needs', join(dir, 'missing.xlsx'))).code).toBe(2);
    expect((await run('template', 'needs', '--format', 'pdf')).code).toBe(2);
    expect(existsSync(join(dir, 'missing.xlsx'))).toBe(false);
  }, 120_000);
});
