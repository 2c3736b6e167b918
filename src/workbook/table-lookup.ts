/**
 * Which of a workbook's sheets and Excel tables an input table is read from,
 * by its names, the same in every adapter: an Excel table of one of the names
 * first (the names in the order given), else a sheet of one of them. Every
 * other table (or, where no table answers, every other sheet) that answers to
 * the names too is returned as well: the job refuses to guess between them
 * (parse.ts, "problem.foundTwice"), since either could be a stale copy. A
 * sheet that merely shares a name with an input (a sheet "Stock" of share
 * prices beside an Excel table Inventory) is passed over, as a table wins.
 */
import { normalizeName } from "./schema";

/** A sheet as the lookup sees it: its name, whether it is a worksheet (not a chart sheet), and its Excel tables' names. */
export interface SheetWithTables {
  name: string;
  worksheet: boolean;
  /** Each table's names (a table is found by its name or its display name). */
  tables: readonly (readonly string[])[];
}

/** Where an input table is: an Excel table (by its index on the sheet), or a sheet read as a table. */
export interface TableSource {
  sheet: number;
  table?: number;
}

/** The sources answering to `names`, the one to read first; empty when none does. */
export function tableSources(names: readonly string[], sheets: readonly SheetWithTables[]): TableSource[] {
  const wanted = names.map(normalizeName);
  const found: TableSource[] = [];
  for (const w of wanted) {
    sheets.forEach((s, sheet) =>
      s.tables.forEach((t, table) => {
        if (t.some((n) => normalizeName(n) === w) && !found.some((f) => f.sheet === sheet && f.table === table)) found.push({ sheet, table });
      }),
    );
  }
  if (found.length > 0) return found;
  for (const w of wanted) {
    sheets.forEach((s, sheet) => {
      if (s.worksheet && normalizeName(s.name) === w && !found.some((f) => f.sheet === sheet)) found.push({ sheet });
    });
  }
  return found;
}

/**
 * Which of the Excel tables on a sheet found by its name its first row heads:
 * the one table whose header row is the sheet's first (a table made with
 * Ctrl+T and left named Table1). The sheet is read as that table, so that its
 * totals row is left out and data right below it is found, as for a table
 * found by its name. Undefined when no table, or more than one, starts there.
 * `headerRows` are the tables' header rows, 1-based (undefined for a table
 * without one).
 */
export function tableHeadingSheet(headerRows: readonly (number | undefined)[]): number | undefined {
  const heading = headerRows.flatMap((row, i) => (row === 1 ? [i] : []));
  return heading.length === 1 ? heading[0] : undefined;
}

/** Rows a sheet has in Excel. */
export const SHEET_ROWS = 1_048_576;

/** Rows a sheet read as a table is searched for its headers in: row 1, and the ten below it where a title pushed them down (parse.ts). */
export const HEADING_ROWS = 11;

/**
 * The columns (0-based, inclusive) a sheet read as a table spans: from the
 * leftmost to the rightmost column holding anything in its heading rows. A
 * cell far right of them (a stray note in XFD100000) heads no column, so it
 * neither widens every row to 16,384 cells nor lengthens the table; a column
 * the headers do span is read down to its last value. `columnsIn(r)` gives
 * the columns holding something in sheet row r + 1. Undefined when the
 * heading rows hold nothing.
 */
export function sheetTableColumns(columnsIn: (row: number) => readonly number[]): { left: number; right: number } | undefined {
  let left = Infinity;
  let right = -1;
  for (let r = 0; r < HEADING_ROWS; r++) {
    for (const c of columnsIn(r)) {
      if (c < left) left = c;
      if (c > right) right = c;
    }
  }
  return right < 0 ? undefined : { left, right };
}
