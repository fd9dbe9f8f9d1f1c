import ExcelJS from 'exceljs';
import { KOSOVO_FOOTNOTE } from '../../../src/domain/kosovo';
import { sheetName, toXlsx } from '../../../src/render/to-xlsx';
import { kosovoReport, plainReport } from './report-fixtures';

async function open(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && out.push(cell.value))));
  return out;
}

describe('toXlsx', () => {
  it('has an About sheet first, then one sheet per table', async () => {
    const wb = await open(await toXlsx(plainReport()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'By country', 'Providers']);
  });

  it('writes a bold, frozen header row with widths, values, number formats, totals and an autofilter', async () => {
    const ws = (await open(await toXlsx(plainReport()))).getWorksheet('By country');
    if (!ws) throw new Error('sheet missing');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Country', 'Needs', 'Budget', 'Covered', 'Due']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A2').value).toBe('Serbia');
    expect(ws.getCell('B2').value).toBe(1234);
    expect(ws.getCell('B2').numFmt).toBe('#,##0');
    expect(ws.getCell('C2').value).toBe(1250000);
    expect(ws.getCell('C2').numFmt).toBe('"EUR "#,##0');
    expect(ws.getCell('D2').value).toBe(0.25);
    expect(ws.getCell('D2').numFmt).toBe('0.0%');
    expect(ws.getCell('E2').value).toEqual(new Date('2026-03-31T00:00:00Z'));
    expect(ws.getCell('E2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('E3').value).toBeNull();
    expect(ws.getCell('A4').value).toBe('Total');
    expect(ws.getCell('A4').font?.bold).toBe(true);
    expect(ws.getCell('B4').value).toBe(1236);
    expect(ws.rowCount).toBe(4);
    expect(ws.getColumn(1).width).toBe(28);
    expect(ws.getColumn(3).width).toBe(18);
    // The filter covers the header and data rows, not the totals.
    expect(ws.autoFilter).toBe('A1:E3');
  });

  it('puts title, generated time, summary, sheet list and notes on the About sheet, and no footnote without Kosovo', async () => {
    const about = (await open(await toXlsx(plainReport()))).getWorksheet('About');
    if (!about) throw new Error('sheet missing');
    const lines = texts(about);
    expect(lines[0]).toBe('Response mapping 2026');
    expect(about.getCell('A1').font?.bold).toBe(true);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Who does what where',
        'Generated 2026-05-04 09:30 UTC',
        '14 responses, EUR 3,400,000 in total',
        'By country: Responses by country',
        'Providers: Providers',
        'Budgets are planned amounts.',
      ]),
    );
    expect(lines.join('\n')).not.toContain('This designation');
  });

  it('writes Kosovo*, with the footnote once on the About sheet and once under the table that names it', async () => {
    const wb = await open(await toXlsx(kosovoReport()));
    const about = wb.getWorksheet('About');
    const byCountry = wb.getWorksheet('By country');
    const providers = wb.getWorksheet('Providers');
    if (!about || !byCountry || !providers) throw new Error('sheet missing');
    expect(texts(about)).toContain('Kosovo* has 3 uncovered needs');
    expect(texts(about).filter((t) => t === KOSOVO_FOOTNOTE)).toHaveLength(1);
    expect(byCountry.getCell('A4').value).toBe('Kosovo*');
    expect(texts(byCountry).filter((t) => t === KOSOVO_FOOTNOTE)).toHaveLength(1);
    // The footnote sits below the totals, after a blank row.
    expect(byCountry.getCell('A5').value).toBe('Total');
    expect(byCountry.getCell('A7').value).toBe(KOSOVO_FOOTNOTE);
    expect(texts(providers)).not.toContain(KOSOVO_FOOTNOTE);
  });

  it('makes sheet names Excel accepts: at most 31 characters, no forbidden characters, unique, Kosovo with its asterisk', () => {
    const used = new Set(['about']);
    expect(sheetName('Needs: Kosovo / Serbia [2026]?', used)).toBe('Needs Kosovo\uFF0A Serbia 2026');
    expect(sheetName('A very long sheet name that goes on and on', used)).toBe('A very long sheet name that goe');
    expect(sheetName('about', used)).toBe('about (2)');
    expect(sheetName('A very long sheet name that goes on and on', used)).toBe('A very long sheet name that (2)');
    expect(sheetName('***', used)).toBe('Sheet');
  });

  it('marks a sheet whose tab names Kosovo with the footnote', async () => {
    const report = { ...plainReport(), tables: [{ name: 'Kosovo', title: 'Needs', columns: [{ key: 'a', label: 'A' }], rows: [{ a: 1 }] }] };
    const wb = await open(await toXlsx(report));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Kosovo\uFF0A']);
    expect(texts(wb.worksheets[1])).toContain(KOSOVO_FOOTNOTE);
    expect(texts(wb.worksheets[0])).toContain(KOSOVO_FOOTNOTE);
  });
});
