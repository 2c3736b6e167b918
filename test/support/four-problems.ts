/**
 * Issue 20's copy of the sample workbook with four problems, one of each
 * kind: a bad number (Production!C17 "12,5kg"), a BOM loop (a line added that
 * puts the seat inside its own cushion), a material without a standard price
 * (Items!C10, FELT-PAD), and an unknown item in Sales (a typo on row 20).
 */
import { newXlsx, xlsxBytes } from "../../src/adapters/xlsx/bytes";
import type { CellValue } from "../../src/workbook/cells";
import type { InputTableModel } from "../../src/workbook/port";
import { buildSampleTables } from "../../src/sample";

/** The four problems as `backflush run` prints them, in sheet order (Items, BOM, Production, Sales). */
export const FOUR_PROBLEMS: readonly string[] = [
  'Items!C10: Material "FELT-PAD" has no standard price',
  "BOM!B62: The BOM loops: SEAT-ASSY → CUSHION → SEAT-ASSY",
  'Production!C17: Qty "12,5kg" is not a number',
  'Sales!B20: Item "CHAIR-CLASIC" is not in Items',
];

/** The same four in Swedish and Malay: the cells and the workbook's column and table names as they are, the sentences translated. */
export const FOUR_PROBLEMS_IN: Readonly<Record<"sv" | "ms", readonly string[]>> = {
  sv: [
    'Items!C10: Materialet "FELT-PAD" har inget standardpris',
    "BOM!B62: Strukturen går i cirkel: SEAT-ASSY → CUSHION → SEAT-ASSY",
    'Production!C17: Qty "12,5kg" är inte ett tal',
    'Sales!B20: Item "CHAIR-CLASIC" finns inte i Items',
  ],
  ms: [
    'Items!C10: Bahan "FELT-PAD" tiada harga piawai',
    "BOM!B62: BOM berpusing dalam gelung: SEAT-ASSY → CUSHION → SEAT-ASSY",
    'Production!C17: Qty "12,5kg" bukan nombor',
    'Sales!B20: Item "CHAIR-CLASIC" tiada dalam Items',
  ],
};

export function fourProblemSample(): InputTableModel[] {
  const models = buildSampleTables().map((m) => ({ ...m, rows: m.rows.map((r) => [...r]) }));
  const rows = (table: string): CellValue[][] => models.find((m) => m.table === table)!.rows as CellValue[][];
  const set = (table: string, sheetRow: number, column: number, value: CellValue) => {
    const row = rows(table)[sheetRow - 2]; // row 1 is the header
    row[column] = value;
  };
  set("Items", 10, 2, null); // FELT-PAD's StdPrice
  set("Production", 17, 2, "12,5kg");
  set("Sales", 20, 1, "CHAIR-CLASIC");
  rows("BOM").push(["CUSHION", "SEAT-ASSY", 1, null, null, null]); // row 62: SEAT-ASSY → CUSHION → SEAT-ASSY
  return models;
}

/** The four-problem sample as .xlsx bytes, its tables as the sample's. */
export async function fourProblemWorkbook(): Promise<Uint8Array> {
  const book = await newXlsx();
  await book.writeInputTables(fourProblemSample());
  return xlsxBytes(book);
}
