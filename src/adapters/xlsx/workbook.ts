/**
 * The .xlsx adapter: the workbook port over an ExcelJS workbook held in
 * memory. Reading and writing files is in file.ts; this file only knows
 * sheets, cells and tables.
 */
import type { Cell, Workbook, Worksheet } from "exceljs";
import type { CellValue } from "../../workbook/cells";
import type { RawTable } from "../../workbook/parse";
import type { InputTableModel, SheetInfo, WorkbookPort, WriteOptions } from "../../workbook/port";
import type { OutCell, OutKind, SheetModel } from "../../workbook/render";
import { SHEET_LAYOUT, isMarker, numberFormat } from "../../workbook/render";
import type { ColumnKind } from "../../workbook/schema";
import { normalizeName } from "../../workbook/schema";
import { Dec, ZERO } from "../../engine/money";
import { cellText, cellValue, utcDate } from "./cells";
import { NamePool, WorkbookWriteError, checkNewSheetNames, generatedTableBase, sameName, tableNameProblem } from "../../workbook/names";
export { WorkbookWriteError, sheetNameProblem, tableNameProblem } from "../../workbook/names";


/** The parts of ExcelJS's table model we use; it holds more, and its typings describe it wrongly. */
interface TableModel {
  name: string;
  displayName?: string;
  /** The whole table: header, data and totals rows ("B3:E10"). */
  tableRef: string;
  headerRow: boolean;
  totalsRow: boolean;
  columns: { name: string }[];
}

export function tablesOf(ws: Worksheet): TableModel[] {
  return (ws.getTables() as unknown as { model: TableModel }[]).map((t) => t.model);
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B3:E10" (or "B3") → 1-based rows and columns. */
export function decodeRange(ref: string): CellRange {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) throw new Error(`"${ref}" is not a cell range`);
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [top, left] = [Number(m[2]), col(m[1])];
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? col(m[3]) : left };
}



/**
 * ExcelJS reads a table whose XML leaves out headerRowCount (Excel always
 * leaves it out: 1 is the default) as having no header row, and would write it
 * back with headerRowCount="0", breaking the user's table. A table's header
 * cells always equal its column names, so a first row that does is the header.
 */
export function repairHeaderFlags(book: Workbook): void {
  for (const ws of book.worksheets) {
    for (const t of tablesOf(ws)) {
      if (t.headerRow) continue;
      const { top, left } = decodeRange(t.tableRef);
      const matches = t.columns.every((c, j) => {
        const cell = ws.findCell(top, left + j);
        const text = cell ? cellValue(cell) : null;
        return text !== null && String(text) === c.name;
      });
      if (matches) t.headerRow = true;
    }
  }
}


/** What a generated cell is written as: numbers for amounts, a date for dates, a string for text. */
function outValue(kind: OutKind, v: OutCell): string | number | Date | null {
  if (v === null) return null;
  if (v instanceof Dec) return kind === "text" ? v.toFixed() : v.toNumber();
  if (kind === "date" && typeof v === "string") return utcDate(v);
  if (kind === "text") return String(v);
  return v;
}

const INPUT_FORMATS: Readonly<Record<ColumnKind, string>> = { text: numberFormat("text", 0), number: "General", date: numberFormat("date", 0) };

const TITLE_FONT = { bold: true, size: 14 } as const;
const MARKER_FONT = { italic: true, color: { argb: "FF595959" } } as const;
const TABLE_STYLE = { theme: "TableStyleMedium2", showRowStripes: true } as const;

export class XlsxWorkbook implements WorkbookPort {
  constructor(readonly book: Workbook) {
    repairHeaderFlags(book);
  }

  async findTable(names: readonly string[]): Promise<RawTable | undefined> {
    const wanted = names.map(normalizeName);
    const sheets = this.book.worksheets;
    for (const w of wanted) {
      for (const ws of sheets) {
        const t = tablesOf(ws).find((x) => normalizeName(x.name) === w || normalizeName(x.displayName ?? x.name) === w);
        if (t) return readExcelTable(ws, t);
      }
    }
    for (const w of wanted) {
      const ws = sheets.find((s) => normalizeName(s.name) === w);
      if (ws) return readSheetTable(ws);
    }
    return undefined;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.book.worksheets.map((ws) => ({ name: ws.name, generated: carriesMarker(ws) }));
  }

