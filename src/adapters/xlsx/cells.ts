/**
 * ExcelJS cell values → the workbook layer's `CellValue`, and back for writing.
 *
 * What ExcelJS hands over, and what it becomes:
 * - numbers, text, booleans: as they are;
 * - rich text (also inside shared strings): its plain text;
 * - hyperlinks: their display text;
 * - dates (numbers in a date format): a JS Date; ExcelJS makes them from the
 *   serial in UTC, so a date-only cell is UTC midnight, as cells.ts expects;
 * - error values: `{ error: "#N/A" }`;
 * - formulas (plain, shared, array): their cached result, converted the same
 *   way. A formula without a cached result (a file written by a program that
 *   does not calculate) becomes an error value whose text says so and what to
 *   do, because reading it as blank or zero would silently change the data;
 * - the covered cells of a merged range: blank, as Excel itself reports them.
 */
import type { Cell, CellValue as ExcelCellValue } from "exceljs";
import { ValueType } from "exceljs";
import type { CellValue } from "../../workbook/cells";

/** The error text for a formula that has no saved result. */
export function uncalculatedFormula(formula: string): string {
  return `a formula with no saved result (=${formula}); open the file in Excel, let it calculate, and save it`;
}

type RichTextLike = { richText: readonly { text: string }[] };
const isRichText = (v: object): v is RichTextLike => Array.isArray((v as RichTextLike).richText);

/** Plain text of a string or a rich-text value. */
function plainText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "object" && v !== null && isRichText(v)) return v.richText.map((r) => r.text).join("");
  return undefined;
}

/** A formula's cached result, or undefined when the file holds none. */
function formulaResult(v: object): { formula: string; result: unknown } | undefined {
  if (!("formula" in v) && !("sharedFormula" in v)) return undefined;
  const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
  return { formula: f.formula ?? f.sharedFormula ?? "", result: f.result };
}

/** Converts what ExcelJS holds in a cell's `value` to a CellValue. */
export function fromExcel(v: ExcelCellValue | unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v !== "object") return null;
  const text = plainText(v);
  if (text !== undefined) return text;
  if ("hyperlink" in v) return plainText((v as { text?: unknown }).text) ?? null;
  const formula = formulaResult(v);
  if (formula) {
    if (formula.result === undefined || formula.result === null) return { error: uncalculatedFormula(formula.formula) };
    return fromExcel(formula.result);
  }
  if ("error" in v && typeof (v as { error: unknown }).error === "string") return { error: (v as { error: string }).error };
  return null;
}

/** A cell's value as a CellValue; the covered cells of a merged range are blank. */
export function cellValue(cell: Cell): CellValue {
  if (cell.type === ValueType.Merge) return null;
  return fromExcel(cell.value);
}

/** Plain text of a cell when it holds text (rich text included), else undefined. */
export function cellText(cell: Cell): string | undefined {
  const v = cellValue(cell);
  return typeof v === "string" ? v : undefined;
}

/** A Date at UTC midnight for an ISO date ("2026-11-03"), as Excel date cells are written. */
export function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}
