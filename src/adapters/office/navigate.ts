/**
 * Taking the user to a place in the workbook: the cell a problem points at
 * ("Production!C17", "'My Sheet'!B2", "Production!4:4"), or a sheet.
 */
import type { ExcelApiSubset, RequestContextSubset, WorksheetSubset } from "./api";

/** "'My Sheet'!B2" → { sheet: "My Sheet", reference: "B2" }; a bare (or quoted) sheet name has no reference. */
export function splitAddress(address: string): { sheet: string; reference?: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!][^!]*))(?:!(.+))?$/.exec(address.trim());
  if (!m) return { sheet: address.trim() };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], reference: m[3] };
}

async function sheetNamed(context: RequestContextSubset, name: string): Promise<WorksheetSubset> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (sheet.isNullObject) throw new Error(`There is no sheet named "${name}"`);
  return sheet;
}

/** Shows the sheet `name`; rejects when there is none. */
export function activateSheet(excel: ExcelApiSubset, name: string): Promise<void> {
  return excel.run(async (context) => {
    (await sheetNamed(context, name)).activate();
    await context.sync();
  });
}

/** Shows the sheet of `address` and selects its cell (or rows); a bare sheet name just shows the sheet. */
export function selectCell(excel: ExcelApiSubset, address: string): Promise<void> {
  const { sheet: name, reference } = splitAddress(address);
  return excel.run(async (context) => {
    const sheet = await sheetNamed(context, name);
    sheet.activate();
    if (reference !== undefined) sheet.getRange(reference).select();
    await context.sync();
  });
}
