import { csvChunks, csvField, neutraliseFormula, toCsv } from '../../../src/render/to-csv';
import type { ReportTable } from '../../../src/render/report-model';
import { generateRows, NEEDS_COLUMNS, parseCsv, plainReport } from './report-fixtures';

const table = (rows: ReportTable['rows']): ReportTable => ({ name: 'T', title: 'T', columns: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B', type: 'number' }], rows });

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', async () => {
    const buf = await toCsv(plainReport().tables[0]);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes the header labels, raw values (EUR as plain numbers, percent as fractions) and the totals row', async () => {
    const rows = parseCsv((await toCsv(plainReport().tables[0])).toString('utf8').slice(1));
    expect(rows).toEqual([
      ['Country', 'Needs', 'Budget', 'Covered', 'Due'],
      ['Serbia', '1234', '1250000', '0.25', '2026-03-31'],
      ['Montenegro', '2', '0', '0.125', ''],
      ['Total', '1236', '1250000', '', ''],
    ]);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, and reads back to the same text', async () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    const values = ['a,b', 'say "hi"', 'one\r\ntwo', 'Đorđević, Škoda'];
    const text = (await toCsv(table(values.map((a, i) => ({ a, b: i }))))).toString('utf8').slice(1);
    expect(parseCsv(text).slice(1).map((r) => r[0])).toEqual(values);
  });

  it('neutralises cells that a spreadsheet would run as a formula, but not numbers', async () => {
    for (const bad of ['=SUM(A1:A9)', '+1', '-1+1', '@cmd', '\tx', '\rx']) expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    expect(neutraliseFormula('Serbia')).toBe('Serbia');
    expect(neutraliseFormula("it's =fine")).toBe("it's =fine");
    const text = (await toCsv(table([{ a: '=HYPERLINK("http://x","y")', b: -5 }, { a: '\rx', b: null }]))).toString('utf8').slice(1);
    expect(parseCsv(text).slice(1)).toEqual([
      ['\'=HYPERLINK("http://x","y")', '-5'],
      ["'\rx", ''],
    ]);
  });

  it('streams: the first chunk is ready before the row source has been read to the end', async () => {
    let produced = 0;
    async function* rows() {
      for (const r of [...Array(20_000).keys()]) {
        produced++;
        yield { country: `Country ${r}`, needs: r, budget: r, share: 0, due: null };
      }
    }
    const chunks = csvChunks({ name: 'S', title: 'S', columns: NEEDS_COLUMNS, rows: rows() });
    const first = await chunks.next();
    expect(first.done).toBe(false);
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(20_000);
    await chunks.return(undefined);
  });

  it('refuses to read streamed rows a second time instead of writing an empty file', async () => {
    const t: ReportTable = { name: 'S', title: 'S', columns: NEEDS_COLUMNS, rows: generateRows(3) };
    expect(parseCsv((await toCsv(t)).toString('utf8').slice(1))).toHaveLength(4);
    await expect(toCsv(t)).rejects.toThrow(/already read/);
  });
});
