/**
 * Every problem at once (check.ts): bad cells added to a good plant are each
 * reported at their cell, whatever else is wrong, and nothing they only cause
 * (an item whose row was not read "is not in Items", an assembly whose line was
 * not read "has no lines") is reported besides. Meaning problems on the rows
 * that passed are reported in the same check.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { TableName } from "../../src/engine";
import { generatePlant, rawTablesOf } from "../../src/sample";
import type { CellValue } from "../../src/workbook/cells";
import { columnLetter } from "../../src/workbook/cells";
import { checkInput } from "../../src/workbook/check";
import { formatProblem, readInput } from "../../src/workbook/parse";
import type { InputTableModel } from "../../src/workbook/port";
import { FOUR_PROBLEMS, fourProblemSample } from "../support/four-problems";
import { checked } from "./support";
import { chairMaker, editSheet } from "../contract/fixtures";

/** The tables whose every cell is read (Settings' values are typed by their key, and left out). */
const TABLES: readonly TableName[] = ["Items", "BOM", "Production", "Sales", "Purchases", "Conversion", "Inventory", "Accounts"];

interface BadCell {
  table: TableName;
  /** Index into the model's rows (sheet row − 2). */
  index: number;
  column: number;
  value: CellValue;
  code: string;
}

/** What makes a cell of this kind bad, and the code it is reported with. */
function badValues(kind: string): { value: CellValue; code: string }[] {
  const always = [
    { value: { error: "#N/A" }, code: "cell-error" },
    { value: { error: "#REF!" }, code: "cell-error" },
  ];
  if (kind === "number" || kind === "money") return [...always, { value: "12,5kg", code: "not-a-number" }];
  if (kind === "date") return [...always, { value: "31/11/2026", code: "not-a-date" }];
  return always;
}

/** A small good plant for a seed (kept, so that a counterexample shows the seed, not the plant). */
const plants = new Map<number, InputTableModel[]>();
function plantOf(seed: number): InputTableModel[] {
  let models = plants.get(seed);
  if (!models) plants.set(seed, (models = generatePlant({ seed, materials: 8, assemblies: 5, bomDepth: 2, bomWidth: 3, completionRows: 40, salesRows: 25, purchaseRows: 15, conversionRows: 4, periodDays: 10 })));
  return models;
}

/** A plant's seed and some of its cells made bad, each a cell of its own. */
const plantWithBadCells = fc.integer({ min: 1, max: 1_000_000 }).chain((seed) => {
  const models = plantOf(seed);
  const cells = models
    .filter((m) => TABLES.includes(m.table))
    .flatMap((m) => m.rows.flatMap((_, index) => m.columns.map((c, column) => ({ table: m.table, index, column, kind: c.kind }))));
  const bad = fc
    .uniqueArray(fc.nat({ max: cells.length - 1 }), { minLength: 1, maxLength: 8 })
    .chain((picked) => fc.tuple(...picked.map((i) => fc.constantFrom(...badValues(cells[i].kind)).map((b): BadCell => ({ ...cells[i], ...b })))));
  return fc.tuple(fc.constant(seed), bad);
});

function withCells(models: readonly InputTableModel[], cells: readonly BadCell[]): InputTableModel[] {
  return models.map((m) => {
    const mine = cells.filter((c) => c.table === m.table);
    if (mine.length === 0) return m;
    const rows = m.rows.map((r) => [...r]);
    for (const c of mine) rows[c.index][c.column] = c.value;
    return { ...m, rows };
  });
}

const addressOf = (c: BadCell) => `${c.table}!${columnLetter(c.column)}${c.index + 2}`;

