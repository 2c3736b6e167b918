/**
 * A1-style addresses for the Excel fake: parse "Sheet1!$A$1:C3", "A:C",
 * "2:5", "'My sheet'!B2" into zero-based bounds, and format bounds back the
 * way Excel reports `Range.address`.
 */
import { FakeOfficeError } from "./excel-errors";

/** Excel's grid size (rows × columns) since Excel 2007. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, zero-based and inclusive on all sides. */
export interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ParsedAddress {
  /** The sheet name when the address names one (quotes removed). */
  sheet?: string;
  bounds: Bounds;
}

export const boundsRows = (b: Bounds): number => b.bottom - b.top + 1;
export const boundsColumns = (b: Bounds): number => b.right - b.left + 1;
export const boundsCells = (b: Bounds): number => boundsRows(b) * boundsColumns(b);

export function boundsIntersect(a: Bounds, b: Bounds): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function insideGrid(b: Bounds): boolean {
  return b.top >= 0 && b.left >= 0 && b.top <= b.bottom && b.left <= b.right && b.bottom < MAX_ROWS && b.right < MAX_COLUMNS;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B3" for row 2, column 1 (zero-based). */
export const cellName = (row: number, column: number): string => `${columnLetters(column)}${row + 1}`;

const SHEET_PREFIX = /^(?:'((?:[^']|'')+)'|([^'!][^!]*))!(.*)$/;
const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

interface Corner {
  row?: number;
  column?: number;
}

function parseCorner(text: string): Corner | undefined {
  let m = CELL.exec(text);
  if (m) return { column: columnIndex(m[1]), row: Number(m[2]) - 1 };
  m = COLUMN.exec(text);
  if (m) return { column: columnIndex(m[1]) };
  m = ROW.exec(text);
  if (m) return { row: Number(m[1]) - 1 };
  return undefined;
}

function invalid(address: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", `The fake cannot read the address "${address}" as an A1 reference.`, "Worksheet.getRange");
}

/** Parses an A1 reference; throws InvalidArgument for anything else (names, R1C1, unions). */
export function parseAddress(address: string): ParsedAddress {
  const trimmed = address.trim();
  let sheet: string | undefined;
  let ref = trimmed;
  const prefixed = SHEET_PREFIX.exec(trimmed);
  if (prefixed) {
    sheet = prefixed[1] !== undefined ? prefixed[1].replace(/''/g, "'") : prefixed[2];
    ref = prefixed[3];
  }
  const parts = ref.split(":");
  if (parts.length < 1 || parts.length > 2) throw invalid(address);
  const first = parseCorner(parts[0]);
  const second = parts.length === 2 ? parseCorner(parts[1]) : first;
  if (!first || !second) throw invalid(address);
  // A lone "A" or "3" is not a range in Excel; whole columns and rows need the colon form.
  if (parts.length === 1 && (first.row === undefined || first.column === undefined)) throw invalid(address);
  const wholeColumns = first.row === undefined && second.row === undefined;
  const wholeRows = first.column === undefined && second.column === undefined;
  const mixed = !wholeColumns && !wholeRows && (first.row === undefined || first.column === undefined || second.row === undefined || second.column === undefined);
  if (mixed) throw invalid(address);
  const r1 = wholeColumns ? 0 : (first.row as number);
  const r2 = wholeColumns ? MAX_ROWS - 1 : (second.row as number);
  const c1 = wholeRows ? 0 : (first.column as number);
  const c2 = wholeRows ? MAX_COLUMNS - 1 : (second.column as number);
  const bounds = { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
  if (!insideGrid(bounds)) throw invalid(address);
  return { sheet, bounds };
}

/** Sheet names that Excel writes without quotes in an address. */
const PLAIN_SHEET = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export function quoteSheetName(name: string): string {
  // A name that reads as a cell reference ("AB12") must be quoted too.
  return PLAIN_SHEET.test(name) && !CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The address without the sheet: "A1", "B2:C9", "A:C", "3:4". */
export function formatBounds(b: Bounds): string {
  const allRows = b.top === 0 && b.bottom === MAX_ROWS - 1;
  const allColumns = b.left === 0 && b.right === MAX_COLUMNS - 1;
  if (allRows && !allColumns) return `${columnLetters(b.left)}:${columnLetters(b.right)}`;
  if (allColumns) return `${b.top + 1}:${b.bottom + 1}`;
  const start = cellName(b.top, b.left);
  return b.top === b.bottom && b.left === b.right ? start : `${start}:${cellName(b.bottom, b.right)}`;
}

/** The address as `Range.address` gives it: "Sheet1!A1:C3", "'My sheet'!B2". */
export const formatAddress = (sheet: string, b: Bounds): string => `${quoteSheetName(sheet)}!${formatBounds(b)}`;
