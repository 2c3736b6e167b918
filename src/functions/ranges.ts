/**
 * Function arguments → the workbook contract. A range argument (`Items[#All]`,
 * `BOM`, `A1:F200`) arrives as a 2-D array of values, with or without its
 * header row; it becomes a `RawTable` whose "sheet" is the argument's name, so
 * that the contract's reader (parse.ts) reads it and every message points into
 * the range: `bom!C7: QtyPer "x" is not a number` is row 7, column C of the
 * range passed as `bom`, counting its header row when it has one.
 *
 * Scalar arguments (an item code, a part, a date) are checked here too.
 */
import type { IsoDate } from "../engine/dates";
import type { Language } from "../i18n";
import type { Dec } from "../engine/money";
import type { AccountRole, GroupedPeriodInput, TableName } from "../engine/types";
import type { CellValue, Converted } from "../workbook/cells";
import { dateFromSerial, isBlank, isDateFormatCode, toCode, toDate, toDec, whyAt } from "../workbook/cells";
import type { RawTable, TableLayout } from "../workbook/parse";
import { readInput } from "../workbook/parse";
import type { ColumnDef, TableDef } from "../workbook/schema";
import { TABLES, normalizeName, requiredTables } from "../workbook/schema";
import { FunctionError, functionError, problemsError } from "./errors";
import { said } from "../i18n/problems";

/** One input table read from one argument. */
export interface TableRead {
  table: TableName;
  /** The records (movements grouped as read), in an input whose other tables are empty. */
  input: GroupedPeriodInput;
  /** Where the table's fields are in the range, for pointing engine findings at cells. */
  layout: TableLayout;
  /** The chart of accounts (the defaults unless this is the Accounts table). */
  accounts: Record<AccountRole, { account: string; name: string }>;
  /** The Settings table's Language, when this is the Settings table and it gives one. */
  sheetLanguage?: Language;
}

// ------------------------------------------------------------ cell values

/**
 * One value of a range argument as a CellValue. Excel passes numbers, text,
 * booleans and null (empty); dates come as serial numbers. Data types passed
 * to an `any` parameter arrive as objects with a `basicValue`.
 */
export function cellOf(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o.type === "Error") return { error: typeof o.basicValue === "string" ? o.basicValue : "#VALUE!" };
    // A number that carries its format (a FormattedNumber data type) is a date when the format shows one, as a cell is.
    if (typeof o.basicValue === "number" && typeof o.numberFormat === "string" && isDateFormatCode(o.numberFormat)) return dateFromSerial(o.basicValue, false);
    if ("basicValue" in o) return cellOf(o.basicValue);
    if (typeof o.error === "string") return { error: o.error };
    if (typeof o.code === "string") return { error: o.code };
  }
  return { error: "#VALUE!" };
}

/** A range argument as rows; a single value (Excel passes one cell as [[v]], a test may pass v) is a 1×1 range. */
export function rowsOf(arg: unknown): readonly (readonly unknown[])[] {
  if (!Array.isArray(arg)) return [[arg]];
  // Excel's own 2-D arrays are used as they are: no copy of a big range per call.
  return arg.every((r: unknown) => Array.isArray(r)) ? (arg as unknown[][]) : arg.map((r: unknown) => (Array.isArray(r) ? r : [r]));
}