describe("workbook: every problem at once", () => {
  it("reports each bad cell added to a good plant at its cell, and nothing it only causes", () => {
    fc.assert(
      fc.property(plantWithBadCells, ([seed, cells]) => {
        const checked = checkInput(readInput(rawTablesOf(withCells(plantOf(seed), cells))));
        assert.ok(!checked.ok);
        const got = checked.problems.map((p) => `${p.address} ${p.code}`).sort();
        assert.deepEqual(got, cells.map((c) => `${addressOf(c)} ${c.code}`).sort(), checked.problems.map(formatProblem).join("\n"));
      }),
      { numRuns: 150 },
    );
  });

  it("reports bad cells and an unknown item on a row that passed in the same check", () => {
    fc.assert(
      fc.property(plantWithBadCells, ([seed, cells]) => {
        const models = plantOf(seed);
        // A Sales row none of the bad cells is on gets an item nobody has.
        const sales = models.find((m) => m.table === "Sales")!;
        const free = sales.rows.findIndex((_, i) => !cells.some((c) => c.table === "Sales" && c.index === i));
        const typo: BadCell = { table: "Sales", index: free, column: 1, value: "NO-SUCH-ITEM", code: "unknown-item" };
        const checked = checkInput(readInput(rawTablesOf(withCells(models, [...cells, typo]))));
        assert.ok(!checked.ok);
        const got = checked.problems.map((p) => `${p.address} ${p.code}`);
        const itemRowBad = cells.some((c) => c.table === "Items" && c.column === 0);
        // An Items code that cannot be read may be any item's: "not in Items" waits for that cell's fix.
        const want = itemRowBad ? cells : [...cells, typo];
        assert.deepEqual([...got].sort(), want.map((c) => `${addressOf(c)} ${c.code}`).sort(), checked.problems.map(formatProblem).join("\n"));
      }),
      { numRuns: 100 },
    );
  });

  it("does not take two rows for one when both their Refs are error values (seed 901941: Production rows 3 and 5 differ only in Ref)", () => {
    const cells: BadCell[] = [
      { table: "Production", index: 1, column: 3, value: { error: "#N/A" }, code: "cell-error" },
      { table: "Production", index: 3, column: 3, value: { error: "#N/A" }, code: "cell-error" },
    ];
    const production = plantOf(901941).find((m) => m.table === "Production")!;
    assert.deepEqual(production.rows[1].slice(0, 3), production.rows[3].slice(0, 3), "the two rows share date, item and quantity");
    const checked = checkInput(readInput(rawTablesOf(withCells(plantOf(901941), cells))));
    assert.ok(!checked.ok);
    assert.deepEqual(checked.problems.map((p) => `${p.address} ${p.code}`), ["Production!D3 cell-error", "Production!D5 cell-error"]);
  });

  it("lists the problems table by table, row by row", () => {
    const checked = checkInput(readInput(rawTablesOf(fourProblemSample())));
    assert.ok(!checked.ok);
    assert.deepEqual(checked.problems.map(formatProblem), FOUR_PROBLEMS);
  });

  it("waits with the meaning rules when Items cannot be read as a table", () => {
    const models = generatePlant({ seed: 3, materials: 6, assemblies: 3, bomDepth: 2, bomWidth: 3, completionRows: 20, salesRows: 10, purchaseRows: 8, conversionRows: 2, periodDays: 5 });
    // Items without its Type column: no item is read, and every movement would name an unknown item.
    const items = models.find((m) => m.table === "Items")!;
    const noType = models.map((m) => (m === items ? { ...m, columns: m.columns.map((c) => (c.header === "Type" ? { ...c, header: "Kind" } : c)) } : m));
    const checked = checkInput(readInput(rawTablesOf(noType)));
    assert.ok(!checked.ok);
    assert.deepEqual(checked.problems.map(formatProblem), ["Items!1:1: Items has no column Type (or Item type, Typ, Jenis)"]);
  });
});

describe("workbook: a sheet whose headers are below row 1", () => {
  it("is one problem at the headers' row, naming the sheet, not a missing column each and a blank row above them", () => {
    // A title in row 1 and a blank row 2 above the Production sheet's headers, which are in row 3.
    const fixture = editSheet(chairMaker(), "Production", (rows) => void rows.unshift(["Completions, November"], []));
    const outcome = checked(fixture);
    assert.ok(outcome.problems);
    const production = outcome.problems.filter((p) => p.startsWith("Production!"));
    assert.deepEqual(production, ["Production!3:3: the headers on sheet Production are in row 3, but a sheet is read as a table with its headers in row 1: delete the rows above them, or make the range an Excel table (Insert › Table)"]);
  });
});

describe("workbook: a problem names the column as the workbook heads it", () => {
  it("says Belopp and Artikel where the Purchases sheet heads its columns in Swedish, and the key where a header is no text", () => {
    const fixture = editSheet(chairMaker(), "Purchases", (rows) => {
      rows[0] = ["Datum", "Artikel", "Antal", "Belopp"];
      rows[1] = [rows[1][0], rows[1][1], rows[1][2], "tolv"];
    });
    const outcome = checked(fixture);
    assert.ok(outcome.problems);
    assert.deepEqual(outcome.problems.filter((p) => p.startsWith("Purchases!")), ['Purchases!D2: Belopp "tolv" is not a number']);
  });
});

describe("workbook: the engine's problems name the column as the workbook heads it too", () => {
  it("says Artikel and Antal for an unknown item and a quantity below zero on a Sales sheet headed in Swedish", () => {
    const fixture = editSheet(chairMaker(), "Sales", (rows) => {
      rows[0] = ["Datum", "Artikel", "Antal"];
      rows.push([rows[1][0], "NOPE", 1], [rows[1][0], "CHAIR", -3]);
    });
    const outcome = checked(fixture);
    assert.ok(outcome.problems);
    const sales = outcome.problems.filter((p) => p.startsWith("Sales!"));
    assert.ok(sales.some((p) => /^Sales!B3: Artikel "NOPE"/.test(p)), sales.join("\n"));
    assert.ok(sales.some((p) => /^Sales!C4: Antal /.test(p)), sales.join("\n"));
  });
});

describe("workbook: a BOM line with a date that cannot be read", () => {
  it("is one problem at its date, not also a clash with the line beside it for overlapping dates", () => {
    // CHAIR → WOOD twice: 2.5 until 15 Nov, 2.4 from 16 Nov; the second line's ValidFrom typed as text Excel did not take for a date.
    const fixture = editSheet(chairMaker(), "BOM", (rows) => {
      rows[0] = [...rows[0], "ValidFrom", "ValidTo"];
      rows[5] = [...rows[5], null, "2026-11-15"];
      rows.push(["CHAIR", "WOOD", 2.4, null, "16.11.2026", null]);
    });
    const outcome = checked(fixture);
    assert.ok(outcome.problems);
    assert.deepEqual(
      outcome.problems.filter((p) => p.startsWith("BOM!")),
      ['BOM!E8: ValidFrom "16.11.2026" is not a date; write it as a date cell or as year-month-day (YYYY-MM-DD)'],
    );
  });
});
