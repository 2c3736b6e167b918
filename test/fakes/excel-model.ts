/**
 * The workbook behind the Excel fake: sheets of sparse cells (value, formula,
 * number format), tables, add-in settings, the active sheet and selection.
 * Plain synchronous objects; the Office.js-shaped batching lives in
 * excel-fake.ts. Excel's rules that the adapter depends on are enforced here
 * (how typed text is read, table shape and names, sheet names), with Office's
 * error codes.
 */
import {
  type Bounds,
  MAX_COLUMNS,
  boundsColumns,
  boundsIntersect,
  boundsRows,
  cellName,
  columnLetters,
  formatAddress,
  insideGrid,
  parseAddress,
} from "./excel-address";
import type { CellValue } from "../../src/adapters/office/excel-api";
import { FakeOfficeError } from "./excel-errors";

export type { CellValue };

/** One stored cell. An absent `format` means "General"; a formula's `value` is its result. */
export interface Cell {
  value: CellValue;
  formula?: string;
  format?: string;
  /** Typed with a leading apostrophe: kept as text, apostrophe not part of the value. */
  quotePrefix?: true;
  /** The value is an Excel error ("#N/A", "#NAME?", …), which `values` gives as that text. */
  error?: true;
  bold?: true;
}

export const GENERAL = "General";
/** Excel's "Text" number format: what is typed into such a cell is kept as text. */
export const TEXT_FORMAT = "@";

/** What an input cell may hold in a write: `null` (and `undefined`, as JSON sends it) leaves the cell as it is. */
export type CellInput = CellValue | null | undefined;

/** How written strings become formulas, and what a formula's value is (the fake does not calculate). */
export interface FormulaPolicy {
  /** Leading characters that make typed text a formula. */
  prefixes: readonly string[];
  evaluate: (formula: string) => CellValue;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Excel's error values, as `Range.values` gives them. */
export const ERROR_VALUES: readonly string[] = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"];
const isErrorValue = (v: CellValue): boolean => typeof v === "string" && ERROR_VALUES.includes(v.toUpperCase());

/**
 * The fake's stand-in for calculation: a formula that is a number, string or
 * boolean literal yields it; anything else yields "#NAME?", as a formula with
 * an unknown name would.
 */
export function evaluateLiteralFormula(formula: string): CellValue {
  const body = formula.replace(/^=/, "").trim();
  if (NUMBER_TEXT.test(body)) return Number(body);
  if (/^"(?:[^"]|"")*"$/.test(body)) return body.slice(1, -1).replace(/""/g, '"');
  if (/^(true|false)$/i.test(body)) return body.toUpperCase() === "TRUE";
  return "#NAME?";
}

/** "=", "+", "-" are documented for `Range.values`; "@" is how Lotus-style entry starts a formula. */
export const DEFAULT_FORMULA_POLICY: FormulaPolicy = { prefixes: ["=", "+", "-", "@"], evaluate: evaluateLiteralFormula };

/**
 * What Excel stores when `input` is typed (written through `values` or
 * `formulas`) into a cell whose number format is `format`.
 * Returns undefined to clear the cell's contents.
 */
export function interpretInput(input: CellValue, format: string, policy: FormulaPolicy): Cell | undefined {
  if (typeof input !== "string") return { value: input };
  if (input === "") return undefined;
  // Text format keeps every typed character, "=" included; this is how safe text is written.
  if (format === TEXT_FORMAT) return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1), quotePrefix: true };
  const trimmed = input.trim();
  if (NUMBER_TEXT.test(trimmed)) return { value: Number(trimmed) };
  // Typing an error literal ("#N/A") gives the error value.
  if (isErrorValue(trimmed)) return { value: trimmed.toUpperCase(), error: true };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toUpperCase() === "TRUE" };
  const prefix = policy.prefixes.find((p) => input.startsWith(p));
  // A lone "+" or "-" stays text, as it does when typed.
  if (prefix !== undefined && (prefix === "=" || input.length > 1)) {
    const formula = input.startsWith("=") ? input : `=${input.startsWith("@") ? input.slice(1) : input}`;
    const value = policy.evaluate(formula);
    return isErrorValue(value) ? { value, formula, error: true } : { value, formula };
  }
  return { value: input };
}