  async writeSheets(models: readonly SheetModel[], replace: readonly string[], options: WriteOptions): Promise<void> {
    const sheets = this.book.worksheets;
    const going = sheets.filter((ws) => replace.some((r) => sameName(r, ws.name)));
    for (const ws of going) if (!carriesMarker(ws)) throw new WorkbookWriteError(`Sheet "${ws.name}" does not carry the Backflush marker in A2; it is not replaced`);
    const staying = sheets.filter((ws) => !going.includes(ws));
    checkNewSheetNames(
      models.map((m) => m.name),
      staying.map((ws) => ws.name),
    );
    const tableNames = new NamePool(staying.flatMap((ws) => tablesOf(ws).map((t) => t.name)));

    // New sheets are built under temporary names and only then swapped in, so
    // a failure part-way leaves the workbook as it was.
    const added = addSheets(this.book, models, () => temporaryName(this.book), (ws, model) => writeGeneratedSheet(ws, model, tableNames.claim(generatedTableBase(model.kind)), options));
    const orderOf = new Map(going.map((ws) => [ws.name.toLowerCase(), sheetOrder(ws)]));
    for (const ws of going) this.book.removeWorksheet(ws.id);
    added.forEach((ws, i) => {
      ws.name = models[i].name;
      // A replaced sheet's place in the tab order goes to its successor.
      const order = orderOf.get(models[i].name.toLowerCase());
      if (order !== undefined) setSheetOrder(ws, order);
    });
  }

  async writeInputTables(tables: readonly InputTableModel[]): Promise<void> {
    const sheets = this.book.worksheets;
    checkNewSheetNames(
      tables.map((t) => t.sheet),
      sheets.map((ws) => ws.name),
    );
    const taken = new NamePool(sheets.flatMap((ws) => tablesOf(ws).map((t) => t.name)));
    for (const t of tables) {
      const problem = tableNameProblem(t.table);
      if (problem) throw new WorkbookWriteError(problem);
      if (taken.has(t.table)) throw new WorkbookWriteError(`The workbook already has a table named ${t.table}`);
      taken.claim(t.table);
    }
    addSheets(this.book, tables, (t) => t.sheet, writeInputSheet);
  }
}

/** Adds a sheet per item and fills it; when any step fails, the sheets added so far go again. */
function addSheets<T>(book: Workbook, items: readonly T[], nameOf: (item: T) => string, fill: (ws: Worksheet, item: T) => void): Worksheet[] {
  const added: Worksheet[] = [];
  try {
    for (const item of items) {
      const ws = book.addWorksheet(nameOf(item));
      added.push(ws);
      fill(ws, item);
    }
  } catch (e) {
    for (const ws of added) book.removeWorksheet(ws.id);
    throw e;
  }
  return added;
}

function carriesMarker(ws: Worksheet): boolean {
  const cell = ws.findCell(SHEET_LAYOUT.markerRow, 1);
  return cell !== undefined && isMarker(cellText(cell));
}

function temporaryName(book: Workbook): string {
  let n = 1;
  while (book.worksheets.some((ws) => sameName(ws.name, `~backflush${n}`))) n++;
  return `~backflush${n}`;
}

// ExcelJS keeps the tab order in `orderNo`, which its typings leave out.
const sheetOrder = (ws: Worksheet): number => (ws as unknown as { orderNo: number }).orderNo;
const setSheetOrder = (ws: Worksheet, order: number): void => {
  (ws as unknown as { orderNo: number }).orderNo = order;
};

function readCells(ws: Worksheet, row: number, left: number, right: number): CellValue[] {
  const out: CellValue[] = [];
  for (let c = left; c <= right; c++) {
    const cell: Cell | undefined = ws.findCell(row, c);
    out.push(cell ? cellValue(cell) : null);
  }
  return out;
}

function readExcelTable(ws: Worksheet, t: TableModel): RawTable {
  const { top, left, bottom, right } = decodeRange(t.tableRef);
  const lastData = bottom - (t.totalsRow ? 1 : 0);
  // A table without a header row (rare) has its column names only in the table's definition.
  const headerRow = t.headerRow ? top : top - 1;
  const header = t.headerRow ? readCells(ws, top, left, right).map((v, j) => (v === null ? t.columns[j]?.name ?? null : v)) : t.columns.map((c) => c.name);
  const rows: CellValue[][] = [];
  for (let r = headerRow + 1; r <= lastData; r++) rows.push(readCells(ws, r, left, right));
  return { sheet: ws.name, tableName: t.name, headerRow, firstColumn: left - 1, header, rows };
}

