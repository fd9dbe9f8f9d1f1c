import { escapeMarkdownCell, toMarkdown } from '../../../src/render/to-markdown';
import type { Report } from '../../../src/render/report-model';
import { plainReport } from './report-fixtures';

describe('toMarkdown', () => {
  it('writes title, subtitle, generated time, summary bullets and notes', async () => {
    const md = await toMarkdown(plainReport());
    expect(md.startsWith('# Response mapping 2026\n\nWho does what where\n\nGenerated 2026-05-04 09:30 UTC\n\n')).toBe(true);
    expect(md).toContain('- 14 responses, EUR 3,400,000 in total\n- 2 need attention\n');
    expect(md).toContain('## Notes\n\n- Budgets are planned amounts.\n');
  });

  it('writes each table as a GitHub table with right-aligned numbers, formatted values and a bold totals row', async () => {
    const md = await toMarkdown(plainReport());
    const table = [
      '## Responses by country',
      '',
      '| Country | Needs | Budget | Covered | Due |',
      '| --- | ---: | ---: | ---: | --- |',
      '| Serbia | 1,234 | EUR 1,250,000 | 25% | 2026-03-31 |',
      '| Montenegro | 2 | EUR 0 | 12.5% |  |',
      '| **Total** | **1,236** | **EUR 1,250,000** |  |  |',
    ].join('\n');
    expect(md).toContain(table);
    expect(md).toContain('## Providers\n\n| Provider |\n| --- |\n| Frontex |\n');
  });

  it('escapes pipes, backslashes and line breaks inside cells so the table keeps its shape', async () => {
    expect(escapeMarkdownCell('a|b')).toBe('a\\|b');
    expect(escapeMarkdownCell('one\ntwo\r\nthree')).toBe('one<br>two<br>three');
    expect(escapeMarkdownCell('C:\\x|')).toBe('C:\\\\x\\|');
    const report: Report = {
      ...plainReport(),
      tables: [{ name: 'T', title: 'T', columns: [{ key: 'a', label: 'A|B' }, { key: 'b', label: 'B' }], rows: [{ a: 'x | y', b: 'line 1\nline 2' }] }],
    };
    const md = await toMarkdown(report);
    expect(md).toContain('| A\\|B | B |\n| --- | --- |\n| x \\| y | line 1<br>line 2 |\n');
    // Every table line still has exactly one more unescaped pipe than it has cells.
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
      expect(line.split(/(?<!\\)\|/).length - 2).toBe(2);
    }
  });

  it('says so when a table has no rows, and has no footnote when Kosovo is not named', async () => {
    const report: Report = { ...plainReport(), tables: [{ name: 'E', title: 'Empty', columns: [{ key: 'a', label: 'A' }], rows: [] }] };
    const md = await toMarkdown(report);
    expect(md).toContain('| A |\n| --- |\n| _No records._ |\n');
    expect(md).not.toContain('This designation');
  });
});