const key = (row: number, column: number): number => row * MAX_COLUMNS + column;

export class SheetModel {
  /** Sparse store: only cells with content or a format. Key: row × MAX_COLUMNS + column. */
  readonly cells = new Map<number, Cell>();
  frozenRows = 0;
  /** Columns whose width `format.autofitColumns()` was asked to fit. */
  readonly autofitColumns = new Set<number>();
  /** Column widths in points, where set; Excel's default is 48 (8.43 characters). */
  readonly columnWidths = new Map<number, number>();
  /** `format.wrapText` as set, range by range, the last one over a cell deciding it. */
  readonly wrapRanges: { bounds: Bounds; wrap: boolean }[] = [];
  /** Ranges whose rows `format.autofitRows()` was asked to fit. */
  readonly autofitRows: Bounds[] = [];
  /** What `pageLayout` was set to (orientation, zoom, margins, headers and footers, print title rows). */
  readonly pageLayout: Record<string, unknown> = {};
  deleted = false;

  constructor(public name: string) {}

  cell(row: number, column: number): Cell | undefined {
    return this.cells.get(key(row, column));
  }

  /** Stores a cell (without unset fields), dropping it from the sparse store when it holds nothing. */
  put(row: number, column: number, cell: Cell | undefined): void {
    const clean: Cell = { value: cell?.value ?? "" };
    if (cell?.formula !== undefined) clean.formula = cell.formula;
    if (cell?.format !== undefined && cell.format !== GENERAL) clean.format = cell.format;
    if (cell?.quotePrefix) clean.quotePrefix = true;
    if (cell?.error) clean.error = true;
    if (cell?.bold) clean.bold = true;
    const empty = clean.value === "" && clean.formula === undefined && clean.format === undefined && !clean.bold;
    if (empty) this.cells.delete(key(row, column));
    else this.cells.set(key(row, column), clean);
  }

  /** The smallest rectangle holding every cell with content (or, unless `valuesOnly`, a format). */
  usedBounds(valuesOnly = false): Bounds | null {
    let b: Bounds | null = null;
    for (const [k, cell] of this.cells) {
      if (valuesOnly && cell.value === "" && cell.formula === undefined) continue;
      const row = Math.floor(k / MAX_COLUMNS);
      const column = k % MAX_COLUMNS;
      if (!b) b = { top: row, bottom: row, left: column, right: column };
      else {
        b.top = Math.min(b.top, row);
        b.bottom = Math.max(b.bottom, row);
        b.left = Math.min(b.left, column);
        b.right = Math.max(b.right, column);
      }
    }
    return b;
  }
}

export interface TableModel {
  name: string;
  sheet: SheetModel;
  /** The whole table: header row, data rows, and the totals row when shown. */
  bounds: Bounds;
  showTotals: boolean;
  deleted: boolean;
}

export interface TableRegions {
  header: Bounds;
  body: Bounds;
  totals?: Bounds;
}

export function tableRegions(table: TableModel): TableRegions {
  const b = table.bounds;
  const header = { ...b, bottom: b.top };
  const bodyBottom = table.showTotals ? b.bottom - 1 : b.bottom;
  const body = { ...b, top: b.top + 1, bottom: bodyBottom };
  return table.showTotals ? { header, body, totals: { ...b, top: b.bottom } } : { header, body };
}

export type CellProperty = "values" | "formulas" | "numberFormat" | "valueTypes";
export const DEFAULT_COLUMN_WIDTH = 48;
export type ClearTarget = "All" | "Formats" | "Contents";

