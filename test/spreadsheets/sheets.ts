import ExcelJS from 'exceljs';

export type CellInput = string | number | Date | null | undefined;
/** A row for a template: column header (as in the template) → value. */
export type RowInput = Record<string, CellInput>;

export async function openWorkbook(content: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  return wb;
}

function headerIndex(ws: ExcelJS.Worksheet): Map<string, number> {
  const index = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => index.set(String(cell.value), col));
  return index;
}

/**
 * Fills the project's own XLSX template the way a person does in Excel: rows from row 3 of the
 * "Import …" sheet, each value under its header. Returns the saved workbook.
 */
export async function fillTemplate(template: Buffer, sheetName: string, rows: RowInput[]): Promise<Buffer> {
  const wb = await openWorkbook(template);
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new Error(`no sheet ${sheetName}; have ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const index = headerIndex(ws);
  rows.forEach((r, i) => {
    for (const [header, value] of Object.entries(r)) {
      const col = index.get(header);
      if (!col) throw new Error(`no column "${header}"; have ${[...index.keys()].join(', ')}`);
      if (value !== undefined && value !== null) ws.getCell(3 + i, col).value = value;
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Changes cells of a sheet in a saved workbook (an export edited offline): [row id, header, new value]. */
export async function editCells(content: Buffer, sheetName: string, edits: [string, string, CellInput][]): Promise<Buffer> {
  const wb = await openWorkbook(content);
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new Error(`no sheet ${sheetName}; have ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const index = headerIndex(ws);
  for (const [id, header, value] of edits) {
    let target: number | undefined;
    ws.eachRow((row, n) => {
      if (row.getCell(index.get('Id')!).value === id) target = n;
    });
    if (!target) throw new Error(`no row with id ${id}`);
    ws.getCell(target, index.get(header)!).value = value ?? null;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet's rows as arrays of values (row 1 first). */
export function sheetValues(wb: ExcelJS.Workbook, name: string): unknown[][] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}; have ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = (row.values as unknown[]).slice(1);
  });
  return out;
}