/** A sheet read as a table: headers in row 1, columns from the leftmost to the rightmost cell holding a value. */
function readSheetTable(ws: Worksheet): RawTable {
  let left = Infinity;
  let right = 0;
  let bottom = 1;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cellValue(cell) === null) return;
      left = Math.min(left, c);
      right = Math.max(right, c);
      bottom = Math.max(bottom, r);
    });
  });
  if (right === 0) return { sheet: ws.name, headerRow: 1, firstColumn: 0, header: [], rows: [] };
  const rows: CellValue[][] = [];
  for (let r = 2; r <= bottom; r++) rows.push(readCells(ws, r, left, right));
  return { sheet: ws.name, headerRow: 1, firstColumn: left - 1, header: readCells(ws, 1, left, right), rows };
}

function writeGeneratedSheet(ws: Worksheet, model: SheetModel, tableName: string, options: WriteOptions): void {
  const { titleRow, markerRow, headerRow } = SHEET_LAYOUT;
  model.columns.forEach((c, j) => {
    ws.getColumn(j + 1).width = c.width;
  });
  const title = ws.getCell(titleRow, 1);
  title.value = model.title;
  title.font = TITLE_FONT;
  const marker = ws.getCell(markerRow, 1);
  marker.value = options.marker;
  marker.font = MARKER_FONT;

  const formats = model.columns.map((c) => numberFormat(c.kind, options.minorUnits));
  // Excel needs at least one data row in a table.
  const rows = model.rows.length > 0 ? model.rows.map((r) => model.columns.map((c, j) => outValue(c.kind, r[j] ?? null))) : [model.columns.map(() => null)];
  const hasTotals = model.columns.some((c) => c.total !== undefined);
  ws.addTable({
    name: tableName,
    ref: `A${headerRow}`,
    headerRow: true,
    totalsRow: hasTotals,
    style: TABLE_STYLE,
    columns: model.columns.map((c, j) => ({
      name: c.header,
      filterButton: true,
      totalsRowLabel: c.total === "label" ? "Total" : undefined,
      totalsRowFunction: c.total === "sum" ? "sum" : "none",
      // The cached total, so that readers which do not calculate still see it.
      totalsRowResult: c.total === "sum" ? columnSum(model, j).toNumber() : undefined,
    })),
    rows,
  });
  const firstData = headerRow + 1;
  const totalsRow = firstData + rows.length;
  for (let r = firstData; r < totalsRow + (hasTotals ? 1 : 0); r++) {
    const row = ws.getRow(r);
    model.columns.forEach((c, j) => {
      if (r === totalsRow && c.total === undefined) return;
      row.getCell(j + 1).numFmt = r === totalsRow && c.total === "label" ? numberFormat("text", 0) : formats[j];
    });
  }
  if (hasTotals) {
    // ExcelJS writes a totals label only in the first column.
    model.columns.forEach((c, j) => {
      if (j > 0 && c.total === "label") ws.getCell(totalsRow, j + 1).value = "Total";
    });
  }
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: "A1" }];
  // Accountants print journals: landscape, one page wide, the header row on every page.
  ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
}

function columnSum(model: SheetModel, j: number): Dec {
  return model.rows.reduce((a, r) => {
    const v = r[j];
    return v instanceof Dec ? a.plus(v) : typeof v === "number" ? a.plus(v) : a;
  }, ZERO);
}

function writeInputSheet(ws: Worksheet, t: InputTableModel): void {
  t.columns.forEach((c, j) => {
    ws.getColumn(j + 1).width = c.width;
  });
  const rows = t.rows.length > 0 ? t.rows.map((r) => t.columns.map((c, j) => inputValue(c.kind, r[j] ?? null))) : [t.columns.map(() => null)];
  ws.addTable({
    name: t.table,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: TABLE_STYLE,
    columns: t.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows,
  });
  for (let r = 2; r <= rows.length + 1; r++) {
    const row = ws.getRow(r);
    t.columns.forEach((c, j) => {
      row.getCell(j + 1).numFmt = INPUT_FORMATS[c.kind];
    });
  }
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }];
}

function inputValue(kind: ColumnKind, v: CellValue): string | number | boolean | Date | { error: string } | null {
  if (v === null) return null;
  if (kind === "text" && typeof v === "number") return String(v);
  return v;
}