/** Characters Excel forbids in sheet names. */
const BAD_SHEET_CHARS = /[:\\/?*[\]]/;
/** Table names: a letter, "_" or "\" first, then letters, digits, "_" and "."; not a cell reference. */
const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.]*$/;
const LOOKS_LIKE_CELL = /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$/;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Excel's default names: "Sheet4", "Table2", … the first not taken from `start` on. */
function firstFreeName(prefix: string, start: number, taken: (name: string) => boolean): string {
  let n = start;
  while (taken(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  /** Add-in settings: JSON values, keys case-sensitive. */
  readonly settings = new Map<string, unknown>();
  activeSheet: SheetModel | undefined;
  selection: { sheet: SheetModel; bounds: Bounds } | undefined;

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => same(s.name, name));
  }

  /** The sheet named (case-insensitive, as in Excel), or ItemNotFound like `worksheets.getItem`. */
  requireSheet(name: string): SheetModel {
    const sheet = this.sheet(name);
    if (!sheet) throw new FakeOfficeError("ItemNotFound", `There is no worksheet named "${name}".`, "WorksheetCollection.getItem");
    return sheet;
  }

  checkSheetName(name: string, except?: SheetModel): void {
    const bad = name.length === 0 || name.length > 31 || BAD_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'") || same(name, "History");
    if (bad) throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid worksheet name.`, "Worksheet.name");
    const clash = this.sheet(name);
    if (clash && clash !== except) throw new FakeOfficeError("ItemAlreadyExists", `A worksheet named "${name}" already exists.`, "WorksheetCollection.add");
  }

  addSheet(name?: string): SheetModel {
    const chosen = name ?? firstFreeName("Sheet", this.sheets.length + 1, (n) => this.sheet(n) !== undefined);
    this.checkSheetName(chosen);
    const sheet = new SheetModel(chosen);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    this.checkSheetName(name, sheet);
    sheet.name = name;
  }

  /** Worksheet.position set: the sheet moves to that zero-based place in the tab order. */
  moveSheet(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw new FakeOfficeError("InvalidArgument", `There is no position ${position} among ${this.sheets.length} worksheets.`, "Worksheet.position");
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  deleteSheet(sheet: SheetModel): void {
    if (this.sheets.length === 1) throw new FakeOfficeError("InvalidOperation", "A workbook must keep at least one worksheet.", "Worksheet.delete");
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    sheet.deleted = true;
    for (const table of this.tables.filter((t) => t.sheet === sheet)) this.dropTable(table);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[Math.max(0, index - 1)];
    if (this.selection?.sheet === sheet) this.selection = undefined;
  }

  // ---- cells -------------------------------------------------------------

  /** Writes `values`/`formulas` (typed input) or `numberFormat` over `bounds`; returns cells written. */
  write(sheet: SheetModel, bounds: Bounds, property: CellProperty, data: unknown, policy: FormulaPolicy): number {
    const rows = checkShape(data, bounds, property);
    let written = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let j = 0; j < rows[i].length; j++) {
        const input = rows[i][j];
        if (input === null || input === undefined) continue;
        const row = bounds.top + i;
        const column = bounds.left + j;
        const old = sheet.cell(row, column);
        if (property === "numberFormat") {
          if (typeof input !== "string") throw badInput(property, input);
          sheet.put(row, column, { ...(old ?? { value: "" }), format: input === "" || input === GENERAL ? undefined : input });
        } else {
          if (!isCellValue(input)) throw badInput(property, input);
          const format = old?.format ?? GENERAL;
          const cell = interpretInput(input, format, policy);
          sheet.put(row, column, { ...(cell ?? { value: "" }), format: old?.format, bold: old?.bold });
        }
        written++;
      }
    }
    for (const table of this.tables) {
      if (table.sheet === sheet && boundsIntersect(table.bounds, bounds)) this.normaliseHeaders(table);
    }
    return written;
  }

  /** The 2-D array a load of `property` returns over `bounds`. */
  read(sheet: SheetModel, bounds: Bounds, property: CellProperty): CellValue[][] {
    const out: CellValue[][] = [];
    for (let row = bounds.top; row <= bounds.bottom; row++) {
      const line: CellValue[] = [];
      for (let column = bounds.left; column <= bounds.right; column++) {
        const cell = sheet.cell(row, column);
        if (property === "numberFormat") line.push(cell?.format ?? GENERAL);
        else if (property === "formulas") line.push(cell?.formula ?? cell?.value ?? "");
        else if (property === "valueTypes") line.push(valueType(cell));
        else line.push(cell?.value ?? "");
      }
      out.push(line);
    }
    return out;
  }

  clear(sheet: SheetModel, bounds: Bounds, target: ClearTarget): void {
    for (const [k, cell] of [...sheet.cells]) {
      const row = Math.floor(k / MAX_COLUMNS);
      const column = k % MAX_COLUMNS;
      if (row < bounds.top || row > bounds.bottom || column < bounds.left || column > bounds.right) continue;
      const keepsContent = target === "Formats";
      const keepsFormat = target === "Contents";
      sheet.put(row, column, {
        value: keepsContent ? cell.value : "",
        formula: keepsContent ? cell.formula : undefined,
        quotePrefix: keepsContent ? cell.quotePrefix : undefined,
        error: keepsContent ? cell.error : undefined,
        format: keepsFormat ? cell.format : undefined,
        bold: keepsFormat ? cell.bold : undefined,
      });
    }
    for (const table of this.tables) {
      if (table.sheet === sheet && boundsIntersect(table.bounds, bounds)) this.normaliseHeaders(table);
    }
  }

  /** `format.font.bold = …` over a range. */
  setBold(sheet: SheetModel, bounds: Bounds, bold: boolean): void {
    eachCell(bounds, (row, column) => {
      const old = sheet.cell(row, column) ?? { value: "" };
      sheet.put(row, column, { ...old, bold: bold ? true : undefined });
    });
  }

  /** Whether text wraps in a cell. */
  wrapsAt(sheet: SheetModel, row: number, column: number): boolean {
    for (let i = sheet.wrapRanges.length - 1; i >= 0; i--) {
      const { bounds: b, wrap } = sheet.wrapRanges[i];
      if (row >= b.top && row <= b.bottom && column >= b.left && column <= b.right) return wrap;
    }
    return false;
  }

  /** `format.wrapText` as loaded: null when the cells differ. */
  wrapOf(sheet: SheetModel, bounds: Bounds): boolean | null {
    return uniform(bounds, (row, column) => this.wrapsAt(sheet, row, column));
  }

  /** `format.font.bold` as loaded: null when the cells differ. */
  boldOf(sheet: SheetModel, bounds: Bounds): boolean | null {
    return uniform(bounds, (row, column) => sheet.cell(row, column)?.bold === true);
  }

  setColumnWidth(sheet: SheetModel, bounds: Bounds, points: number): void {
    if (!Number.isFinite(points) || points < 0) throw new FakeOfficeError("InvalidArgument", `${points} is not a column width.`, "RangeFormat.columnWidth");
    for (let column = bounds.left; column <= bounds.right; column++) sheet.columnWidths.set(column, points);
  }

  /** `format.columnWidth` as loaded: null when the columns differ. */
  columnWidthOf(sheet: SheetModel, bounds: Bounds): number | null {
    const columns = { ...bounds, top: 0, bottom: 0 };
    return uniform(columns, (_, column) => sheet.columnWidths.get(column) ?? DEFAULT_COLUMN_WIDTH);
  }

  // ---- tables ------------------------------------------------------------

  table(name: string): TableModel | undefined {
    return this.tables.find((t) => same(t.name, name));
  }

  checkTableName(name: string, except?: TableModel): void {
    if (!TABLE_NAME.test(name) || name.length > 255 || LOOKS_LIKE_CELL.test(name)) {
      throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid table name.`, "Table.name");
    }
    const clash = this.table(name);
    // Excel answers a duplicate table name with InvalidArgument too, in any sheet.
    if (clash && clash !== except) throw new FakeOfficeError("InvalidArgument", `A table named "${name}" already exists in the workbook.`, "Table.name");
  }

  /**
   * Makes a table over `bounds` whose first row is the header. Like Excel, a
   * header-only range gets one empty data row below it.
   */
  addTable(sheet: SheetModel, bounds: Bounds, hasHeaders: boolean, name?: string): TableModel {
    if (!hasHeaders) {
      throw new FakeOfficeError("InvalidArgument", "The fake models only tables.add(address, true): write the header row yourself.", "TableCollection.add");
    }
    const grown = boundsRows(bounds) === 1 ? { ...bounds, bottom: bounds.bottom + 1 } : { ...bounds };
    if (!insideGrid(grown)) throw new FakeOfficeError("InvalidArgument", "The table does not fit on the sheet.", "TableCollection.add");
    this.checkOverlap(sheet, grown);
    const chosen = name ?? firstFreeName("Table", this.tables.length + 1, (n) => this.table(n) !== undefined);
    this.checkTableName(chosen);
    const table: TableModel = { name: chosen, sheet, bounds: grown, showTotals: false, deleted: false };
    this.tables.push(table);
    this.normaliseHeaders(table);
    return table;
  }

  private checkOverlap(sheet: SheetModel, bounds: Bounds, except?: TableModel): void {
    const other = this.tables.find((t) => t !== except && t.sheet === sheet && boundsIntersect(t.bounds, bounds));
    if (other) throw new FakeOfficeError("InvalidArgument", `A table can't overlap another table (${other.name}).`, "TableCollection.add");
  }

  renameTable(table: TableModel, name: string): void {
    this.checkTableName(name, table);
    table.name = name;
  }

  /**
   * Turning the totals row on takes the (empty) row below the data and puts
   * "Total" in its first column; turning it off clears that row and gives it back.
   */
  setShowTotals(table: TableModel, show: boolean): void {
    if (show === table.showTotals) return;
    const b = table.bounds;
    if (show) {
      const row = b.bottom + 1;
      const grown = { ...b, bottom: row };
      if (!insideGrid(grown)) throw new FakeOfficeError("InvalidOperation", "No room for a totals row.", "Table.showTotals");
      this.checkOverlap(table.sheet, grown, table);
      // Excel would have to move what is below; the fake refuses rather than overwrite it.
      for (let column = b.left; column <= b.right; column++) {
        const below = table.sheet.cell(row, column);
        if (below && (below.value !== "" || below.formula !== undefined)) {
          throw new FakeOfficeError("InvalidOperation", `The totals row of "${table.name}" would cover ${cellName(row, column)}, which is not empty.`, "Table.showTotals");
        }
      }
      table.sheet.put(row, b.left, { value: "Total", format: table.sheet.cell(row, b.left)?.format });
      table.bounds = grown;
    } else {
      for (let column = b.left; column <= b.right; column++) table.sheet.put(b.bottom, column, undefined);
      table.bounds = { ...b, bottom: b.bottom - 1 };
    }
    table.showTotals = show;
  }

  /** `Table.resize`: same sheet, same header row, at least one data row. */
  resizeTable(table: TableModel, bounds: Bounds): void {
    const minimumRows = table.showTotals ? 3 : 2;
    if (bounds.top !== table.bounds.top || boundsRows(bounds) < minimumRows) {
      throw new FakeOfficeError("InvalidArgument", "A resized table must keep its header row and at least one data row.", "Table.resize");
    }
    this.checkOverlap(table.sheet, bounds, table);
    table.bounds = { ...bounds };
    this.normaliseHeaders(table);
  }

  /** `Table.delete()`: the table and its cell contents go; number formats stay. */
  deleteTable(table: TableModel): void {
    this.dropTable(table);
    this.clear(table.sheet, table.bounds, "Contents");
  }

  private dropTable(table: TableModel): void {
    this.tables.splice(this.tables.indexOf(table), 1);
    table.deleted = true;
  }

  /**
   * Excel keeps a table's headers unique, non-blank text: a blank becomes
   * "ColumnN", a repeat gets a number appended, numbers become their text.
   */
  normaliseHeaders(table: TableModel): void {
    const { header } = tableRegions(table);
    const seen: string[] = [];
    for (let column = header.left; column <= header.right; column++) {
      const cell = table.sheet.cell(header.top, column);
      const raw = cell?.formula ?? cell?.value ?? "";
      let text = typeof raw === "boolean" ? (raw ? "TRUE" : "FALSE") : String(raw);
      if (text === "") text = `Column${column - header.left + 1}`;
      let unique = text;
      for (let n = 2; seen.some((s) => same(s, unique)); n++) unique = `${text}${n}`;
      seen.push(unique);
      if (unique !== cell?.value || cell?.formula !== undefined || cell?.error) {
        table.sheet.put(header.top, column, { value: unique, format: cell?.format, bold: cell?.bold });
      }
    }
  }

  /** The table and sheet address of a table, e.g. "Items!A1:D9". */
  tableAddress(table: TableModel): string {
    return formatAddress(table.sheet.name, table.bounds);
  }
}

