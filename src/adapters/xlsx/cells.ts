/**
 * SpreadsheetML cell values → the workbook layer's `CellValue`, and the date
 * serials we write.
 *
 * What a cell holds, and what it becomes:
 * - numbers, booleans, error values (`{ error: "#N/A" }`): as they are;
 * - text, shared or inline, rich text included: its plain text (phonetic runs left out);
 * - a number in a date format: a JS Date at the serial's UTC time, in the
 *   workbook's date system (1900 or 1904), so a date-only cell is UTC midnight,
 *   as the workbook layer expects;
 * - a formula: its saved result, converted the same way. A formula without a
 *   saved result (a file written by a program that does not calculate) becomes
 *   an error value whose text says so and what to do: reading it as blank or
 *   zero would silently change the data.
 */
import type { CellValue } from "../../workbook/cells";
import { dateFromSerial, isDateFormatCode, uncalculatedFormula } from "../../workbook/cells";

export { dateFromSerial, isDateFormatCode, serialFromIso, uncalculatedFormula } from "../../workbook/cells";

/** Thrown for text that cannot be a sheet; the caller names the sheet and `cell` (the cell being read when undefined). */
export class MalformedSheet extends Error {
  constructor(readonly cell: string | undefined) {
    super("malformed sheet XML");
  }
}

/** Built-in number formats that show dates (ECMA-376 part 1, 18.8.30), with the East Asian ones; not those of a time alone (18–21, 45–47, and 32–33, a time in every East Asian locale), which show a number of days (isDateFormatCode). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatId(id: number, custom: ReadonlyMap<number, string>): boolean {
  const code = custom.get(id);
  return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id);
}

/** What the sheet reader collected for one cell. */
export interface RawCell {
  /** The `t` attribute ("s", "str", "inlineStr", "b", "e", "d", "n" or absent). */
  type: string | undefined;
  /** The text of <v>, or of the inline string; undefined when absent. */
  value: string | undefined;
  /** The formula text, "" for a shared formula's followers, undefined without one. */
  formula: string | undefined;
  isDate: boolean;
}

export interface CellContext {
  sharedStrings: readonly string[];
  date1904: boolean;
}

/** A shared-string index as SpreadsheetML writes it (xsd:unsignedInt): digits only. */
const SHARED_INDEX = /^\d+$/;

/** A number as SpreadsheetML writes one (xsd:double, without INF and NaN; spaces around it collapse): Number() alone also reads 0x10 and 0b11. */
const DOUBLE = /^[ \t\n\r]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r]*$/;

/** The number a cell's text spells as SpreadsheetML writes numbers, or NaN. */
export function numberOfText(text: string): number {
  return DOUBLE.test(text) ? Number(text) : NaN;
}

/** The cell types SpreadsheetML has; any other is damage, not a number. */
const CELL_TYPES = new Set(["b", "d", "e", "inlineStr", "n", "s", "str"]);

/** A cell as the workbook layer reads it. */
export function cellValueOf(cell: RawCell, ctx: CellContext): CellValue {
  const { type, value, formula } = cell;
  if (type !== undefined && !CELL_TYPES.has(type)) throw new MalformedSheet(undefined);
  // An error cell says which error: one without is damage, never a blank.
  if (type === "e" && (value === undefined || value === "") && formula === undefined) throw new MalformedSheet(undefined);
  if (value === undefined || (value === "" && type !== "str" && type !== "inlineStr" && type !== "s")) {
    return formula !== undefined ? { error: uncalculatedFormula(formula) } : null;
  }
  switch (type) {
    case "s": {
      // An index the shared strings do not hold is damage, not a blank: reading it as blank would report good data as missing.
      // Only plain digits are an index: Number() would read "", "-0" or "1.0" as a string the cell never named.
      const text = SHARED_INDEX.test(value) ? ctx.sharedStrings[Number(value)] : undefined;
      if (text === undefined) throw new MalformedSheet(undefined);
      return text;
    }
    case "str":
    case "inlineStr":
      return value;
    case "b":
      return value === "1" || value.toLowerCase() === "true";
    case "e":
      return { error: value };
    case "d": {
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) || !value.includes("T") ? value : `${value}Z`);
      return isNaN(d.getTime()) ? value : d;
    }
    default: {
      const n = numberOfText(value);
      if (!Number.isFinite(n)) return value;
      return cell.isDate ? dateFromSerial(n, ctx.date1904) : n;
    }
  }
}
