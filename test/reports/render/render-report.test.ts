import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { KOSOVO_FOOTNOTE } from '../../../src/domain/kosovo';
import { REPORT_FORMATS, renderReport } from '../../../src/render/render-report';
import { count, hasBareKosovo, kosovoReport, plainReport } from './report-fixtures';

async function xlsxSheets(content: Buffer): Promise<{ name: string; text: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => {
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value))));
    return { name: ws.name, text: cells.join('\n') };
  });
}

describe('renderReport', () => {
  it('names each file after the report and date, with the right MIME type', async () => {
    const report = kosovoReport();
    const files = Object.fromEntries(await Promise.all(REPORT_FORMATS.map(async (f) => [f, await renderReport(report, f)] as const)));
    expect(files.md.map((f) => [f.name, f.mimeType])).toEqual([['wbbsi-responses-2026-05-04.md', 'text/markdown; charset=utf-8']]);
    expect(files.csv.map((f) => [f.name, f.mimeType])).toEqual([
      ['wbbsi-responses-2026-05-04-by-country.csv', 'text/csv; charset=utf-8'],
      ['wbbsi-responses-2026-05-04-providers.csv', 'text/csv; charset=utf-8'],
    ]);
    expect(files.xlsx.map((f) => f.name)).toEqual(['wbbsi-responses-2026-05-04.xlsx']);
    expect(files.xlsx[0].mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(files.json.map((f) => [f.name, f.mimeType])).toEqual([['wbbsi-responses-2026-05-04.json', 'application/json; charset=utf-8']]);
    expect(files.png.map((f) => [f.name, f.mimeType])).toEqual([['wbbsi-responses-2026-05-04-heatmap.png', 'image/png']]);
    expect(PNG.sync.read(files.png[0].content).width).toBeGreaterThanOrEqual(400);
  });

  it('gives no PNG for a report without a heat map', async () => {
    expect(await renderReport(plainReport(), 'png')).toEqual([]);
  });

  it('writes Kosovo* and the footnote exactly once in the Markdown, JSON and the CSV that names Kosovo', async () => {
    const report = kosovoReport();
    const [md] = await renderReport(report, 'md');
    const [json] = await renderReport(report, 'json');
    const [byCountry, providers] = await renderReport(report, 'csv');
    for (const file of [md, json, byCountry]) {
      const text = file.content.toString('utf8');
      expect(text).toContain('Kosovo*');
      expect(hasBareKosovo(text)).toBe(false);
      expect(count(text, 'This designation is without prejudice')).toBe(1);
    }
    expect(providers.content.toString('utf8')).not.toContain('This designation');
    expect(md.content.toString('utf8')).toContain(`\\${KOSOVO_FOOTNOTE}`);
  });

  it('writes Kosovo* in the XLSX and the footnote once per sheet that names it, About included', async () => {
    const sheets = await xlsxSheets((await renderReport(kosovoReport(), 'xlsx'))[0].content);
    expect(sheets.map((s) => [s.name, count(s.text, KOSOVO_FOOTNOTE)])).toEqual([
      ['About', 1],
      ['By country', 1],
      ['Providers', 0],
    ]);
    for (const s of sheets) expect(hasBareKosovo(s.text)).toBe(false);
  });

  it('adds no footnote anywhere when Kosovo is not named', async () => {
    const report = plainReport();
    for (const format of ['md', 'json', 'csv'] as const) {
      for (const file of await renderReport(report, format)) expect(file.content.toString('utf8')).not.toContain('This designation');
    }
    for (const s of await xlsxSheets((await renderReport(report, 'xlsx'))[0].content)) expect(s.text).not.toContain('This designation');
  });
});
