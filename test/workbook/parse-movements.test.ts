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

  it("reads numbers that make one value as one value, and sets aside the numbers that break a rule", () => {
    const rows: CellValue[][] = [
      [serial, "CHAIR", 0.1 + 0.2, "WO-1"],
      [serial, "CHAIR", 0.3, "WO-1"], // the same quantity in Excel's 15 digits: a double entry of row 2
      [serial, "CHAIR", 0, "WO-2"],
      [serial, "CHAIR", -2, "WO-3"],
      [serial, "CHAIR", 2, "WO-4"],
      [serial, "CHAIR", 0.30000000000000004, "WO-1"], // the number of row 2 again, looked up the second time
    ];
    const book = readInput(tables(rows)).input!.completions;
    const chair = book.days()[0].groups[0];
    assert.deepEqual(chair.rows, [2, 3, 6, 7]);
    assert.equal(chair.qty.toString(), "2.9");
    assert.deepEqual(chair.repeats, [{ row: 3, first: 2 }, { row: 7, first: 2 }]);
    assert.deepEqual(book.setAside.map((r) => [r.row, r.qty.toString()]), [[4, "0"], [5, "-2"]]);
  });

  it("sets aside a purchase paid −0, as it does one paid less than zero, and reads one paid 0", () => {
    const t = tables([]);
    t.Purchases = { sheet: "Purchases", headerRow: 1, firstColumn: 0, header: ["Date", "Item", "Qty", "Amount", "Ref"], rows: [[serial, "WOOD", 1, -0, "INV-1"], [serial, "WOOD", 1, 0, "INV-2"], [serial, "WOOD", 1, -0, "INV-3"]] };
    const book = readInput(t).input!.purchases;
    assert.deepEqual(book.setAside.map((r) => [r.row, Object.is(r.amount!.toNumber(), -0)]), [[2, true], [4, true]]);
    assert.deepEqual(book.days()[0].groups[0].rows, [3]);
    assert.equal(book.days()[0].groups[0].amount.toString(), "0");
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
