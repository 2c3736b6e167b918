/**
 * DOMAIN.md's chair maker as two workbooks a month apart, for opening one at
 * the other's closing: November (variances prorated) and December (nothing
 * bought, made or incurred; the 100 chairs left sold on the 15th).
 */
import type { CellValue } from "../../src/workbook/cells";
import type { PortFixture } from "../contract/fixtures";
import { chairMaker, day, editSheet, setCell } from "../contract/fixtures";

/** November: DOMAIN.md's chair maker, variances prorated (Settings!B6). */
export const november = (): PortFixture => setCell(chairMaker(), "Settings", "B6", "prorate");

/** December: `edit` may change its Settings rows (B2 Triggers, B3 PeriodStart, B4 PeriodEnd, B5 Currency, B6 Disposition). */
export function december(edit: (settings: CellValue[][]) => void = () => {}): PortFixture {
  let f = november();
  for (const sheet of ["Purchases", "Production", "Conversion"]) f = editSheet(f, sheet, (rows) => rows.slice(0, 1));
  f = editSheet(f, "Sales", (rows) => [rows[0], [day("2026-12-15"), "CHAIR", 100, "INV-2"]]);
  f = editSheet(f, "Inventory", (rows) => rows.slice(0, 1));
  return editSheet(f, "Settings", (rows) => {
    rows[2][1] = day("2026-12-01");
    rows[3][1] = day("2026-12-31");
    edit(rows);
  });
}