/** True when an optional argument was left out (Excel passes null, or undefined, or an empty cell's ""). */
export function omitted(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

// ------------------------------------------------------------ ranges → tables

const columnNames = new Map<TableName, Map<string, ColumnDef>>();
/** normalized header → column, for one table (the key and every alias). */
function namesOf(def: TableDef): Map<string, ColumnDef> {
  let names = columnNames.get(def.name);
  if (!names) {
    names = new Map();
    for (const c of def.columns) for (const n of [c.key, ...c.aliases]) names.set(normalizeName(n), c);
    columnNames.set(def.name, names);
  }
  return names;
}

/**
 * The first row is a header when it names every required column of the
 * table (and two columns at least, when it holds a number: a column of the
 * user's own headed by a year, say),
 * or, holding no number or boolean (data would), names columns in more than
 * half of its cells that are not blank, or names two or more in a range wider
 * than the table has columns (which no data without a header could fill: a
 * header with a required column misspelt and columns of the user's own
 * besides, to be told which column is missing). A row of data cannot name
 * every required column: one of them at least holds a number or a date.
 */
function isHeader(def: TableDef, first: readonly unknown[], width: number): boolean {
  const names = namesOf(def);
  const required = new Set(def.columns.filter((c) => c.required).map((c) => c.key));
  let named = 0;
  let filled = 0;
  let holdsData = false;
  for (const v of first) {
    const c = cellOf(v);
    if (typeof c === "number" || typeof c === "boolean" || c instanceof Date) holdsData = true;
    if (isBlank(c)) continue;
    filled++;
    if (typeof c !== "string") continue;
    const column = names.get(normalizeName(c));
    if (column === undefined) continue;
    named++;
    required.delete(column.key);
  }
  // One name beside a number could be an item coded as a column's name (Inventory needs only Item): two make a header.
  if (named > 0 && required.size === 0 && (!holdsData || named >= 2)) return true;
  // Else a header mostly names columns (one with a required column misspelt, to be told so): a row of data all text
  // (a phantom kit whose Unit reads "unit") names one by chance, and none it needs.
  return !holdsData && named > 0 && (named * 2 > filled || (named >= 2 && width > def.columns.length));
}

/**
 * A range argument as the RawTable the reader takes. With a header row, its
 * headers name the columns (any order, any of the contract's names); without,
 * the columns are the contract's, in its order (schema.ts).
 */
export function rangeTable(table: TableName, arg: unknown, argName: string): RawTable {
  const def = TABLES[table];
  const grid = rowsOf(arg);
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const allBlank = grid.every((r) => r.every((v) => isBlank(cellOf(v))));
  if (allBlank) return { sheet: argName, headerRow: 0, firstColumn: 0, header: def.columns.map((c) => c.key), rows: [] };

  let header: CellValue[];
  let body: readonly (readonly unknown[])[];
  let headerRow: number;
  if (isHeader(def, grid[0], width)) {
    header = grid[0].map(cellOf);
    body = grid.slice(1);
    headerRow = 1;
  } else {
    const order = def.columns.map((c) => c.key).join(", ");
    if (width > def.columns.length) {
      throw functionError("#VALUE!", "function.tooWide", { argument: argName, width, order, table: def.name });
    }
    const needed = def.columns.reduce((n, c, i) => (c.required ? i + 1 : n), 0);
    if (width < needed) {
      throw functionError("#VALUE!", "function.tooNarrow", { argument: argName, columns: { plural: "function.columns", count: width }, order, needed });
    }
    header = def.columns.slice(0, width).map((c) => c.key);
    body = grid;
    headerRow = 0;
  }
  // Date columns: some Excel builds pass an empty cell as 0, which is never a date (serial 0 is "1900-01-00").
  const names = namesOf(def);
  const dateColumns = header.flatMap((h, i) => (typeof h === "string" && names.get(normalizeName(h))?.kind === "date" ? [i] : []));
  const rows = body.map((r) => excelRow(r, width, dateColumns));
  return { sheet: argName, headerRow, firstColumn: 0, header, rows };
}

/** A row as CellValues; the argument's own array is used when it needs no change (big tables are not copied). */
function excelRow(r: readonly unknown[], width: number, dateColumns: readonly number[]): readonly CellValue[] {
  let plain = r.length === width;
  for (let i = 0; plain && i < r.length; i++) {
    const v = r[i];
    plain = v === null || typeof v === "string" || (typeof v === "number" && !(v === 0 && dateColumns.includes(i))) || typeof v === "boolean";
  }
  if (plain) return r as readonly CellValue[];
  const out: CellValue[] = new Array(width);
  for (let i = 0; i < width; i++) {
    const v = cellOf(r[i]);
    out[i] = v === 0 && dateColumns.includes(i) ? null : v;
  }
  return out;
}

/** Empty tables in place of those the reader requires but a single-table read does not have. */
const EMPTY_TABLES: Partial<Record<TableName, RawTable>> = Object.fromEntries(
  requiredTables("purchase-completion-sale").map((name) => [name, { sheet: name, headerRow: 1, firstColumn: 0, header: TABLES[name].columns.map((c) => c.key), rows: [] }]),
);

/**
 * Reads one range argument as one input table, through the contract's reader.
 * @throws FunctionError (#VALUE!) listing the cells at fault.
 */
export function readArgument(table: TableName, arg: unknown, argName: string): TableRead {
  const raw = rangeTable(table, arg, argName);
  const read = readInput({ ...EMPTY_TABLES, [table]: raw });
  if (!read.input) throw problemsError(read.problems);
  const layout = read.layouts[table]!;
  // Keep where the columns are, not the cells: the records hold the data.
  return { table, input: read.input, layout: { ...layout, raw: { ...raw, rows: [] } }, accounts: read.accounts, sheetLanguage: read.sheet.language };
}

// ------------------------------------------------------------ scalar arguments

/** "qty: the cell is blank", "qty "x" is not a number": the reader's wording (its catalog text), for an argument. */
function notRead(name: string, r: Converted<unknown> & { ok: false }, code: "#VALUE!" | "#NUM!" = "#VALUE!"): FunctionError {
  return new FunctionError(code, [whyAt(name, r.why)]);
}

/** An item code (text; a number is taken as its digits, like item 1001 in a table), read as a table's codes are (toCode). */
export function textArg(v: unknown, name: string): string {
  const r = toCode(cellOf(v));
  if (!r.ok) throw notRead(name, r);
  if (r.value === "") throw new FunctionError("#VALUE!", [said("problem.required", { field: name })]);
  return r.value;
}

/** A quantity or an amount, exact: Excel's float is read to its 15 significant digits, as in a table. */
export function decArg(v: unknown, name: string): Dec {
  const r = toDec(cellOf(v));
  if (!r.ok) throw notRead(name, r, r.code === "too-large" ? "#NUM!" : "#VALUE!");
  return r.value;
}

/** An optional date: a serial number, a date, or ISO text; left out (or an empty cell passed as 0) means none. */
export function dateArg(v: unknown, name: string): IsoDate | undefined {
  if (omitted(v) || v === 0) return undefined;
  const r = toDate(cellOf(v));
  if (!r.ok) throw notRead(name, r);
  return r.value;
}

/** One of a few words (case and spaces ignored); left out means `fallback`. */
export function choiceArg<T extends string>(v: unknown, name: string, choices: readonly T[], fallback: T): T {
  if (omitted(v)) return fallback;
  const word = typeof v === "string" ? normalizeName(v) : "";
  const found = choices.find((c) => normalizeName(c) === word);
  // The words are the ones a formula is written with, the same in every language.
  if (found === undefined) throw functionError("#VALUE!", "function.choice", { argument: name, value: typeof v === "string" ? `"${v}"` : String(v), choices: choices.slice(0, -1).join(", "), last: choices[choices.length - 1] });
  return found;
}
