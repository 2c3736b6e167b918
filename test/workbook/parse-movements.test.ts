/**
 * Reading movement tables: the quick path for the usual row (a serial date,
 * an item code, a number, a Ref) and the general conversions must group
 * exactly the same rows the same way, and problems still point at cells.
 */
import { strict as assert } from "node:assert";
import { Dec, MovementBook, excelSerialFromIso } from "../../src/engine";
import type { MovementRecord, TableName } from "../../src/engine";
import type { CellValue } from "../../src/workbook/cells";
import { formatProblem, readInput, type RawTable } from "../../src/workbook/parse";
import { TABLES, requiredTables } from "../../src/workbook/schema";

function tables(production: readonly (readonly CellValue[])[]): Partial<Record<TableName, RawTable>> {
  const out: Partial<Record<TableName, RawTable>> = {};
  for (const name of requiredTables("purchase-completion-sale")) out[name] = { sheet: name, headerRow: 1, firstColumn: 0, header: TABLES[name].columns.map((c) => c.key), rows: [] };
  out.Production = { sheet: "Production", headerRow: 1, firstColumn: 0, header: ["Date", "Item", "Qty", "Ref"], rows: production };
  return out;
}

const serial = excelSerialFromIso("2026-11-02");

describe("workbook: reading movement tables", () => {
  it("groups rows read the quick way and the general way alike", () => {
    const rows: CellValue[][] = [
      [serial, "CHAIR", 5, "WO-1"], // quick
      [new Date(Date.UTC(2026, 10, 2)), " CHAIR ", 2.5, null], // quick: a Date, text trimmed, no Ref
      ["2026-11-02", "CHAIR", "1,5", 1001], // general: ISO text date, decimal-comma text, numeric Ref
      [serial, 1001, 4, "  "], // general: numeric item code; a blank Ref
      [serial + 1, "TABLE", 1, "WO-2"],
    ];
    const read = readInput(tables(rows));
    assert.deepEqual(read.problems.map(formatProblem), []);
    const got = read.input!.completions;
    const want: MovementRecord[] = [
      { row: 2, date: "2026-11-02", item: "CHAIR", qty: new Dec(5), ref: "WO-1" },
      { row: 3, date: "2026-11-02", item: "CHAIR", qty: new Dec("2.5") },
      { row: 4, date: "2026-11-02", item: "CHAIR", qty: new Dec("1.5"), ref: "1001" },
      { row: 5, date: "2026-11-02", item: "1001", qty: new Dec(4) },
      { row: 6, date: "2026-11-03", item: "TABLE", qty: new Dec(1), ref: "WO-2" },
    ];
    const plain = (b: MovementBook) => b.days().map((d) => ({ date: d.date, rows: d.rows, groups: d.groups.map((g) => ({ ...g, qty: g.qty.toString(), amount: g.amount.toString() })) }));
    assert.deepEqual(plain(got), plain(MovementBook.of("Production", want)));
    assert.equal(got.rowCount, 5);
  });

  it("reports bad cells of a movement row by address and reads none of it", () => {
    const read = readInput(tables([[serial, "CHAIR", "12,5kg", "WO-1"], [null, null, null, null], [serial, "", 3, null], [{ error: "#N/A" }, "CHAIR", 1, null]]));
    assert.equal(read.input, undefined);
    assert.deepEqual(read.problems.map(formatProblem), [
      'Production!C2: Qty "12,5kg" is not a number',
      "Production!A3: row 3 is blank inside the Production table; delete it",
      "Production!B4: Item is blank",
      "Production!A5: Date: the cell holds #N/A",
    ]);
  });
});
