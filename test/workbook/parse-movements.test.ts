/**
 * Reading movement tables: the quick path for the usual row (a serial date,
 * an item code, a number, a Ref) and the general conversions must group
 * exactly the same rows the same way, and problems still point at cells.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, MovementBook, excelSerialFromIso } from "../../src/engine";
import { repeatKey } from "../../src/engine/movements";
import type { MovementRecord, PurchaseRecord, TableName } from "../../src/engine";
import type { CellValue } from "../../src/workbook/cells";
import { isBlank, timeOfDateText, toDate, toDec, toText } from "../../src/workbook/cells";
import { formatProblem, readInput, type RawTable } from "../../src/workbook/parse";
import { TABLES, requiredTables } from "../../src/workbook/schema";
import { plainBook } from "../support/books";

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
    assert.deepEqual(plainBook(got), plainBook(MovementBook.of("Production", want)));
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

  it("reads a purchase paid −0 as one paid 0 (an export's -0,00 is no negative amount), the quick way and the general", () => {
    const t = tables([]);
    t.Purchases = { sheet: "Purchases", headerRow: 1, firstColumn: 0, header: ["Date", "Item", "Qty", "Amount", "Ref"], rows: [[serial, "WOOD", 1, -0, "INV-1"], [serial, "WOOD", 1, 0, "INV-2"], [serial, "WOOD", "1,5", -0, "INV-3"]] };
    const book = readInput(t).input!.purchases;
    assert.deepEqual(book.setAside, []);
    assert.deepEqual(book.days()[0].groups[0].rows, [2, 3, 4]);
    assert.ok(!book.days()[0].groups[0].amount.isNegative());
    assert.equal(book.days()[0].groups[0].amount.toString(), "0");
  });

  it("reports bad cells of a movement row by address and reads none of it", () => {
    const read = readInput(tables([[serial, "CHAIR", "12,5kg", "WO-1"], [null, null, null, null], [serial, "", 3, null], [{ error: "#N/A" }, "CHAIR", 1, null]]));
    assert.equal(read.input, undefined);
    assert.deepEqual(read.problems.map(formatProblem), [
      'Production!C2: Qty "12,5kg" is not a number',
      "Production!A3: Row 3 is blank inside the Production table; delete it",
      "Production!B4: Item is blank",
      "Production!A5: Date: the cell holds #N/A",
    ]);
  });

  it("reports every bad cell of a sheet with more bad cells than a function call takes arguments", () => {
    // 250,000 quantities written as text: each is a problem of its own, and collecting them must not overflow the stack.
    const rows = Array.from({ length: 250_000 }, (_, i) => [serial, "CHAIR", `${i + 1} pcs`, null]);
    const read = readInput(tables(rows));
    assert.equal(read.input, undefined);
    assert.equal(read.problems.length, 250_000);
    assert.equal(formatProblem(read.problems[249_999]), 'Production!C250001: Qty "250000 pcs" is not a number');
  });

  it("reads a purchase whose Ref is a number the quick way, as its digits, a double entry of the same Ref as text", () => {
    const t = tables([]);
    t.Purchases = { sheet: "Purchases", headerRow: 1, firstColumn: 0, header: ["Date", "Item", "Qty", "Amount", "Ref"], rows: [[serial, "WOOD", 2, 10.5, 100001], [serial, "WOOD", 2, 10.5, "100001"], [serial, "WOOD", 2, 10.5, 100002]] };
    const g = readInput(t).input!.purchases.days()[0].groups[0];
    assert.deepEqual(g.repeats, [{ row: 3, first: 2 }]);
    assert.equal(g.amount.toString(), "31.5");
  });

  it("reads random movement rows as the general conversions read them, cell by cell", () => {
    // Cells of every kind a movement column may hold: mostly ones a column can mean (the usual ones and those only the general conversions take), now and then one it cannot.
    const cell = (good: CellValue[], bad: CellValue[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 40 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
    const date = cell([serial, serial + 1, serial + 0.5, new Date(Date.UTC(2026, 10, 2)), "2026-11-03"], ["3 Nov", 0, null, true, { error: "#N/A" }]);
    const item = cell(["CHAIR", " CHAIR ", "TABLE", 1001], ["", "  ", null, false]);
    const number = cell([5, 2.5, 0.1 + 0.2, 0.3, 0, -0, -1, "1,5", 1e21], ["12kg", null, { error: "#REF!" }]);
    const ref = cell(["WO-1", " WO-1", 1001, "1001", -0, 2.5, 1e21, "", "  ", null], [true, new Date(Date.UTC(2026, 10, 2)), { error: "#VALUE!" }]);
    const row = fc.tuple(date, item, number, number, ref);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (cells) => {
        const t = tables([]);
        t.Purchases = { sheet: "Purchases", headerRow: 1, firstColumn: 0, header: ["Date", "Item", "Qty", "Amount", "Ref"], rows: cells };
        const read = readInput(t);
        // The reference: each cell through its general conversion, each problem at its cell; a row with a problem in any required cell is not read.
        const want: PurchaseRecord[] = [];
        const problems: string[] = [];
        let last = cells.length - 1;
        while (last >= 0 && cells[last].every(isBlank)) last--;
        cells.slice(0, last + 1).forEach(([d, i, q, a, r], k) => {
          const at = (column: string) => `Purchases!${column}${k + 2}`;
          if ([d, i, q, a, r].every(isBlank)) return void problems.push(at("A"));
          const req = <T>(v: CellValue, column: string, conv: (v: CellValue) => { ok: true; value: T } | { ok: false }): T | undefined => {
            const c = isBlank(v) ? undefined : conv(v);
            if (c?.ok) return c.value;
            problems.push(at(column));
            return undefined;
          };
          const [dv, iv, qv, av] = [req(d, "A", toDate), req(i, "B", toText), req(q, "C", toDec), req(a, "D", toDec)];
          const rv = isBlank(r) ? undefined : toText(r);
          if (rv && !rv.ok) problems.push(at("E"));
          // A date's time of day tells two rows apart as a Ref does (parse.ts restOfRow): it is kept with the Ref, as the key repeats are found by.
          const time = typeof d === "number" ? Math.round((d % 1) * 86_400_000) : d instanceof Date ? d.getTime() % 86_400_000 : typeof d === "string" ? (timeOfDateText(d) ?? 0) : 0;
          const refValue = rv?.ok ? rv.value || undefined : undefined;
          if (dv !== undefined && iv !== undefined && qv !== undefined && av !== undefined) want.push({ row: k + 2, date: dv, item: iv, qty: qv, amount: av, ref: time ? repeatKey(refValue, String(time)) : refValue });
        });
        assert.deepEqual(read.problems.map((p) => p.address), problems, read.problems.map(formatProblem).join("; "));
        if (problems.length > 0) return;
        assert.deepEqual(plainBook(read.input!.purchases), plainBook(MovementBook.of("Purchases", want)));
      }),
      { numRuns: 500 },
    );
  });
});
