/**
 * A reason a file is refused, pointing at the cell: the row and column as the spreadsheet shows them
 * (row 12, column D "Priority") and what to do. Data, not an exception: every problem of a file is
 * collected and shown at once.
 */
export interface Problem {
  row: number;
  /** Column letter (A, B, …), when the problem is in one cell. */
  column?: string;
  /** The column's header as written in the file. */
  header?: string;
  message: string;
}

export function where(p: Problem): string {
  const col = p.column ? `, column ${p.column}${p.header ? ` (${p.header})` : ''}` : '';
  return `Row ${p.row}${col}`;
}

export function describeProblem(p: Problem): string {
  return `${where(p)}: ${p.message}`;
}

/** Problems in file order: by row, then column. */
export function sortProblems(problems: Problem[]): Problem[] {
  const colIndex = (c?: string) => (c ? [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0);
  return [...problems].sort((a, b) => a.row - b.row || colIndex(a.column) - colIndex(b.column));
}
