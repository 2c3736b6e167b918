/**
 * Cells between Office.js and the workbook layer.
 *
 * Reading: Office gives `values` (dates as serial numbers, errors as their
 * text, empty cells as "") and `valueTypes`; only the type tells the error
 * #N/A from the text "#N/A", so both are read.
 *
 * Writing: every cell goes with its number format, set before its value in
 * the same request. Any string is written into a cell formatted "@" (Text), so
 * that text starting with =, +, - or @ stays text and digits stay digits.
 */
import { Dec, excelSerialFromIso, isIsoDate, isoFromUtcDate } from "../../engine";
import type { CellValue } from "../../workbook/cells";
import { columnLetter, dateFromSerial, isCellError, isDateFormatCode } from "../../workbook/cells";
import type { OutCell, OutKind } from "../../workbook/render";
import { numberFormat } from "../../workbook/render";
import { fitCell } from "../../workbook/layout";
import type { ColumnKind } from "../../workbook/schema";
import type { CellInput, OfficeValue } from "./api";

export const TEXT_FORMAT = numberFormat("text", 0);
export const GENERAL_FORMAT = "General";

/**
 * One cell as Office hands it over → CellValue. Office gives a date as its
 * serial number, typed "Double": its number format (Excel's invariant code,
 * `numberFormat`) tells it from a number, as the .xlsx adapter tells it by the
 * cell's style, so that a date typed into a Qty or Item cell (Excel turns 1/2
 * and 3-4 into dates) is refused at its cell in Excel as on the command line.
 */
export function fromOffice(value: OfficeValue, valueType: string, format?: string): CellValue {
  if (valueType === "Error") return { error: String(value) };
  if (valueType === "Empty" || value === "") return null;
  if (typeof value === "number" && format !== undefined && isDateFormatCode(format)) return dateFromSerial(value, false);
  return value;
}

/** Rows of `values` with their `valueTypes` (and `numberFormat`, to tell dates) → rows of CellValue. */
export function rowsFromOffice(values: readonly (readonly OfficeValue[])[], types: readonly (readonly string[])[], formats?: readonly (readonly string[])[]): CellValue[][] {
  return values.map((row, i) => row.map((v, j) => fromOffice(v, types[i][j], formats?.[i][j])));
}

/** A cell to write: its value, and the number format that goes in first. */
export interface CellWrite {
  value: CellInput;
  format: string;
}

/** Text as a cell holds it: Excel's limit, whatever a sheet model holds (an item code or category another program wrote longer). */
const text = (value: string): CellWrite => ({ value: fitCell(value), format: TEXT_FORMAT });

/** A generated sheet's cell, in a column of `kind` formatted `format`. */
export function generatedCell(kind: OutKind, v: OutCell, format: string): CellWrite {
  if (v === null) return { value: "", format };
  if (v instanceof Dec) return kind === "text" ? text(v.toFixed()) : { value: v.toNumber(), format };
  if (typeof v === "number") return kind === "text" ? text(String(v)) : { value: v, format };
  // Dates come as ISO text and go in as Excel serials under a date format.
  if (kind === "date" && isIsoDate(v)) return { value: excelSerialFromIso(v), format };
  return text(v);
}

const MS_PER_DAY = 86_400_000;

/** Excel serial of a JS Date read in UTC (time of day as the fraction). */
export function serialFromDate(date: Date): number {
  const iso = isoFromUtcDate(date);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return excelSerialFromIso(iso) + (date.getTime() - midnight) / MS_PER_DAY;
}

/** Number formats of input columns: text as text, dates as dates, numbers as Excel likes. */
export function inputFormat(kind: ColumnKind): string {
  return kind === "text" ? TEXT_FORMAT : kind === "date" ? numberFormat("date", 0) : GENERAL_FORMAT;
}

/** An input table's cell (template or sample data), in a column of `kind` formatted `format`. */
export function inputCell(kind: ColumnKind, v: CellValue, format: string): CellWrite {
  if (v === null) return { value: "", format };
  if (v instanceof Date) return { value: serialFromDate(v), format };
  if (isCellError(v)) return { value: v.error, format: GENERAL_FORMAT };
  if (typeof v === "number" && kind === "text") return text(String(v));
  if (typeof v === "string") return text(v);
  return { value: v, format };
}

/** Excel's column width in points for a width in characters of the default font (8.43 → 48). */
export function widthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** "B3:D9" for zero-based rows and columns. */
export function a1(top: number, left: number, bottom: number, right: number): string {
  return `${cellName(top, left)}:${cellName(bottom, right)}`;
}

/** "C5" for a zero-based row and column. */
export function cellName(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** "C:C" for a zero-based column. */
export function wholeColumn(column: number): string {
  return `${columnLetter(column)}:${columnLetter(column)}`;
}

/** A structured reference to a column from inside its table: [Debit], with ' before [ ] # '. */
export function columnReference(header: string): string {
  return `[${header.replace(/['#[\]]/g, "'$&")}]`;
}
