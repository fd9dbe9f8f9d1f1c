import ExcelJS from 'exceljs';
import { KOSOVO_FOOTNOTE } from '../../../src/domain/kosovo';
import { renderReport } from '../../../src/render/render-report';
import type { Report, Row, Rows } from '../../../src/render/report-model';
import { toCsv } from '../../../src/render/to-csv';
import { toMarkdown } from '../../../src/render/to-markdown';
import { arrayRows, count, generateRows, GENERATED_AT, NEEDS_COLUMNS, parseCsv } from './report-fixtures';

const N = 20_000;
const report = (rows: Rows): Report => ({
  id: 'needs',
  title: 'Needs mapping',
  generatedAt: GENERATED_AT,
  summary: ['20,000 needs'],
  tables: [{ name: 'Needs', title: 'All needs', columns: NEEDS_COLUMNS, rows }],
});

describe('streamed rows', () => {
  it('give the same CSV as the same rows in an array', async () => {
    const streamed = await toCsv(report(generateRows(N)).tables[0]);
    const array = await toCsv(report(arrayRows(N)).tables[0]);
    expect(streamed.equals(array)).toBe(true);
    const rows = parseCsv(streamed.toString('utf8').slice(1));
    expect(rows).toHaveLength(N + 1);
    expect(rows[1]).toEqual(['Albania, "north"', '0', '0', '0', '2026-03-31']);
    expect(rows[N]).toEqual(['Serbia', String(N - 1), String((N - 1) * 1000), '0.99', '2026-03-31']);
  });

  it('fill an XLSX sheet: header plus 20,000 rows, with the About sheet first', async () => {
    const [file] = await renderReport(report(generateRows(N)), 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.content as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Needs']);
    const ws = wb.worksheets[1];
    expect(ws.rowCount).toBe(N + 1);
    expect(ws.getCell(`B${N + 1}`).value).toBe(N - 1);
    expect(ws.getCell(`C${N + 1}`).numFmt).toBe('"EUR "#,##0');
    expect(ws.autoFilter).toBe(`A1:E${N + 1}`);
  });

  it('add the footnote at the end when Kosovo only appears in the last streamed row', async () => {
    const last: Row = { country: 'Kosovo', needs: 1, budget: 1, share: 0, due: null };
    const csv = (await toCsv(report(generateRows(N, last)).tables[0])).toString('utf8');
    expect(csv.endsWith(`Kosovo*,1,1,0,\r\n"${KOSOVO_FOOTNOTE}"\r\n`)).toBe(true);

    const md = await toMarkdown(report(generateRows(N, last)));
    expect(md).toContain('| Kosovo* | 1 | EUR 1 | 0% |  |');
    expect(count(md, 'This designation is without prejudice')).toBe(1);
    expect(md.trimEnd().endsWith(KOSOVO_FOOTNOTE.slice(1))).toBe(true);

    const [json] = await renderReport(report(generateRows(N, last)), 'json');
    expect((JSON.parse(json.content.toString('utf8')) as { footnotes: string[] }).footnotes).toEqual([KOSOVO_FOOTNOTE]);

    const [xlsx] = await renderReport(report(generateRows(N, last)), 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.content as unknown as ExcelJS.Buffer);
    const about = wb.getWorksheet('About');
    const values: unknown[] = [];
    about?.eachRow((row) => values.push(row.getCell(1).value));
    expect(values.filter((v) => v === KOSOVO_FOOTNOTE)).toHaveLength(1);
    expect(wb.getWorksheet('Needs')?.getCell(`A${N + 2}`).value).toBe('Kosovo*');
  });

  it('can be rendered once; a second format asks for a fresh report instead of giving an empty file', async () => {
    const r = report(generateRows(10));
    await renderReport(r, 'csv');
    await expect(renderReport(r, 'xlsx')).rejects.toThrow(/already read.*build the report again/);
  });
});