/** Excel.RangeValueType names, as `Range.valueTypes` gives them (every number is "Double"). */
function valueType(cell: Cell | undefined): string {
  if (!cell || cell.value === "") return "Empty";
  if (cell.error) return "Error";
  return typeof cell.value === "number" ? "Double" : typeof cell.value === "boolean" ? "Boolean" : "String";
}

function eachCell(bounds: Bounds, visit: (row: number, column: number) => void): void {
  for (let row = bounds.top; row <= bounds.bottom; row++) for (let column = bounds.left; column <= bounds.right; column++) visit(row, column);
}

/** The one value `pick` gives for every cell, or null when they differ (as Office reports mixed formats). */
function uniform<V>(bounds: Bounds, pick: (row: number, column: number) => V): V | null {
  let first: { v: V } | undefined;
  let mixed = false;
  eachCell(bounds, (row, column) => {
    const v = pick(row, column);
    if (!first) first = { v };
    else if (first.v !== v) mixed = true;
  });
  return mixed || !first ? null : first.v;
}

function isCellValue(v: unknown): v is CellValue {
  return typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

function badInput(property: CellProperty, input: unknown): FakeOfficeError {
  // Real Excel would get NaN/Infinity as JSON null and silently skip the cell; failing loudly finds the bug.
  return new FakeOfficeError("InvalidArgument", `Range.${property} cannot hold ${String(input)} (${typeof input}).`, `Range.${property}`);
}

function checkShape(data: unknown, bounds: Bounds, property: CellProperty): unknown[][] {
  const fits =
    Array.isArray(data) &&
    data.length === boundsRows(bounds) &&
    data.every((row) => Array.isArray(row) && row.length === boundsColumns(bounds));
  if (!fits) {
    throw new FakeOfficeError(
      "InvalidArgument",
      `The number of rows or columns in the ${property} array doesn't match the size of the range (${boundsRows(bounds)}×${boundsColumns(bounds)}).`,
      `Range.${property}`,
    );
  }
  return data as unknown[][];
}

// ---- helpers for tests ------------------------------------------------------

/**
 * A seeded cell: a literal value (stored as given, never parsed); a Date (its
 * UTC date and time as an Excel serial number, formatted "yyyy-mm-dd"); or a
 * cell spelled out, where `error` makes an error cell ("#N/A").
 */
export type SeedCell = CellValue | Date | null | { value?: CellValue | Date; formula?: string; format?: string; bold?: boolean; error?: string };

/**
 * Excel's serial number for a moment read in UTC: days since 1899-12-30 (the
 * 1900 date system; equal to Excel's from 1900-03-01 on, past its 1900 leap-day bug).
 */
export function excelSerial(date: Date): number {
  return (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export const DATE_FORMAT = "yyyy-mm-dd";

export interface TableSeed {
  name?: string;
  sheet: string;
  /** The table's range on the sheet, header row first, e.g. "A1:D4". */
  address: string;
  showTotals?: boolean;
}

export interface WorkbookSeedOptions {
  tables?: TableSeed[];
  settings?: Record<string, unknown>;
  /** Defaults to the first sheet. */
  activeSheet?: string;
  policy?: FormulaPolicy;
}

/**
 * A workbook from plain 2-D arrays, one per sheet, top-left at A1:
 * `fakeWorkbook({ Items: [["Item", "Type"], ["WOOD", "material"]] })`.
 * Strings are stored as text exactly as given (a seed is a file's contents,
 * not typing); use `{ formula: "=A1" }` for a formula, `{ error: "#N/A" }`
 * for an error, a Date for a date cell.
 */
export function fakeWorkbook(sheets: Record<string, SeedCell[][]>, options: WorkbookSeedOptions = {}): WorkbookModel {
  const workbook = new WorkbookModel();
  const policy = options.policy ?? DEFAULT_FORMULA_POLICY;
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addSheet(name);
    rows.forEach((line, row) => line.forEach((seed, column) => sheet.put(row, column, seedCell(seed, policy))));
  }
  if (workbook.sheets.length === 0) workbook.addSheet("Sheet1");
  if (options.activeSheet) workbook.activeSheet = workbook.requireSheet(options.activeSheet);
  for (const table of options.tables ?? []) addTable(workbook, table);
  for (const [k, v] of Object.entries(options.settings ?? {})) workbook.settings.set(k, jsonCopy(v));
  return workbook;
}

function seedCell(seed: SeedCell, policy: FormulaPolicy): Cell | undefined {
  if (seed === null) return undefined;
  if (seed instanceof Date) return { value: excelSerial(seed), format: DATE_FORMAT };
  if (typeof seed !== "object") return { value: seed };
  const isDate = seed.value instanceof Date;
  const given = seed.value instanceof Date ? excelSerial(seed.value) : seed.value;
  const formatText = seed.format ?? (isDate ? DATE_FORMAT : undefined);
  const cell: Cell = { value: "", format: formatText === GENERAL ? undefined : formatText, bold: seed.bold ? true : undefined };
  if (seed.error !== undefined) return { ...cell, value: seed.error, formula: seed.formula, error: true };
  if (seed.formula !== undefined) {
    const value = given ?? policy.evaluate(seed.formula);
    return { ...cell, value, formula: seed.formula, error: isErrorValue(value) ? true : undefined };
  }
  return { ...cell, value: given ?? "" };
}

/** Adds a table over an existing range (its first row is the header). */
export function addTable(workbook: WorkbookModel, seed: TableSeed): TableModel {
  const sheet = workbook.requireSheet(seed.sheet);
  const table = workbook.addTable(sheet, parseAddress(seed.address).bounds, true, seed.name);
  if (seed.showTotals) workbook.setShowTotals(table, true);
  return table;
}

/** JSON round trip: settings hold what survives JSON, as Office's do. */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export interface SheetDump {
  /** The dumped range without the sheet, "" for an empty sheet. */
  address: string;
  values: CellValue[][];
  formulas: CellValue[][];
  numberFormat: CellValue[][];
}

/** A sheet's values, formulas and number formats over `address` or else its used range. */
export function dumpSheet(workbook: WorkbookModel, sheetName: string, address?: string): SheetDump {
  const sheet = workbook.requireSheet(sheetName);
  const bounds = address ? parseAddress(address).bounds : sheet.usedBounds();
  if (!bounds) return { address: "", values: [], formulas: [], numberFormat: [] };
  const where = formatAddress(sheet.name, bounds);
  return {
    address: where.slice(where.lastIndexOf("!") + 1),
    values: workbook.read(sheet, bounds, "values"),
    formulas: workbook.read(sheet, bounds, "formulas"),
    numberFormat: workbook.read(sheet, bounds, "numberFormat"),
  };
}

export type CellSnapshot = Cell;

export interface WorkbookSnapshot {
  sheets: Array<{
    name: string;
    frozenRows: number;
    autofitColumns: number[];
    /** Column letter → width in points, for columns whose width was set. */
    columnWidths: Record<string, number>;
    cells: Record<string, CellSnapshot>;
  }>;
  tables: Array<{ name: string; sheet: string; address: string; showTotals: boolean }>;
  settings: Record<string, unknown>;
  activeSheet: string | null;
  selection: string | null;
}

/** A deep, plain copy of everything the fake models, for `deepStrictEqual` before/after. */
export function snapshotWorkbook(workbook: WorkbookModel): WorkbookSnapshot {
  return {
    sheets: workbook.sheets.map((sheet) => {
      const cells: Record<string, CellSnapshot> = {};
      const keys = [...sheet.cells.keys()].sort((a, b) => a - b);
      for (const k of keys) {
        // `put` keeps cells free of unset fields, so a shallow copy is a plain, deep-equal-friendly one.
        cells[cellName(Math.floor(k / MAX_COLUMNS), k % MAX_COLUMNS)] = { ...(sheet.cells.get(k) as Cell) };
      }
      const widths = [...sheet.columnWidths].sort(([a], [b]) => a - b);
      return {
        name: sheet.name,
        frozenRows: sheet.frozenRows,
        autofitColumns: [...sheet.autofitColumns].sort((a, b) => a - b),
        columnWidths: Object.fromEntries(widths.map(([column, points]) => [columnLetters(column), points])),
        cells,
      };
    }),
    tables: workbook.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, address: workbook.tableAddress(t), showTotals: t.showTotals })),
    settings: Object.fromEntries([...workbook.settings].map(([k, v]) => [k, jsonCopy(v)])),
    activeSheet: workbook.activeSheet?.name ?? null,
    selection: workbook.selection ? formatAddress(workbook.selection.sheet.name, workbook.selection.bounds) : null,
  };
}
