import { KOSOVO_FOOTNOTE } from '../../../src/domain/kosovo';
import { toJson } from '../../../src/render/to-json';
import type { Report } from '../../../src/render/report-model';
import { generateRows, heatmap, kosovoReport, NEEDS_COLUMNS, plainReport } from './report-fixtures';

interface JsonReport extends Omit<Report, 'generatedAt'> {
  generatedAt: string;
  footnotes: string[];
}

const parse = (buf: Buffer) => JSON.parse(buf.toString('utf8')) as JsonReport;

describe('toJson', () => {
  it('round-trips: parsing gives back the report, with the date as an ISO string and an empty footnotes list', async () => {
    const report = { ...plainReport(), heatmap: heatmap(['Albania', 'Serbia']) };
    const { generatedAt, footnotes, ...rest } = parse(await toJson(report));
    expect(generatedAt).toBe('2026-05-04T09:30:00.000Z');
    expect(footnotes).toEqual([]);
    expect({ ...rest, generatedAt: new Date(generatedAt) }).toEqual(report);
  });

  it('keeps empty tables and tables without totals valid', async () => {
    const report: Report = { ...plainReport(), tables: [{ name: 'E', title: 'E', columns: [{ key: 'a', label: 'A' }], rows: [] }], notes: undefined };
    const parsed = parse(await toJson(report));
    expect(parsed.tables).toEqual([{ name: 'E', title: 'E', columns: [{ key: 'a', label: 'A' }], rows: [] }]);
    expect('notes' in parsed).toBe(false);
  });

  it('writes Kosovo* in values and labels, not in keys, and the footnote once in `footnotes`', async () => {
    const text = (await toJson(kosovoReport())).toString('utf8');
    const parsed = JSON.parse(text) as JsonReport;
    expect(parsed.summary).toContain('Kosovo* has 3 uncovered needs');
    expect(parsed.heatmap?.rowLabels).toEqual(['Albania', 'Kosovo*', 'Serbia']);
    expect(parsed.footnotes).toEqual([KOSOVO_FOOTNOTE]);
    expect(text.split(KOSOVO_FOOTNOTE)).toHaveLength(2);
  });

  it('streams rows from an async source into the same document as an array would give', async () => {
    const fromArray: Report = { ...plainReport(), tables: [{ name: 'S', title: 'S', columns: NEEDS_COLUMNS, rows: [] }] };
    const streamed = { ...fromArray, tables: [{ ...fromArray.tables[0], rows: generateRows(500) }] };
    const rows = [];
    for await (const r of generateRows(500)) rows.push(r);
    const array = { ...fromArray, tables: [{ ...fromArray.tables[0], rows }] };
    const a = await toJson(array);
    expect((await toJson(streamed)).equals(a)).toBe(true);
    expect(parse(a).tables[0].rows).toHaveLength(500);
  });
});
