/**
 * The movement book: grouping by (day, item) as rows are added, exact sums,
 * rows set aside for their own numbers, and the double-entry search — against
 * hand-worked cases and, over random tables, a plain record-by-record reference.
 */
import { strict as assert } from "node:assert";
import Decimal from "decimal.js";
import fc from "fast-check";
import { Dec, MovementBook, ZERO } from "../../src/engine";
import type { MovementRecord, PurchaseRecord } from "../../src/engine";
import { decOfCellNumber } from "../../src/engine/cellnumbers";
import type { BookDay } from "../../src/engine/movements";
import { plainBook } from "../support/books";

const rec = (row: number, date: string, item: string, qty: string | number, ref?: string): MovementRecord => ({ row, date, item, qty: new Dec(qty), ref });
const paid = (row: number, date: string, item: string, qty: string | number, amount: string | number, ref?: string): PurchaseRecord => ({ ...rec(row, date, item, qty, ref), amount: new Dec(amount) });

/** day → item → group, for reading a book's result in a test. */
function byDayItem(days: readonly BookDay[]) {
  return new Map(days.map((d) => [d.date, new Map(d.groups.map((g) => [g.item, g]))]));
}

describe("engine: movement book", () => {
  it("groups by day and item, sums exactly across scales and puts rows in sheet order", () => {
    const book = MovementBook.of("Production", [
      rec(9, "2026-11-02", "CHAIR", "0.25"),
      rec(3, "2026-11-02", "CHAIR", "3"),
      rec(5, "2026-11-01", "CHAIR", "1.5"),
      rec(4, "2026-11-02", "TABLE", 2),
      rec(2, "2026-11-02", "CHAIR", "0.1"),
    ]);
    const days = byDayItem(book.days());
    const chair = days.get("2026-11-02")!.get("CHAIR")!;
    assert.equal(chair.qty.toString(), "3.35");
    assert.deepEqual(chair.rows, [2, 3, 9]);
    assert.equal(chair.rowCount, 3);
    assert.equal(chair.amount.toString(), "0");
    assert.equal(days.get("2026-11-01")!.get("CHAIR")!.qty.toString(), "1.5");
    assert.deepEqual(book.days().find((d) => d.date === "2026-11-02")!.rows, [2, 3, 4, 9]);
    assert.equal(book.rowCount, 5);
  });

  it("gives each day its rows in sheet order, whether the days come one after another or come back", () => {
    const inTurn = MovementBook.of("Sales", [rec(2, "2026-11-01", "TABLE", 1), rec(3, "2026-11-01", "BED", 2), rec(5, "2026-11-02", "TABLE", 3), rec(6, "2026-11-02", "TABLE", 4)]);
    assert.deepEqual(
      inTurn.days().map((d) => [d.date, d.rows, d.groups.map((g) => [g.item, g.rows, g.qty.toString()])]),
      [
        ["2026-11-01", [2, 3], [["BED", [3], "2"], ["TABLE", [2], "1"]]],
        ["2026-11-02", [5, 6], [["TABLE", [5, 6], "7"]]],
      ],
    );
    const comingBack = MovementBook.of("Sales", [rec(2, "2026-11-01", "TABLE", 1), rec(3, "2026-11-02", "BED", 2), rec(4, "2026-11-01", "BED", 3), rec(7, "2026-11-02", "BED", 4), rec(8, "2026-11-01", "TABLE", 5)]);
    assert.deepEqual(
      comingBack.days().map((d) => [d.date, d.rows, d.groups.map((g) => [g.item, g.rows, g.qty.toString()])]),
      [
        ["2026-11-01", [2, 4, 8], [["BED", [4], "3"], ["TABLE", [2, 8], "6"]]],
        ["2026-11-02", [3, 7], [["BED", [3, 7], "6"]]],
      ],
    );
  });

  it("hands a day's groups over by item, whatever order the items came in", () => {
    const book = MovementBook.of("Sales", [rec(2, "2026-11-02", "TABLE", 1), rec(3, "2026-11-01", "TABLE", 1), rec(4, "2026-11-02", "BED", 1), rec(5, "2026-11-02", "Chair", 1), rec(6, "2026-11-02", "CHAIR", 1)]);
    assert.deepEqual(
      book.days().map((d) => [d.date, d.groups.map((g) => g.item)]),
      [
        ["2026-11-02", ["BED", "CHAIR", "Chair", "TABLE"]],
        ["2026-11-01", ["TABLE"]],
      ],
    );
  });

  it("sums the amounts paid of purchases", () => {
    const book = MovementBook.of("Purchases", [paid(2, "2026-11-01", "WOOD", 10, "12.345"), paid(3, "2026-11-01", "WOOD", 5, "0.005")]);
    const g = book.days()[0].groups[0];
    assert.equal(g.qty.toString(), "15");
    assert.equal(g.amount.toString(), "12.35");
  });

  it("sets aside rows whose own numbers break a rule, whole, and groups the rest", () => {
    const book = MovementBook.of("Purchases", [
      paid(2, "2026-11-01", "WOOD", 0, 5),
      paid(3, "2026-11-01", "WOOD", -1, 5),
      paid(4, "2026-11-01", "WOOD", "NaN", 5),
      paid(5, "2026-11-01", "WOOD", 1, -5),
      paid(6, "2026-11-01", "WOOD", 1, 5),
    ]);
    assert.deepEqual(book.setAside.map((r) => r.row), [2, 3, 4, 5]);
    assert.equal(book.setAside[3].amount!.toString(), "-5");
    assert.deepEqual(book.days()[0].groups[0].rows, [6]);
  });

  it("finds rows that repeat an earlier row in every column, and only those", () => {
    const book = MovementBook.of("Production", [
      rec(2, "2026-11-01", "CHAIR", 5),
      rec(3, "2026-11-01", "CHAIR", 5), // repeats 2 (no Ref on either)
      rec(4, "2026-11-01", "CHAIR", "5.0", "WO-1"),
      rec(5, "2026-11-01", "CHAIR", 5, "WO-1"), // repeats 4: 5.0 and 5 are the same quantity
      rec(6, "2026-11-01", "CHAIR", 6, "WO-1"), // another quantity
      rec(7, "2026-11-02", "CHAIR", 5, "WO-1"), // another day
      rec(8, "2026-11-01", "TABLE", 5, "WO-1"), // another item
      rec(9, "2026-11-01", "CHAIR", 5), // repeats 2, the first of its kind
    ]);
    const chair = byDayItem(book.days()).get("2026-11-01")!.get("CHAIR")!;
    assert.deepEqual(chair.repeats, [
      { row: 3, first: 2 },
      { row: 5, first: 4 },
      { row: 9, first: 2 },
    ]);
    assert.equal(byDayItem(book.days()).get("2026-11-02")!.get("CHAIR")!.repeats.length, 0);
  });

  it("tells purchases apart by the amount paid", () => {
    const book = MovementBook.of("Purchases", [paid(2, "2026-11-01", "WOOD", 10, 100, "INV-1"), paid(3, "2026-11-01", "WOOD", 10, 101, "INV-1"), paid(4, "2026-11-01", "WOOD", 10, "100.00", "INV-1")]);
    assert.deepEqual(book.days()[0].groups[0].repeats, [{ row: 4, first: 2 }]);
  });

  it("finds repeats in a long run of one quantity, told apart by their Refs", () => {
    // 60 rows of quantity 1: Refs R0..R29 twice; each second one repeats the first.
    const records = Array.from({ length: 60 }, (_, i) => rec(i + 2, "2026-11-01", "CHAIR", 1, `R${i % 30}`));
    const g = MovementBook.of("Production", records).days()[0].groups[0];
    assert.deepEqual(
      g.repeats,
      Array.from({ length: 30 }, (_, i) => ({ row: i + 32, first: i + 2 })),
    );
    assert.equal(g.qty.toString(), "60");
  });

  it("keeps apart Refs whose hashes collide, in short and long runs", () => {
    // "Aa" and "BB" hash alike, so their rows' keys collide and only the Refs' texts tell them apart; 40 rows of one quantity alternate them.
    for (const length of [4, 40]) {
      const records = Array.from({ length }, (_, i) => rec(i + 2, "2026-11-01", "CHAIR", 1, i % 2 === 0 ? "Aa" : "BB"));
      const g = MovementBook.of("Production", records).days()[0].groups[0];
      assert.deepEqual(
        g.repeats,
        records.slice(2).map((r, i) => ({ row: r.row, first: i % 2 === 0 ? 2 : 3 })),
        `${length} rows`,
      );
    }
  });

  it("finds repeats among the Refs of a book that expects many rows, across its chunks of Refs", () => {
    // 70,000 rows of one quantity, Refs R0..R34999 twice: each second one (in the second chunk of 65,536 and past it) repeats the first.
    const book = new MovementBook("Production", 70_000);
    for (let i = 0; i < 70_000; i++) book.add(i + 2, "2026-11-01", "CHAIR", new Dec(1), `R${i % 35_000}`);
    const g = book.days()[0].groups[0];
    assert.equal(g.repeats.length, 35_000);
    assert.ok(g.repeats.every((r, i) => r.row === i + 35_002 && r.first === i + 2));
  });

  it("knows a number met again among thousands of distinct ones, as its index grows", () => {
    // 3,000 quantities (cents, a hair off their decimals) each added twice as a cell's number, the second time in a second pass: each second row repeats its first.
    const book = new MovementBook("Purchases");
    const qty = (i: number) => (i + 1) * 0.07;
    for (let pass = 0; pass < 2; pass++) for (let i = 0; i < 3000; i++) book.addNumbers(2 + pass * 3000 + i, "2026-11-01", "WOOD", qty(i), `INV-${i}`, 1.1);
    const g = book.days()[0].groups[0];
    assert.equal(g.repeats.length, 3000);
    assert.ok(g.repeats.every((r, i) => r.row === 3002 + i && r.first === 2 + i));
    assert.equal(g.qty.toString(), new Dec("0.07").times(3000 * 3001).toString());
    assert.equal(g.amount.toString(), "6600");
  });

  it("sets aside a NaN quantity or amount (a caller that computes its numbers can pass one) on every row, and still files the rows around it", () => {
    const book = new MovementBook("Purchases");
    for (let i = 0; i < 50; i++) book.addNumbers(2 + i, "2026-11-01", "WOOD", i % 2 === 0 ? NaN : 2, `INV-${i}`, i % 2 === 0 ? 1 : NaN);
    book.addNumbers(52, "2026-11-01", "WOOD", 3, "INV-50", 4.5);
    assert.equal(book.setAside.length, 50);
    assert.ok(book.setAside.every((r, i) => r.row === 2 + i && (i % 2 === 0 ? r.qty.isNaN() : r.amount!.isNaN())));
    const [g] = book.days()[0].groups;
    assert.deepEqual([g.rows, g.qty.toString(), g.amount.toString()], [[52], "3", "4.5"]);
  });

  it("sums past 2^53 units exactly, in BigInt", () => {
    const book = MovementBook.of("Production", [rec(2, "2026-11-01", "CHAIR", "4503599627370496"), rec(3, "2026-11-01", "CHAIR", "4503599627370497"), rec(4, "2026-11-01", "CHAIR", "0.5")]);
    assert.equal(book.days()[0].groups[0].qty.toString(), "9007199254740993.5");
  });


  it("tells apart rows of one Ref by the amount paid in a long run of one quantity", () => {
    // 40 purchases of quantity 1 on INV-1 alternate two amounts: only the amount tells their keys apart, and every row repeats the first of its amount.
    const records = Array.from({ length: 40 }, (_, i) => paid(i + 2, "2026-11-01", "WOOD", 1, i % 2 === 0 ? 100 : 101, "INV-1"));
    const g = MovementBook.of("Purchases", records).days()[0].groups[0];
    assert.deepEqual(
      g.repeats,
      records.slice(2).map((r, i) => ({ row: r.row, first: i % 2 === 0 ? 2 : 3 })),
    );
    assert.equal(g.amount.toString(), "4020");
  });

  it("groups rows given as cells' numbers as it groups their Decs, whichever way each row comes", () => {
    // Numbers that round alike in 15 digits, whole and not, zero of both signs, negative, tiny and huge; quantities and amounts.
    const number = fc.oneof(
      fc.constantFrom(0.1 + 0.2, 0.3, 1, 1.0000000000000002, 5, 2.5, 0, -0, -1, 1e-7, 1e-320, 1e21, 123456789012345.6, 999999999999999.9, 4095, 4096, 0.1 * 3),
      fc.double({ min: -10, max: 1e6, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -3, max: 5000 }),
      // Cents and tenths of a mil, as a sheet holds them: the double is often a hair below its decimal (0.29 × 100 = 28.999999999999996).
      fc.tuple(fc.integer({ min: 1, max: 1e12 }), fc.constantFrom(100, 1e4)).map(([units, per]) => units / per),
    );
    // Few days, items and Refs, and amounts from a short list, so that rows meet in groups and repeat each other.
    const row = fc.record({ day: fc.integer({ min: 1, max: 2 }), item: fc.constantFrom("A", "A", "B"), qty: number, amount: fc.constantFrom(0, -0, 0.3, 0.1 + 0.2, 7, 2.5), ref: fc.option(fc.constant("X"), { nil: undefined }), asDec: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), fc.boolean(), (rows, purchases) => {
        const table = purchases ? "Purchases" : "Production";
        const cells = new MovementBook(table);
        const decs = new MovementBook(table);
        rows.forEach((r, i) => {
          const date = `2026-11-0${r.day}`;
          const amount = purchases ? r.amount : undefined;
          if (r.asDec) cells.add(i + 2, date, r.item, decOfCellNumber(r.qty), r.ref, amount === undefined ? undefined : decOfCellNumber(amount));
          else cells.addNumbers(i + 2, date, r.item, r.qty, r.ref, amount);
          decs.add(i + 2, date, r.item, decOfCellNumber(r.qty), r.ref, amount === undefined ? undefined : decOfCellNumber(amount));
        });
        assert.deepEqual(plainBook(cells), plainBook(decs));
      }),
      { numRuns: 400 },
    );
  });

  it("sums cells' numbers as a plain high-precision sum of their 15-digit decimals, and sets aside the rows they break a rule in", () => {
    const Exact = Decimal.clone({ precision: 2000 });
    // Purchase-like numbers: cents and tenths of a mil (often a hair off their decimal), binary sums, whole numbers at and past 10^15 and 2^53, tiny and huge ones, zero of both signs and negatives.
    const number = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 1e12 }), fc.constantFrom(100, 1e4)).map(([units, per]) => units / per),
      fc.constantFrom(0.1 + 0.2, 0.3, 0.1, 0.7 + 0.1, 1e15, 1e15 + 2, 999999999999999.9, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 1e-7, 1.5e-300, 1e-320, Number.MIN_VALUE, 1e21, 1e300, Number.MAX_VALUE, 0, -0, -0.01),
      fc.double({ min: -1, max: 1e20, noNaN: true }),
    );
    const row = fc.record({ day: fc.integer({ min: 1, max: 2 }), item: fc.constantFrom("A", "B"), qty: number, amount: number, ref: fc.option(fc.constant("X"), { nil: undefined }) });
    const exact = (n: number) => new Exact(n.toPrecision(15));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const book = new MovementBook("Purchases");
        const want = new Map<string, { qty: Decimal; amount: Decimal; rows: number[] }>();
        const setAside: number[] = [];
        rows.forEach((r, i) => {
          const date = `2026-11-0${r.day}`;
          book.addNumbers(i + 2, date, r.item, r.qty, r.ref, r.amount);
          const qty = exact(r.qty);
          const amount = exact(r.amount);
          if (!qty.isPositive() || qty.isZero() || amount.isNegative() || Object.is(r.amount, -0)) {
            setAside.push(i + 2);
            return;
          }
          const key = `${date}|${r.item}`;
          const g = want.get(key) ?? { qty: new Exact(0), amount: new Exact(0), rows: [] };
          want.set(key, { qty: g.qty.plus(qty), amount: g.amount.plus(amount), rows: [...g.rows, i + 2] });
        });
        assert.deepEqual(book.setAside.map((r) => r.row), setAside);
        const got = new Map(book.days().flatMap((d) => d.groups.map((g): [string, (typeof d.groups)[number]] => [`${d.date}|${g.item}`, g])));
        assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
        for (const [key, w] of want) {
          const g = got.get(key)!;
          assert.ok(new Exact(g.qty.toString()).equals(w.qty), `${key} qty ${g.qty} ≠ ${w.qty}`);
          assert.ok(new Exact(g.amount.toString()).equals(w.amount), `${key} amount ${g.amount} ≠ ${w.amount}`);
          assert.deepEqual(g.rows, w.rows, key);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("reads a sheet's rows in one loop as it reads them one by one, and hands every other row over in sheet order", () => {
    // Cells of every kind the readers meet: dates as serials (the same one again, days that come back), blanks, texts, NaN, −0; Refs as text, numbers, blanks and booleans.
    const dateCell = fc.constantFrom<unknown>(1, 1, 1, 2, 2, 3, -0, NaN, "1", undefined);
    const textCell = fc.constantFrom<unknown>("A", "A", "B", "", 7, undefined);
    const numberCell = fc.constantFrom<unknown>(1, 2.5, 0.1 + 0.2, 0.3, 5000, 0, -0, -1, NaN, Infinity, "4", undefined);
    const refCell = fc.constantFrom<unknown>("X", "Y", 12, undefined, true);
    const row = fc.tuple(dateCell, textCell, numberCell, numberCell, refCell);
    const dateOf = (c: unknown) => (c === 1 || c === 2 ? `2026-11-0${c}` : undefined);
    const textOf = (c: unknown) => (typeof c === "string" && c !== "" ? c : undefined);
    const numberOf = (c: unknown) => (typeof c === "number" && Number.isFinite(c) ? c : undefined);
    const refOf = (c: unknown) => (typeof c === "string" ? c : typeof c === "number" ? String(c) : c === undefined ? undefined : null);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), fc.boolean(), (grid, purchases, withRef) => {
        const table = purchases ? "Purchases" : "Production";
        const [dateAt, itemAt, qtyAt, amountAt, refAt] = [0, 1, 2, purchases ? 3 : -1, withRef ? 4 : -1];
        const byRow = new MovementBook(table);
        const othersByRow: number[] = [];
        grid.forEach((cells, i) => {
          const date = dateOf(cells[dateAt]);
          const item = textOf(cells[itemAt]);
          const qty = numberOf(cells[qtyAt]);
          const amount = purchases ? numberOf(cells[amountAt]) : 0;
          const ref = refAt < 0 ? undefined : refOf(cells[refAt]);
          if (date === undefined || item === undefined || qty === undefined || amount === undefined || ref === null) othersByRow.push(i);
          else byRow.addNumbers(i + 2, date, item, qty, ref, purchases ? amount : undefined);
        });
        const inOneLoop = new MovementBook(table);
        const others: number[] = [];
        inOneLoop.addSheetRows({ cells: grid, last: grid.length - 1, firstSheetRow: 2, dateAt, itemAt, qtyAt, amountAt, refAt, dateOf, textOf, numberOf, refOf, other: (i) => others.push(i) });
        assert.deepEqual(others, othersByRow);
        assert.deepEqual(plainBook(inOneLoop), plainBook(byRow));
      }),
      { numRuns: 400 },
    );
  });

  it("refuses rows once its days were read", () => {
    const book = MovementBook.of("Sales", [rec(2, "2026-11-01", "CHAIR", 1)]);
    book.days();
    assert.throws(() => book.add(3, "2026-11-01", "CHAIR", new Dec(1)), /closed movement book/);
  });

  it("agrees with a record-by-record reference on random tables (groups, sums, rows, repeats)", () => {
    const row = fc.record({
      day: fc.integer({ min: 1, max: 4 }),
      item: fc.constantFrom("A", "B", "C"),
      // Few quantities and Refs, written several ways, so that repeats and equal values in other instances happen.
      qty: fc.constantFrom("1", "1.0", "2", "0.5", "0.50", "12.345", "3"),
      amount: fc.constantFrom("10", "10.00", "7.5", "0"),
      ref: fc.option(fc.constantFrom("X", "Y", "Z"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.boolean(), fc.boolean(), (rows, purchases, shuffle) => {
        const records = rows.map((r, i) => ({ row: i + 2, date: `2026-11-0${r.day}`, item: r.item, qty: new Dec(r.qty), ref: r.ref, ...(purchases ? { amount: new Dec(r.amount) } : {}) }));
        const added = shuffle ? [...records].reverse() : records;
        const book = MovementBook.of(purchases ? "Purchases" : "Production", added);
        // The reference: one key per group, rows in order, and for repeats every column as text.
        const want = new Map<string, { qty: Dec; amount: Dec; rows: number[]; repeats: { row: number; first: number }[]; seen: Map<string, number> }>();
        for (const r of records) {
          const key = `${r.date}|${r.item}`;
          let g = want.get(key);
          if (!g) want.set(key, (g = { qty: ZERO, amount: ZERO, rows: [], repeats: [], seen: new Map() }));
          g.qty = g.qty.plus(r.qty);
          g.amount = g.amount.plus("amount" in r && r.amount ? r.amount : ZERO);
          g.rows.push(r.row);
          const full = [r.qty.toString(), "amount" in r && r.amount ? r.amount.toString() : "", r.ref ?? ""].join("|");
          const first = g.seen.get(full);
          if (first === undefined) g.seen.set(full, r.row);
          else g.repeats.push({ row: r.row, first });
        }
        const got = new Map(book.days().flatMap((d) => d.groups.map((g): [string, (typeof d.groups)[number]] => [`${d.date}|${g.item}`, g])));
        assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
        for (const [key, w] of want) {
          const g = got.get(key)!;
          assert.ok(g.qty.equals(w.qty), `${key} qty ${g.qty} ≠ ${w.qty}`);
          assert.ok(g.amount.equals(w.amount), `${key} amount ${g.amount} ≠ ${w.amount}`);
          assert.deepEqual(g.rows, w.rows, key);
          assert.deepEqual(g.repeats, w.repeats, key);
        }
        for (const d of book.days()) assert.deepEqual(d.rows, records.filter((r) => r.date === d.date).map((r) => r.row));
      }),
      { numRuns: 200 },
    );
  });
});
