import { KOSOVO_FOOTNOTE } from '../../../src/domain/kosovo';
import type { Heatmap, Report, ReportTable, Row } from '../../../src/render/report-model';

export const GENERATED_AT = new Date('2026-05-04T09:30:00Z');

export const NEEDS_COLUMNS: ReportTable['columns'] = [
  { key: 'country', label: 'Country' },
  { key: 'needs', label: 'Needs', type: 'number' },
  { key: 'budget', label: 'Budget', type: 'eur' },
  { key: 'share', label: 'Covered', type: 'percent' },
  { key: 'due', label: 'Due', type: 'date' },
];

/** A small report with no mention of Kosovo anywhere. */
export function plainReport(): Report {
  return {
    id: 'responses',
    title: 'Response mapping 2026',
    subtitle: 'Who does what where',
    generatedAt: GENERATED_AT,
    summary: ['14 responses, EUR 3,400,000 in total', '2 need attention'],
    tables: [
      {
        name: 'By country',
        title: 'Responses by country',
        columns: NEEDS_COLUMNS,
        rows: [
          { country: 'Serbia', needs: 1234, budget: 1250000, share: 0.25, due: '2026-03-31' },
          { country: 'Montenegro', needs: 2, budget: 0, share: 0.125, due: null },
        ],
        totals: { country: 'Total', needs: 1236, budget: 1250000, share: null, due: null },
      },
      { name: 'Providers', title: 'Providers', columns: [{ key: 'p', label: 'Provider' }], rows: [{ p: 'Frontex' }] },
    ],
    notes: ['Budgets are planned amounts.'],
  };
}

/** The same shape, with bare "Kosovo" in a row, in the summary and in a heat-map label. */
export function kosovoReport(): Report {
  const r = plainReport();
  const [first, second] = r.tables;
  return {
    ...r,
    summary: [...r.summary, 'Kosovo has 3 uncovered needs'],
    tables: [{ ...first, rows: [...(first.rows as Row[]), { country: 'Kosovo', needs: 3, budget: 5000, share: 0.5, due: '2026-06-30' }] }, second],
    heatmap: heatmap(['Albania', 'Kosovo', 'Serbia']),
  };
}

export function heatmap(rowLabels: string[]): Heatmap {
  return {
    title: 'Gap matrix: country × theme',
    rowLabels,
    colLabels: ['Border checks', 'Risk analysis', 'Training', 'Firearms', 'Document security'],
    cells: rowLabels.map((_, r) =>
      (['uncovered', 'partial', 'covered', 'duplication', 'none'] as const).map((level, c) => ({ level, value: level === 'none' ? 0 : r + c + 1 })),
    ),
  };
}

export async function* generateRows(n: number, last?: Row): AsyncGenerator<Row> {
  for (let i = 0; i < n; i++) {
    yield { country: i % 2 ? 'Serbia' : 'Albania, "north"', needs: i, budget: i * 1000, share: (i % 100) / 100, due: '2026-03-31' };
  }
  if (last) yield last;
}

export function arrayRows(n: number, last?: Row): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({ country: i % 2 ? 'Serbia' : 'Albania, "north"', needs: i, budget: i * 1000, share: (i % 100) / 100, due: '2026-03-31' });
  }
  if (last) rows.push(last);
  return rows;
}

export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** True when some "Kosovo" lacks its asterisk, not counting the footnote (which names the Kosovo declaration). */
export function hasBareKosovo(text: string): boolean {
  return /\bKosovo\b(?!\*)/.test(text.split(KOSOVO_FOOTNOTE).join(''));
}

/** Minimal RFC 4180 reader, to check what a spreadsheet would see. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}
