import { formatGeneratedAt, readRows, yieldToEventLoop, type Report, type ReportColumn, type ReportTable, type Row } from './report-model';
import { displayValue, isNumericColumn, KosovoScan } from './render-text';

/** One table cell: a raw "|" would end the cell and a newline the row (GitHub-flavoured Markdown). */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>');
}

/** Text outside tables: a newline would break a bullet or heading into a new block. */
function inline(text: string): string {
  return text.replace(/\s*(\r\n|\r|\n)\s*/g, ' ');
}

/**
 * The report as a Markdown document, produced piece by piece so streamed rows are never all in
 * memory as row objects; the Kosovo* footnote comes last, once, when anything named Kosovo*.
 */
export async function* markdownChunks(report: Report): AsyncGenerator<string> {
  const scan = new KosovoScan();
  const t = (s: string) => inline(scan.text(s));
  let head = `# ${t(report.title)}\n\n`;
  if (report.subtitle) head += `${t(report.subtitle)}\n\n`;
  head += `Generated ${formatGeneratedAt(report.generatedAt)}\n\n`;
  if (report.summary.length) head += report.summary.map((line) => `- ${t(line)}\n`).join('') + '\n';
  yield head;

  for (const table of report.tables) yield* tableChunks(table, scan);

  if (report.notes?.length) yield `## Notes\n\n${report.notes.map((n) => `- ${t(n)}\n`).join('')}\n`;
  // A line starting with "* " would be read as a bullet: escape the asterisk so the note shows as written.
  const footnotes = scan.footnotes().map((f) => f.replace(/^\*/, '\\*'));
  if (footnotes.length) yield `---\n\n${footnotes.join('\n\n')}\n`;
}

async function* tableChunks(table: ReportTable, scan: KosovoScan): AsyncGenerator<string> {
  const cols = table.columns;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |\n`;
  const cellsOf = (row: Row, bold: boolean) =>
    cols.map((c) => {
      const text = escapeMarkdownCell(scan.text(displayValue(row[c.key] ?? null, c)));
      return bold && text ? `**${text}**` : text;
    });

  let out = `## ${inline(scan.text(table.title))}\n\n`;
  out += line(cols.map((c) => escapeMarkdownCell(scan.text(c.label))));
  out += line(cols.map((c: ReportColumn) => (isNumericColumn(c) ? '---:' : '---')));
  let n = 0;
  for await (const row of readRows(table)) {
    out += line(cellsOf(row, false));
    // Hand text out in pieces of about 64 KB so a long table is not one huge string.
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
    if (++n % 1000 === 0) await yieldToEventLoop();
  }
  if (n === 0) out += line(cols.map((_c, i) => (i === 0 ? '_No records._' : '')));
  if (table.totals) out += line(cellsOf(table.totals, true));
  yield `${out}\n`;
}

export async function toMarkdown(report: Report): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of markdownChunks(report)) parts.push(chunk);
  return parts.join('');
}
